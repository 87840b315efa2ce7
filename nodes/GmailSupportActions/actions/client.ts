import type { IExecuteFunctions } from 'n8n-workflow';
import { gmail, type ledger } from '../../../core';
import { gmailClientFor } from '../../shared/gmail-connection';
import { optionalLedgerOf } from '../../shared/intake';

export interface GmailSetup {
  client: gmail.GmailClient;
  /** The intake journal: each reply, notification and label once per mail. */
  store: ledger.Ledger | null;
}

/** The router setup: one Gmail client per execution (label ids looked up once), and the ledger. */
export async function gmailSetupOf(ctx: IExecuteFunctions): Promise<GmailSetup> {
  const options = ctx.getNodeParameter('options', 0, {}) as { apiRootUrl?: string };
  return { client: await gmailClientFor(ctx, options.apiRootUrl), store: await optionalLedgerOf(ctx) };
}

/** An object field of the item (the SupportEmail, the reply), or an error saying what to connect. */
export function objectAt<T>(value: unknown, path: string, what: string): T {
  if (!value || typeof value !== 'object')
    throw new gmail.GmailError(
      'gmail_invalid_input',
      `The item has no "${path}" object: connect a node that outputs ${what}, or set the field name.`,
      { field: path },
    );
  return value as T;
}
