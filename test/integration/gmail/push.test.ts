/**
 * Pub/Sub push authentication through google-auth-library's OAuth2Client.verifyIdToken, against a
 * local certificate endpoint and tokens signed with a throw-away key; the push body; watch/stop.
 */
import { gmail } from '../../../core';
import type { GmailTestServer } from '../../support/gmail-server';
import { PubSubPushSender, PUSH_SERVICE_ACCOUNT } from '../../support/pubsub-push';
import { startGmail } from './fixtures';

const AUDIENCE = 'https://n8n.acme.test/webhook/wf-1/gmail-push';
let sender: PubSubPushSender;
beforeAll(async () => (sender = await new PubSubPushSender().start()));
afterAll(() => sender.stop());

const verify = (token: string, overrides: Partial<gmail.PushVerifyOptions> = {}) =>
  gmail.verifyPushToken(`Bearer ${token}`, {
    audience: AUDIENCE,
    serviceAccountEmail: PUSH_SERVICE_ACCOUNT,
    certsUrl: sender.certsUrl,
    ...overrides,
  });

test('a token Pub/Sub would send is accepted, the certificates fetched once and cached', async () => {
  const before = sender.certsRequests;
  await expect(verify(sender.token(AUDIENCE))).resolves.toMatchObject({
    email: PUSH_SERVICE_ACCOUNT,
    aud: AUDIENCE,
    iss: 'https://accounts.google.com',
  });
  await expect(verify(sender.token(AUDIENCE, { iss: 'accounts.google.com' }))).resolves.toMatchObject({ email: PUSH_SERVICE_ACCOUNT });
  expect(sender.certsRequests - before).toBeLessThanOrEqual(1);
});

const now = () => Math.floor(Date.now() / 1000);
test.each([
  ['wrong audience', () => sender.token('https://elsewhere.test/hook'), 'wrong_audience', /another audience/],
  [
    'wrong issuer',
    () => sender.token(AUDIENCE, { iss: 'https://evil.test' }),
    'wrong_issuer',
    /issuer is not Google \(got https:\/\/evil\.test\)/,
  ],
  ['the universe domain as issuer', () => sender.token(AUDIENCE, { iss: 'googleapis.com' }), 'wrong_issuer', /issuer is not Google/],
  [
    'wrong email',
    () => sender.token(AUDIENCE, { email: 'someone@attacker.iam.gserviceaccount.com' }),
    'wrong_email',
    /issued to someone@attacker\.iam\.gserviceaccount\.com, not to the configured push service account/,
  ],
  ['unverified email', () => sender.token(AUDIENCE, { email_verified: false }), 'email_unverified', /is not verified/],
  ['expired', () => sender.token(AUDIENCE, { iat: now() - 7200, exp: now() - 3600 }), 'expired', /has expired/],
  ['bad signature', () => sender.token(AUDIENCE, {}, { badSignature: true }), 'bad_signature', /signature does not verify/],
  ['not a JWT', () => 'not-a-token', 'bad_token', /not a well-formed JWT/],
])('refused: %s', async (_label, token, reason, message) => {
  const error = await verify(token()).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(gmail.PushVerificationError);
  expect(error).toMatchObject({ reason, message: expect.stringMatching(message) });
  expect((error as Error).message).not.toContain('eyJ'); // the token itself is never echoed
});

test('no Authorization header, or a wrong scheme, is refused before anything is fetched', async () => {
  for (const header of [undefined, '', 'Basic abc', `Bearer`]) {
    await expect(
      gmail.verifyPushToken(header, { audience: AUDIENCE, serviceAccountEmail: PUSH_SERVICE_ACCOUNT, certsUrl: sender.certsUrl }),
    ).rejects.toMatchObject({ reason: 'missing_token' });
  }
});

test('the push body is a Pub/Sub message whose data is base64 JSON {emailAddress, historyId}', () => {
  expect(gmail.decodePushBody(PubSubPushSender.body({ emailAddress: 'support@acme.test', historyId: 9876 }, 'msg-1'))).toEqual({
    emailAddress: 'support@acme.test',
    historyId: '9876',
    messageId: 'msg-1',
    subscription: 'projects/acme-support/subscriptions/gmail-push',
  });
  for (const body of [
    {},
    { message: {} },
    { message: { data: Buffer.from('nope').toString('base64') } },
    { message: { data: Buffer.from('{"x":1}').toString('base64') } },
  ]) {
    expect(() => gmail.decodePushBody(body)).toThrow(gmail.PushVerificationError);
  }
});

describe('watch', () => {
  let server: GmailTestServer;
  let client: gmail.GmailClient;
  beforeEach(async () => ({ server, client } = await startGmail()));
  afterEach(() => server.stop());

  test('users.watch on INBOX to the topic, then users.stop', async () => {
    const watch = await gmail.startWatch(client, 'projects/acme-support/topics/gmail');
    expect(server.watch).toMatchObject({
      topicName: 'projects/acme-support/topics/gmail',
      labelIds: ['INBOX'],
      labelFilterBehavior: 'include',
    });
    expect(watch).toMatchObject({
      topicName: 'projects/acme-support/topics/gmail',
      historyId: String(server.historyId),
      expiration: server.watch!.expiration,
    });
    await gmail.stopWatch(client);
    expect(server.watch).toBeUndefined();
  });

  test('a topic that is not a Pub/Sub resource name is refused before calling Gmail', async () => {
    await expect(gmail.startWatch(client, 'gmail-topic')).rejects.toMatchObject({ code: 'gmail_invalid_input', field: 'topicName' });
    expect(server.requests).toHaveLength(0);
  });

  test('renewal is due daily, and whenever the watch ends within a day or the topic changed', () => {
    const t = Date.parse('2026-05-01T00:00:00Z');
    const w = { topicName: 'projects/p/topics/t', renewedAt: t, expiration: t + 7 * 86_400_000 };
    expect(gmail.watchDue(undefined, 'projects/p/topics/t', t)).toBe(true);
    expect(gmail.watchDue(w, 'projects/p/topics/t', t + 3_600_000)).toBe(false);
    expect(gmail.watchDue(w, 'projects/p/topics/t', t + 86_400_000)).toBe(true);
    expect(gmail.watchDue({ ...w, expiration: t + 20 * 3_600_000 }, 'projects/p/topics/t', t + 3_600_000)).toBe(true);
    expect(gmail.watchDue(w, 'projects/p/topics/other', t + 1)).toBe(true);
  });
});
