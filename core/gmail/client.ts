/** A Gmail API client (the official googleapis one) with the per-client state our operations keep. */
import { auth as googleAuth, gmail, type gmail_v1 } from '@googleapis/gmail';
import { GmailError } from './errors';

/** A fetch that authorizes each request itself (inside n8n: the credential helper, which refreshes tokens). */
export type AuthorizedFetch = (...args: Parameters<typeof fetch>) => ReturnType<typeof fetch>;

export type GmailAuth =
  | { accessToken: string }
  | { oauth2: { clientId: string; clientSecret: string; refreshToken: string; tokenUrl?: string } }
  | { authorizedFetch: AuthorizedFetch };

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
  if ('authorizedFetch' in authInput) return clientWith(undefined, authInput.authorizedFetch, options);
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
    client.setCredentials({
      refresh_token: required(o.refreshToken, 'oauth2.refreshToken', 'authorize the app once to get a refresh token.'),
    });
  }
  return clientWith(client, globalThis.fetch, options);
}

function clientWith(
  auth: InstanceType<typeof googleAuth.OAuth2> | undefined,
  fetchImplementation: AuthorizedFetch,
  options: GmailClientOptions,
): GmailClient {
  const api = gmail({
    version: 'v1',
    // Without an auth client, googleapis sends each request through fetchImplementation as is.
    ...(auth ? { auth } : {}),
    fetchImplementation,
    ...(options.rootUrl ? { rootUrl: options.rootUrl.endsWith('/') ? options.rootUrl : options.rootUrl + '/' } : {}),
    ...(options.retry === false ? { retry: false } : {}),
    // An authorized fetch has already done its own recovery (n8n refreshes the token once):
    // a failure without an HTTP answer (revoked grant, unreachable host) is not worth repeating.
    ...(auth ? {} : { retryConfig: { noResponseRetries: 0 } }),
  });
  return { api, userId: options.userId ?? 'me', labelIds: new Map() };
}
