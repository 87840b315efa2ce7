// `npm start`: a local n8n for a person, with SupportGate's nodes and templates, embedded defaults.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildPackage } from './n8n/build-package';
import { descriptionsFromBuild } from './n8n/credential-slots';
import {
  CONSOLE_WORKFLOW,
  credentialExists,
  LOCAL_CONSOLE_KEY,
  LOCAL_LEDGER,
  wireTemplates,
  writeLocalConsoleKeyCredential,
  writeLocalLedgerCredential,
  type WiredTemplate,
} from './n8n/local-defaults';
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

  const wired = await importTemplates(userFolder, encryptionKey);
  const consoleKey = consoleKeyOf(userFolder);

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
  n8n log:                 ${info.logFile} (tail -f it to see what n8n does, errors included)
  Ledger (SQLite):         ${path.join(userFolder, '.n8n', 'supportgate-ledger.sqlite')}, credential "${LOCAL_LEDGER.name}", already set in the templates

  Console:                 http://localhost:${port}/webhook/${CONSOLE_WORKFLOW.path}
                           key: ${consoleKey ?? `the one in the credential "${LOCAL_CONSOLE_KEY.name}"`}
                           (from an empty ledger: your project, then your first client, no JSON)

  Next:
   1. Open the URL and create the owner account.
   2. Run "SupportGate — Set up your first project" (set your price, addresses and first client in its "Your agency" node).
   3. In each workflow you use, pick the credentials n8n marks on its nodes (it will not publish before).
      Publish "SupportGate — process mail" (or its IMAP twin) before the intake and sweep that call it:
      they run its published version.
${remainingSlots(wired)}
  Ctrl-C stops n8n.
`);
  await new Promise<void>((resolve) => child.once('exit', () => resolve()));
  console.log('n8n exited.');
}

/**
 * Imports every template with the local SupportGate Ledger credential in its Ledger slots,
 * creating that credential on the first start only (a person may have edited it since).
 */
async function importTemplates(userFolder: string, encryptionKey: string): Promise<WiredTemplate[]> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'sg-start-'));
  try {
    if (!credentialExists(userFolder, LOCAL_LEDGER.id)) {
      step(`creating the credential "${LOCAL_LEDGER.name}" (SQLite file in the n8n user folder)`);
      writeLocalLedgerCredential(path.join(work, 'credentials.json'));
      await n8nCli(['import:credentials', `--input=${path.join(work, 'credentials.json')}`], { userFolder, encryptionKey });
    }
    if (!credentialExists(userFolder, LOCAL_CONSOLE_KEY.id)) {
      step(`creating the credential "${LOCAL_CONSOLE_KEY.name}" (a random key for the console)`);
      const apiKey = randomBytes(32).toString('hex');
      writeLocalConsoleKeyCredential(path.join(work, 'console-key.json'), apiKey);
      await n8nCli(['import:credentials', `--input=${path.join(work, 'console-key.json')}`], { userFolder, encryptionKey });
      // n8n keeps it encrypted; this copy (mode 600) beside n8n's own config, which holds the key that
      // decrypts every credential of this folder anyway, lets a later start print it again.
      writeFileSync(consoleKeyFile(userFolder), apiKey + '\n', { mode: 0o600 });
    }
    const wired = wireTemplates(
      path.join(repoRoot, 'workflows'),
      path.join(work, 'workflows'),
      { [LOCAL_LEDGER.type]: LOCAL_LEDGER },
      descriptionsFromBuild(),
      { [CONSOLE_WORKFLOW.file]: { [LOCAL_CONSOLE_KEY.type]: LOCAL_CONSOLE_KEY } },
    );
    step(`importing ${wired.length} templates from workflows/ (${wired.map((w) => w.file).join(', ')})`);
    await n8nCli(['import:workflow', '--separate', `--input=${path.join(work, 'workflows')}`], { userFolder, encryptionKey });
    // Every slot of the console is set: publish it, so its page answers as soon as n8n is up.
    step('publishing "SupportGate — Console"');
    await n8nCli(['publish:workflow', `--id=${CONSOLE_WORKFLOW.id}`], { userFolder, encryptionKey });
    return wired;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function remainingSlots(wired: WiredTemplate[]): string {
  const types = (w: WiredTemplate) => [...new Set(w.unset.map((u) => u.type + (u.required ? '' : ' (optional)')))];
  return wired.map((w) => `      ${w.file}: ${w.unset.length ? types(w).join(', ') : 'nothing left to pick'}`).join('\n');
}

/** Builds dist/ from the sources (a fresh clone has none), then installs the packed package as n8n would. */
export function installSupportGate(userFolder: string, root = repoRoot, log = step): void {
  buildPackage(log, root);
  log(`installing SupportGate (packed build) into ${userFolder}/.n8n/nodes`);
  mkdirSync(userFolder, { recursive: true });
  installPackageInto(userFolder, root);
}

const consoleKeyFile = (userFolder: string) => path.join(userFolder, 'supportgate-console-key.txt');

function consoleKeyOf(userFolder: string): string | null {
  try {
    return readFileSync(consoleKeyFile(userFolder), 'utf8').trim() || null;
  } catch {
    return null;
  }
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
