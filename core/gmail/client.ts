/** A Gmail API client (the official googleapis one) with the per-client state our operations keep. */
import { auth as googleAuth, gmail, type gmail_v1 } from '@googleapis/gmail';
import { GmailError } from './errors';

export type GmailAuth =
  | { accessToken: string }
  | { oauth2: { clientId: string; clientSecret: string; refreshToken: string; tokenUrl?: string } };

export interface GmailClientOptions {
  /** API root, e.g. 'http://127.0.0.1:PORT/' for a local server; Google's by default. */
  rootUrl?: string;
  /** The client retries 429/5xx by default; tests pass false. */
  retry?: boolean;
  /** The mailbox, 'me' (the credential's own) by default. */
  userId?: string;
}

export interface GmailClient {
  api: gmail_v1.Gmail;
  userId: string;
  /** Label name → id, filled by ensureLabels and label listings. */
  labelIds: Map<string, string>;
}

// Node's own fetch: gaxios otherwise loads node-fetch through a dynamic import, which neither
// n8n's bundle loader nor Jest's CommonJS runtime needs.
const transporterOptions = { fetchImplementation: globalThis.fetch };

function required(value: unknown, field: string, hint: string): string {
  if (typeof value !== 'string' || !value.trim()) throw new GmailError('gmail_invalid_input', `${field} is missing: ${hint}`, { field });
  return value.trim();
}

export function createGmailClient(authInput: GmailAuth, options: GmailClientOptions = {}): GmailClient {
  let client;
  if ('accessToken' in authInput) {
    const token = required(authInput.accessToken, 'accessToken', 'connect the Gmail OAuth2 credential (Sign in with Google).');
    client = new googleAuth.OAuth2({ transporterOptions });
    client.setCredentials({ access_token: token });
  } else {
    const o = authInput.oauth2 ?? ({} as Record<string, unknown>);
    client = new googleAuth.OAuth2({
      transporterOptions,
      clientId: required(o.clientId, 'oauth2.clientId', 'set the OAuth client id.'),
      clientSecret: required(o.clientSecret, 'oauth2.clientSecret', 'set the OAuth client secret.'),
      ...(o.tokenUrl ? { endpoints: { oauth2TokenUrl: o.tokenUrl } } : {}),
    });
    client.setCredentials({ refresh_token: required(o.refreshToken, 'oauth2.refreshToken', 'authorize the app once to get a refresh token.') });
  }
  const api = gmail({
    version: 'v1',
    auth: client,
    fetchImplementation: globalThis.fetch,
    ...(options.rootUrl ? { rootUrl: options.rootUrl.endsWith('/') ? options.rootUrl : options.rootUrl + '/' } : {}),
    ...(options.retry === false ? { retry: false } : {}),
  });
  return { api, userId: options.userId ?? 'me', labelIds: new Map() };
}
