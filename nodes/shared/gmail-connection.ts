/**
 * A Gmail client on n8n's own Gmail OAuth2 credential, for any n8n function context (execute,
 * poll, webhook, activation hooks): every request goes through n8n-fetch.ts, which signs it and
 * refreshes the token when Google answers 401.
 */
import type { IAllExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { gmail } from '../../core';
import { n8nAuthorizedFetch } from './n8n-fetch';

/** n8n's own Gmail OAuth2 credential: users connect Google once for n8n's Gmail nodes and ours. */
export const GMAIL_OAUTH2 = 'gmailOAuth2';

interface GmailOAuth2Data {
  oauthTokenData?: { access_token?: string; refresh_token?: string };
}

type Ctx = IAllExecuteFunctions & { getCredentials: (type: string) => Promise<unknown>; getNode: () => import('n8n-workflow').INode };

/** The client, after checking the credential is connected with offline access; rootUrl for a local test server. */
export async function gmailClientFor(ctx: Ctx, rootUrl?: string): Promise<gmail.GmailClient> {
  const token = ((await ctx.getCredentials(GMAIL_OAUTH2)) as GmailOAuth2Data).oauthTokenData;
  if (!token?.access_token) {
    throw new NodeOperationError(ctx.getNode(), 'The Gmail credential is not connected', {
      description: 'Field: credentials. Open the Gmail OAuth2 credential and click "Sign in with Google".',
    });
  }
  if (!token.refresh_token) {
    throw new NodeOperationError(ctx.getNode(), 'The Gmail credential has no refresh token: reconnect the Gmail credential', {
      description:
        'Field: credentials. Open the Gmail OAuth2 credential and click "Sign in with Google" again, so that Google grants offline access (a refresh token).',
    });
  }
  const root = (rootUrl ?? '').trim() || undefined;
  return gmail.createGmailClient({ authorizedFetch: n8nAuthorizedFetch(ctx, GMAIL_OAUTH2) }, { rootUrl: root, retry: root ? false : true });
}
