import os from 'node:os';
import path from 'node:path';
import type { ICredentialDataDecryptedObject, IExecuteFunctions } from 'n8n-workflow';
import { ledger } from '../../core';

export const LEDGER_CREDENTIAL = 'supportGateLedgerApi';

/** The ledger config a "SupportGate Ledger" credential describes. */
export function ledgerConfigFrom(credential: ICredentialDataDecryptedObject): ledger.LedgerConfig {
  if (credential.store === 'postgres') {
    const ssl =
      credential.ssl === 'require'
        ? { rejectUnauthorized: false }
        : credential.ssl === 'verify'
          ? { rejectUnauthorized: true, ca: (credential.ca as string) || undefined }
          : false;
    return {
      kind: 'postgres',
      connectionString: String(credential.connectionString ?? ''),
      schema: (credential.schema as string) || 'public',
      ssl,
    };
  }
  return { kind: 'sqlite', path: (credential.sqlitePath as string)?.trim() || defaultSqlitePath() };
}

/** supportgate-ledger.sqlite in n8n's data folder ($N8N_USER_FOLDER/.n8n, or ~/.n8n). */
export function defaultSqlitePath(): string {
  return path.join(process.env.N8N_USER_FOLDER ?? os.homedir(), '.n8n', 'supportgate-ledger.sqlite');
}

// One open ledger per database per n8n process: migrations run once, pools are reused.
const open = new Map<string, Promise<ledger.Ledger>>();

export function getLedger(config: ledger.LedgerConfig): Promise<ledger.Ledger> {
  const key = JSON.stringify(config);
  let pending = open.get(key);
  if (!pending) {
    pending = ledger.openLedger(config);
    pending.catch(() => open.delete(key));
    open.set(key, pending);
  }
  return pending;
}

/** A router setup: the ledger of the node's SupportGate Ledger credential. */
export async function ledgerOf(ctx: IExecuteFunctions): Promise<ledger.Ledger> {
  return getLedger(ledgerConfigFrom(await ctx.getCredentials(LEDGER_CREDENTIAL)));
}
