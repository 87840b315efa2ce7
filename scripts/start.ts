// `npm start`: a local n8n for a person, with SupportGate's nodes and templates, embedded defaults.
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildPackage } from './n8n/build-package';
import { installPackageInto } from './n8n/install-package';
import { n8nCli, startN8n, stopN8n } from './n8n/n8n-server';
import { isPortFree } from './n8n/free-port';
import { repoRoot } from './n8n/paths';

export async function main(): Promise<void> {
  const port = Number(process.env.N8N_PORT ?? 5678);
  const userFolder = path.resolve(process.env.N8N_USER_FOLDER ?? path.join(repoRoot, '.n8n-dev'));
  const encryptionKey = process.env.N8N_ENCRYPTION_KEY ?? readOrCreateKey(userFolder);
  if (!(await isPortFree(port))) throw new Error(`port ${port} is taken: stop what uses it or run N8N_PORT=5679 npm start`);

  installSupportGate(userFolder);

  const templates = readdirSync(path.join(repoRoot, 'workflows')).filter((f) => f.endsWith('.json'));
  for (const [i, file] of templates.entries()) {
    step(`importing template ${i + 1}/${templates.length}: workflows/${file}`);
    await n8nCli(['import:workflow', `--input=${path.join(repoRoot, 'workflows', file)}`], { userFolder, encryptionKey });
  }

  step(`starting n8n on http://localhost:${port} (first start runs n8n's migrations, ~30 s)`);
  const { info, child } = await startN8n({ userFolder, port, encryptionKey });
  const stop = async () => {
    step('stopping n8n…');
    await stopN8n(info.pid);
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  console.log(`
  SupportGate is running:  http://localhost:${port}
  n8n user folder:         ${userFolder}
  Ledger (SQLite):         ${path.join(userFolder, '.n8n', 'supportgate-ledger.sqlite')} (the SupportGate Ledger credential's default)

  Next:
   1. Open the URL and create the owner account.
   2. Credentials → New: "SupportGate Ledger" (keep the SQLite default), then Gmail/Outlook, Stripe, OpenAI as needed.
   3. Open the imported SupportGate workflows; each has sticky notes saying what to set.
   4. Add your first project, support address and client with the "SupportGate Ledger" node.
  Ctrl-C stops n8n.
`);
  await new Promise<void>((resolve) => child.once('exit', () => resolve()));
  console.log('n8n exited.');
}

/** Builds dist/ from the sources (a fresh clone has none), then installs the packed package as n8n would. */
export function installSupportGate(userFolder: string, root = repoRoot, log = step): void {
  buildPackage(log, root);
  log(`installing SupportGate (packed build) into ${userFolder}/.n8n/nodes`);
  mkdirSync(userFolder, { recursive: true });
  installPackageInto(userFolder, root);
}

function readOrCreateKey(userFolder: string): string {
  // n8n writes its generated key to .n8n/config; reusing it keeps saved credentials readable.
  const config = path.join(userFolder, '.n8n', 'config');
  if (existsSync(config)) {
    const key = JSON.parse(readFileSync(config, 'utf8')).encryptionKey;
    if (typeof key === 'string') return key;
  }
  return `supportgate-local-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
}

function step(message: string): void {
  console.log(`==> ${message}`);
}
