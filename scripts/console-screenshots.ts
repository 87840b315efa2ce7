// `npm run console:screenshots`: PNGs of every console screen into docs/console/ (the README shows
// them), taken in Chromium from the console served by an n8n of its own, on a ledger filled the
// way a person would (first run and clients through the page; tickets and a payment link as the
// intake would record them). The first-run screen in light and dark.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { CONSOLE_KEY, startConsoleWorld } from '../bench/console-world';
import { ConsoleSteps } from '../test/support/console-browser';
import { repoRoot } from './n8n/paths';

const out = path.join(repoRoot, 'docs', 'console');

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(out, `${name}.png`), fullPage: true });
  console.log(`==> docs/console/${name}.png`);
}

export async function main(): Promise<void> {
  mkdirSync(out, { recursive: true });
  const world = await startConsoleWorld((m) => console.log(`==> ${m}`));
  try {
    const open = async (colorScheme: 'light' | 'dark') => {
      const page = await (
        await world.browser.newContext({ locale: 'en-GB', colorScheme, viewport: { width: 1200, height: 800 } })
      ).newPage();
      page.on('dialog', (d) => void d.accept());
      await page.goto(world.url);
      const steps = new ConsoleSteps(page);
      await steps.enterKey(CONSOLE_KEY);
      await page.getByRole('heading', { name: 'Set up your first project' }).waitFor();
      return { page, steps };
    };
    const dark = await open('dark');
    await shot(dark.page, 'first-run-dark');
    await dark.page.context().close();

    const { page, steps } = await open('light');
    await shot(page, 'first-run-light');
    await steps.firstProject({ name: 'Agence démo', supportAddress: 'support@agence-demo.fr', price: '80' });
    await page.getByRole('heading', { name: 'Authorize a client' }).waitFor();
    await steps.authorize('boulangerie-dupre.fr', { name: 'Boulangerie Dupré', credits: 5 });
    await page.getByRole('row', { name: /Boulangerie/ }).waitFor();
    await steps.authorize('john@acme-corp.example', { name: 'Acme Corp' });
    await page.getByRole('row', { name: /acme-corp/ }).waitFor();

    // What the intake would have recorded: two tickets and a payment link.
    const api = async <T>(operation: string, body: object) =>
      (await (
        await fetch(`${world.url}/api/${operation}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-supportgate-key': CONSOLE_KEY },
          body: JSON.stringify(body),
        })
      ).json()) as T;
    const [project] = (await api<{ projects: Array<{ id: string }> }>('overview', {})).projects;
    const clients = (await api<{ clients: Array<{ accountId: string; name: string }> }>('clients', { projectId: project.id })).clients;
    const byName = (n: string) => ({ id: clients.find((c) => c.name === n)!.accountId });
    const [dupre, acme] = ['Boulangerie Dupré', 'Acme Corp'];
    await world.store.createTicket({
      project: project.id,
      subject: 'Le formulaire de contact ne fonctionne plus',
      accountId: byName(dupre).id,
      sender: 'paul@boulangerie-dupre.fr',
      category: 'bug',
      urgency: 'high',
      summary: 'The contact form returns an error on submit; customers cannot order.',
      messageId: '<shot-1@boulangerie-dupre.fr>',
    });
    await world.store.createTicket({
      project: project.id,
      subject: 'Invoice address change',
      accountId: byName(acme).id,
      sender: 'john@acme-corp.example',
      category: 'billing',
      urgency: 'low',
      summary: 'Wants the next invoices sent to the new head office.',
      messageId: '<shot-2@acme-corp.example>',
      status: 'waiting_payment',
    });
    await world.store.createPaymentRequest({
      accountId: byName(acme).id,
      stripeSessionId: 'cs_test_screenshot',
      url: 'https://checkout.stripe.com/c/pay/cs_test_screenshot',
      credits: 5,
      amountMinor: 35000,
      currency: 'EUR',
      expiresAt: new Date(Date.now() + 24 * 3600_000),
    });

    await steps.open(/^Tickets$/);
    await steps.open(/^Clients$/);
    await page.getByRole('button', { name: /Manage Boulangerie/ }).click();
    await page.getByRole('heading', { name: /Boulangerie Dupré/ }).waitFor();
    await shot(page, 'clients');
    await steps.open(/^Tickets$/);
    await page.getByRole('row', { name: /SG-1/ }).waitFor();
    await shot(page, 'tickets');
    await steps.open(/^Payments$/);
    await page.getByRole('row', { name: /Acme/ }).waitFor();
    await shot(page, 'payments');
    await steps.open(/^Health$/);
    await page.getByText(/Every balance equals/).waitFor();
    await shot(page, 'health');
    await steps.open(/^Templates$/);
    await page.locator('textarea[name="body"]').waitFor();
    await page.waitForFunction(() => (document.querySelector('textarea[name="body"]') as HTMLTextAreaElement | null)?.value !== '');
    await page.locator('textarea[name="body"]').press('End');
    await page.locator('textarea[name="body"]').pressSequentially('\n{{unknownThing}}');
    await page.getByText(/Unknown variables/).waitFor();
    await shot(page, 'templates');
  } finally {
    await world.close();
  }
}
