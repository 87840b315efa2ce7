/**
 * What `npm start` can set up by itself: a SupportGate Ledger credential on the embedded SQLite
 * file, put in every Ledger slot of the templates it imports. Every other slot (Gmail, Outlook,
 * Stripe, OpenAI, the add-on key) stays unset, so n8n marks those nodes until a person picks one.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { assignCredentials, credentialSlots, type Binding, type NodeDescription } from './credential-slots';

/** Fixed, so a restart finds it again; n8n ids are 16 letters and digits. */
export const LOCAL_LEDGER: Binding & { type: string } = {
  id: 'sgLocalLedger001',
  name: 'SupportGate Ledger (local SQLite)',
  type: 'supportGateLedgerApi',
};

/**
 * The console's key (workflows/console.json): a SupportGate Add-on API credential with a random
 * key, created on the first start only and put in the console's slot only (the add-on's
 * credits-api.json stays for a person to wire with the key they paste in Gmail).
 */
export const LOCAL_CONSOLE_KEY: Binding & { type: string } = {
  id: 'sgLocalConsole01',
  name: 'SupportGate console key (local)',
  type: 'supportGateAddonApi',
};
export const CONSOLE_WORKFLOW = { file: 'console.json', id: 'sgConsole0000001', path: 'supportgate/console' };

/** The file `n8n import:credentials` reads for the console key. */
export function writeLocalConsoleKeyCredential(file: string, apiKey: string): void {
  writeFileSync(
    file,
    JSON.stringify([{ id: LOCAL_CONSOLE_KEY.id, name: LOCAL_CONSOLE_KEY.name, type: LOCAL_CONSOLE_KEY.type, data: { apiKey } }]),
  );
}

/** Whether n8n's database in this user folder already holds the credential (a person may have edited it). */
export function credentialExists(userFolder: string, id: string): boolean {
  const db = path.join(userFolder, '.n8n', 'database.sqlite');
  if (!existsSync(db)) return false;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DatabaseSync } = require('node:sqlite') as typeof import('node:sqlite');
  const conn = new DatabaseSync(db, { readOnly: true });
  try {
    return conn.prepare('SELECT 1 FROM credentials_entity WHERE id = ?').get(id) !== undefined;
  } catch {
    return false; // no table yet: n8n never migrated this database
  } finally {
    conn.close();
  }
}

/** The file `n8n import:credentials` reads: the ledger on its default SQLite path (empty = the user folder's). */
export function writeLocalLedgerCredential(file: string): void {
  writeFileSync(
    file,
    JSON.stringify([{ id: LOCAL_LEDGER.id, name: LOCAL_LEDGER.name, type: LOCAL_LEDGER.type, data: { store: 'sqlite', sqlitePath: '' } }]),
  );
}

export interface WiredTemplate {
  file: string;
  /** Slots still to pick; n8n requires all but the optional ones before it publishes. */
  unset: Array<{ node: string; type: string; required: boolean }>;
}

/** Copies every template of `from` into `to` with the given credentials in their slots. */
export function wireTemplates(
  from: string,
  to: string,
  bindings: Record<string, Binding>,
  descriptions: NodeDescription[],
  /** More bindings for one file only: { 'console.json': { supportGateAddonApi: … } }. */
  perFile: Record<string, Record<string, Binding>> = {},
): WiredTemplate[] {
  mkdirSync(to, { recursive: true });
  return readdirSync(from)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const workflow = JSON.parse(readFileSync(path.join(from, file), 'utf8')) as { nodes: Array<Parameters<typeof assignCredentials>[0]> };
      const unset: WiredTemplate['unset'] = [];
      const these = { ...bindings, ...perFile[file] };
      workflow.nodes = workflow.nodes.map((node) => {
        for (const slot of credentialSlots(node, descriptions)) {
          if (!these[slot.type]) unset.push({ node: node.name, ...slot });
        }
        return assignCredentials(node, these, descriptions);
      });
      writeFileSync(path.join(to, file), JSON.stringify(workflow, null, 2));
      return { file, unset };
    });
}
