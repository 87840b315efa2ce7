/**
 * Gmail push notifications: users.watch publishes each mailbox change to a Cloud Pub/Sub topic,
 * whose push subscription POSTs it to our webhook with an OIDC token (Authorization: Bearer).
 * The token is verified by google-auth-library (signature against Google's certificates, expiry,
 * issuer, audience); we add the checks it leaves to the caller: the service account the
 * subscription pushes as, with a verified email.
 */
import { OAuth2Client, type TokenPayload } from 'google-auth-library';
import type { GmailClient } from './client';
import { GmailError, toGmailError } from './errors';

/** Google's OIDC issuers as Pub/Sub writes them (the library's default list also admits the universe domain). */
export const GOOGLE_ISSUERS = ['accounts.google.com', 'https://accounts.google.com'];
/** Google recommends calling watch once a day; a watch lapses after seven days. */
export const WATCH_RENEW_EVERY_MS = 86_400_000;
export const WATCH_RENEW_BEFORE_MS = 86_400_000;

export type PushRefusal =
  | 'missing_token'
  | 'bad_token'
  | 'bad_signature'
  | 'expired'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'wrong_email'
  | 'email_unverified'
  | 'bad_body';

export class PushVerificationError extends Error {
  constructor(
    readonly reason: PushRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'PushVerificationError';
  }
}

export interface PushVerifyOptions {
  /** The audience the push subscription was given (by default, the webhook URL). */
  audience: string;
  /** The service account the subscription authenticates as (its email). */
  serviceAccountEmail: string;
  /** Where Google's PEM certificates are served; for tests only (Google's by default). */
  certsUrl?: string;
}

// One client per certificate URL: it caches the certificates for as long as Google's Cache-Control says.
const verifiers = new Map<string, OAuth2Client>();
function verifierFor(certsUrl: string | undefined): OAuth2Client {
  const key = certsUrl ?? '';
  let client = verifiers.get(key);
  if (!client) {
    client = new OAuth2Client({
      issuers: GOOGLE_ISSUERS,
      // Node's own fetch, as in client.ts (no dynamic import of node-fetch inside n8n or Jest).
      transporterOptions: { fetchImplementation: globalThis.fetch },
      ...(certsUrl ? { endpoints: { oauth2FederatedSignonPemCertsUrl: certsUrl } } : {}),
    });
    verifiers.set(key, client);
  }
  return client;
}

/** The library's messages echo the whole token; ours name the check that failed. */
function refusalOf(err: Error): PushVerificationError {
  const m = err.message;
  if (/^Invalid token signature|^No pem found/.test(m))
    return new PushVerificationError('bad_signature', "The push token's signature does not verify against Google's certificates.");
  if (/^Token used too late/.test(m)) return new PushVerificationError('expired', 'The push token has expired.');
  if (/^Token used too early|^Expiration time too far/.test(m))
    return new PushVerificationError('expired', 'The push token is not valid yet (or claims too long a lifetime).');
  if (/^Invalid issuer/.test(m))
    return new PushVerificationError('wrong_issuer', `The push token's issuer is not Google (${m.replace(/^.*but got /, 'got ')}).`);
  if (/^Wrong recipient/.test(m))
    return new PushVerificationError(
      'wrong_audience',
      "The push token was issued for another audience: set the subscription's audience to this trigger's Audience (by default its webhook URL).",
    );
  if (/^Failed to retrieve verification certificates/.test(m))
    return new PushVerificationError('bad_token', `Google's certificates could not be fetched: ${m}`);
  return new PushVerificationError('bad_token', 'The push token is not a well-formed JWT.');
}

