// The console's figures, driving the same browser flow as test/n8n/console.test.ts:
//  - console_first_project_steps: forms a person submits from an empty ledger to a project that
//    receives mail (the key, then the first-run form), checked in the ledger (project + address).
//  - console_bundle_kb: the page's inline JS + CSS, gzipped, as the browser downloads them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { repoRoot } from '../scripts/n8n/paths';
import { ConsoleSteps } from '../test/support/console-browser';
import { CONSOLE_KEY, startConsoleWorld } from './console-world';

export async function run(): Promise<void> {
  const world = await startConsoleWorld((m) => console.log(`# ${m}`), { build: !process.env.SUPPORTGATE_BENCH_NO_BUILD });
  try {
    const page = await (await world.browser.newContext({ locale: 'en-GB' })).newPage();
    const steps = new ConsoleSteps(page);
    const started = Date.now();
    await page.goto(world.url);
    await steps.enterKey(CONSOLE_KEY);
    await page.getByRole('heading', { name: 'Set up your first project' }).waitFor();
    await steps.firstProject({ name: 'Agence démo', supportAddress: 'support@agence-demo.fr', price: '80' });
    await page.getByRole('heading', { name: 'Authorize a client' }).waitFor();
    const [project] = await world.store.listProjects();
    const recipients = project ? await world.store.listRecipients(project.id) : [];
    if (!project || !recipients.length) throw new Error('the first-run flow did not leave a project with a support address');
    const readyMs = Date.now() - started;
    const projectSteps = steps.submissions;
    await steps.authorize('paul@boulangerie-dupre.fr', { credits: 2 });
    await page
      .getByRole('row', { name: /paul@boulangerie-dupre\.fr/ })
      .first()
      .waitFor();

    const { html } = JSON.parse(readFileSync(path.join(repoRoot, 'dist/console/page.json'), 'utf8')) as { html: string };
    const inline = [...html.matchAll(/<(script|style)>([\s\S]*?)<\/\1>/g)].map((m) => m[2]).join('');
    console.log(`# empty ledger → project receiving mail in ${readyMs} ms of browser time; first client authorized with one more form`);
    console.log(`figure console_first_project_steps = ${projectSteps}`);
    console.log(`figure console_bundle_kb = ${(gzipSync(inline).length / 1024).toFixed(1)} kB`);
  } finally {
    await world.close();
  }
}
