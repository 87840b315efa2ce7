import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { gmail, type ledger } from '../../../core';
import { optionalLedgerOf } from '../../shared/intake';
import { n8nAuthorizedFetch } from '../../shared/n8n-fetch';
import { GMAIL_CREDENTIAL } from './fields';

interface GmailOAuth2Data {
  oauthTokenData?: { access_token?: string; refresh_token?: string };
}

export interface GmailSetup {
  client: gmail.GmailClient;
  /** The intake journal: each reply, notification and label once per mail. */
  store: ledger.Ledger | null;
}

/** The router setup: one Gmail client per execution (label ids looked up once), and the ledger. */
export async function gmailSetupOf(ctx: IExecuteFunctions): Promise<GmailSetup> {
  return { client: await gmailClientOf(ctx), store: await optionalLedgerOf(ctx) };
}

async function gmailClientOf(ctx: IExecuteFunctions): Promise<gmail.GmailClient> {
  const token = (await ctx.getCredentials<GmailOAuth2Data>(GMAIL_CREDENTIAL)).oauthTokenData;
  if (!token?.access_token) {
    throw new NodeOperationError(ctx.getNode(), 'The Gmail credential is not connected', { description: 'Field: credentials. Open the Gmail OAuth2 credential and click "Sign in with Google".' });
  }
  // Google access tokens last an hour; without a refresh token n8n cannot renew them.
  if (!token.refresh_token) {
    throw new NodeOperationError(ctx.getNode(), 'The Gmail credential has no refresh token: reconnect the Gmail credential', {
      description: 'Field: credentials. Open the Gmail OAuth2 credential and click "Sign in with Google" again, so that Google grants offline access (a refresh token).',
    });
  }
  const options = ctx.getNodeParameter('options', 0, {}) as { apiRootUrl?: string };
  const rootUrl = (options.apiRootUrl ?? '').trim() || undefined;
  // Against a local test server there is nothing to retry; against Google, 429/5xx are retried.
  return gmail.createGmailClient({ authorizedFetch: n8nAuthorizedFetch(ctx, GMAIL_CREDENTIAL) }, { rootUrl, retry: rootUrl ? false : true });
}

/** An object field of the item (the SupportEmail, the reply), or an error saying what to connect. */
export function objectAt<T>(value: unknown, path: string, what: string): T {
  if (!value || typeof value !== 'object') throw new gmail.GmailError('gmail_invalid_input', `The item has no "${path}" object: connect a node that outputs ${what}, or set the field name.`, { field: path });
  return value as T;
}