/** Verifies a Pub/Sub push's `Authorization: Bearer <OIDC token>`; returns its claims or throws a PushVerificationError. */
export async function verifyPushToken(authorization: string | undefined, options: PushVerifyOptions): Promise<TokenPayload> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token)
    throw new PushVerificationError(
      'missing_token',
      'The push has no Authorization: Bearer token: enable authentication on the Pub/Sub push subscription (service account and audience).',
    );
  if (!options.audience) throw new PushVerificationError('wrong_audience', 'No audience to check the push token against.');
  let payload: TokenPayload | undefined;
  try {
    payload = (await verifierFor(options.certsUrl).verifyIdToken({ idToken: token, audience: options.audience })).getPayload();
  } catch (err) {
    throw refusalOf(err as Error);
  }
  if (!payload) throw new PushVerificationError('bad_token', 'The push token has no claims.');
  const expected = options.serviceAccountEmail.trim().toLowerCase();
  if (!expected || (payload.email ?? '').toLowerCase() !== expected) {
    throw new PushVerificationError(
      'wrong_email',
      `The push token was issued to ${payload.email ?? 'no email'}, not to the configured push service account ${options.serviceAccountEmail || '(none)'}.`,
    );
  }
  if (payload.email_verified !== true)
    throw new PushVerificationError('email_unverified', `The push token's email ${payload.email} is not verified.`);
  return payload;
}

export interface GmailPushNotification {
  emailAddress: string;
  historyId: string;
  messageId?: string;
  subscription?: string;
}

/** The Pub/Sub push body {message: {data: base64 JSON {emailAddress, historyId}, messageId}, subscription}. */
export function decodePushBody(body: unknown): GmailPushNotification {
  const message = (body as { message?: { data?: unknown; messageId?: unknown; message_id?: unknown } } | null)?.message;
  if (!message || typeof message.data !== 'string')
    throw new PushVerificationError('bad_body', 'The body is not a Pub/Sub push message (message.data missing).');
  let data: { emailAddress?: unknown; historyId?: unknown };
  try {
    data = JSON.parse(Buffer.from(message.data, 'base64').toString('utf8')) as typeof data;
  } catch {
    throw new PushVerificationError('bad_body', 'The Pub/Sub message data is not base64 JSON.');
  }
  if (typeof data?.emailAddress !== 'string' || (typeof data.historyId !== 'number' && typeof data.historyId !== 'string')) {
    throw new PushVerificationError('bad_body', 'The Pub/Sub message is not a Gmail notification {emailAddress, historyId}.');
  }
  const id = message.messageId ?? message.message_id;
  const subscription = (body as { subscription?: unknown }).subscription;
  return {
    emailAddress: data.emailAddress,
    historyId: String(data.historyId),
    ...(typeof id === 'string' ? { messageId: id } : {}),
    ...(typeof subscription === 'string' ? { subscription } : {}),
  };
}

export interface WatchState {
  topicName: string;
  /** Epoch ms Gmail gave as the watch's end. */
  expiration: number;
  /** Epoch ms of the last watch call. */
  renewedAt: number;
}

/** users.watch on the INBOX label: Gmail publishes each inbox change to the topic. */
export async function startWatch(client: GmailClient, topicName: string, now = Date.now()): Promise<WatchState & { historyId: string }> {
  const topic = topicName.trim();
  if (!/^projects\/[^/]+\/topics\/[^/]+$/.test(topic)) {
    throw new GmailError('gmail_invalid_input', `"${topicName}" is not a Pub/Sub topic name: give projects/<project>/topics/<topic>.`, {
      field: 'topicName',
    });
  }
  try {
    const { data } = await client.api.users.watch({
      userId: client.userId,
      requestBody: { topicName: topic, labelIds: ['INBOX'], labelFilterBehavior: 'include' },
    });
    return {
      topicName: topic,
      expiration: Number(data.expiration ?? now + 7 * 86_400_000),
      renewedAt: now,
      historyId: String(data.historyId ?? ''),
    };
  } catch (err) {
    throw toGmailError(
      err,
      `watching the inbox on ${topic} (grant gmail-api-push@system.gserviceaccount.com the Pub/Sub Publisher role on the topic)`,
    );
  }
}

export async function stopWatch(client: GmailClient): Promise<void> {
  try {
    await client.api.users.stop({ userId: client.userId });
  } catch (err) {
    throw toGmailError(err, 'stopping the inbox watch');
  }
}

/**
 * Whether the watch needs a users.watch call now: once a day (Google's advice), and in any case
 * when it ends within a day; a lapsed watch publishes nothing, so a quiet mailbox never tells us.
 */
export function watchDue(watch: WatchState | undefined, topicName: string, now = Date.now()): boolean {
  if (!watch || watch.topicName !== topicName.trim()) return true;
  return now - watch.renewedAt >= WATCH_RENEW_EVERY_MS || watch.expiration - now <= WATCH_RENEW_BEFORE_MS;
}
