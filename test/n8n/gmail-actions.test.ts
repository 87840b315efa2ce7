/**
 * Gmail Support Actions inside the real n8n, with n8n's own Gmail OAuth2 credential type, against
 * a local Gmail-protocol server: threaded reply, labels, reconcile sweep, expired token refresh.
 */
import { randomUUID } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { email as mail, templates } from '../../core';
import { GmailTestServer } from '../support/gmail-server';
import { n8n, registerRefreshToken, runNode, ledgerCredential } from './harness';

const TOKEN = 'ya29.n8n-test-token';
let server: GmailTestServer;
let credential: { id: string; name: string };
let ledger: { id: string; name: string };

const rfc822 = (id: string, subject = 'Site down') =>
  `From: Alice Client <alice@client.test>\r\nTo: support@acme.test\r\nSubject: ${subject}\r\nMessage-ID: <${id}@client.test>\r\nReferences: <root@client.test>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nOur site is down.\r\n`;

const CLIENT = { clientId: 'cid.apps.googleusercontent.com', clientSecret: 'secret' };

async function gmailCredential(token: string, refreshToken: string | null = '1//refresh') {
  const api = await n8n();
  return api.createCredential(`Gmail ${token} ${randomUUID()}`, 'gmailOAuth2', {
    ...CLIENT,
    oauthTokenData: {
      access_token: token,
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
      token_type: 'Bearer',
      expires_in: 3599,
      scope: 'https://www.googleapis.com/auth/gmail.modify',
    },
  });
}

/** A refresh token n8n's refreshes reach this test's Gmail server with; `known: false` makes Google refuse it. */
async function refreshToken(known = true): Promise<string> {
  const token = `1//refresh-${randomUUID()}`;
  if (known) server.refreshTokens.set(token, CLIENT);
  await registerRefreshToken(token, server.tokenUrl);
  return token;
}

const since = (start: number) => server.requests.slice(start);
const bearers = (requests: typeof server.requests) => requests.filter((r) => r.path.startsWith('/gmail/')).map((r) => r.authorization);

const node = (parameters: Record<string, unknown>, cred = credential, continueOnFail = false) => ({
  type: 'gmailSupportActions',
  parameters: { ...parameters, options: { apiRootUrl: server.rootUrl } },
  credentials: { gmailOAuth2: cred, supportGateLedgerApi: ledger },
  continueOnFail,
});

beforeAll(async () => {
  server = await new GmailTestServer({ accessToken: TOKEN }).start();
  credential = await gmailCredential(TOKEN);
  ledger = await ledgerCredential('gmail-actions');
});
afterAll(() => server.stop());

test('Reply in Thread sends the composed reply inside the Gmail thread; an item without thread id fails alone', async () => {
  const stored = server.addMessage(rfc822('c1', 'Problème urgent'), { threadId: 'thr-1' });
  const email = await mail.normalizeGmailRaw({
    id: stored.id,
    threadId: stored.threadId,
    raw: Buffer.from(rfc822('c1', 'Problème urgent')).toString('base64url'),
  });
  const reply = templates.composeReply({
    template: 'ticket_opened',
    project: { name: 'Acme' } as templates.TemplateProject,
    original: { ...email, language: 'fr' },
    ticketNumber: 7,
    balance: 2,
  });
  const { outputs } = await runNode(node({ operation: 'replyInThread' }, credential, true), [
    { email, reply },
    { email: { ...email, threadId: undefined }, reply },
  ]);

  expect(outputs[0]).toHaveLength(1);
  expect(outputs[0][0].json.gmailReply).toMatchObject({ threadId: 'thr-1' });
  expect(outputs[0][0].pairedItem).toEqual({ item: 0 });
  expect(outputs[1]).toHaveLength(1); // Failed
  expect(outputs[1][0].json.error).toMatch(/email\.threadId is missing/);
  expect(outputs[1][0].pairedItem).toEqual({ item: 1 });

  expect(server.sent).toHaveLength(1);
  const send = server.requests.find((r) => r.path.endsWith('/messages/send'))!;
  expect(send.authorization).toBe(`Bearer ${TOKEN}`);
  expect((send.body as { threadId: string }).threadId).toBe('thr-1');
  const parsed = await simpleParser(server.sent[0].mime);
  expect(parsed.subject).toBe('Re: [SG-7] Problème urgent');
  expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value : []).toEqual([{ address: 'alice@client.test', name: 'Alice Client' }]);
  expect(parsed.inReplyTo).toBe('<c1@client.test>');
  expect(parsed.references).toEqual(['<root@client.test>', '<c1@client.test>']);
  expect(parsed.headers.get('auto-submitted')).toBe('auto-replied');
  expect(parsed.text).toContain('7');
  expect(parsed.html).toBeTruthy();
});

test('Label Message creates the nested labels once and applies them to each message', async () => {
  const a = server.addMessage(rfc822('l1'));
  const b = server.addMessage(rfc822('l2'));
  const before = server.count('POST', /\/labels$/);
  const { outputs } = await runNode(node({ operation: 'labelMessage', labels: 'SupportGate/Awaiting payment, SupportGate/Ignored' }), [
    { email: { providerId: a.id } },
    { email: { providerId: b.id } },
  ]);
  const awaiting = server.labelByName('SupportGate/Awaiting payment')!.id!;
  const ignored = server.labelByName('SupportGate/Ignored')!.id!;
  expect(server.count('POST', /\/labels$/) - before).toBe(3); // SupportGate + the two children
  for (const [i, m] of [a, b].entries()) {
    expect(server.messages.get(m.id!)!.message.labelIds).toEqual(expect.arrayContaining([awaiting, ignored]));
    expect(outputs[0][i].json.gmailLabels).toMatchObject({
      messageId: m.id,
      added: ['SupportGate/Awaiting payment', 'SupportGate/Ignored'],
    });
  }
});

test('List Unlabeled Recent emits raw messages that core/email (Check Sender Credits) reads', async () => {
  const fresh = server.addMessage(rfc822('sweep1', 'Still down'), { threadId: 'thr-9' });
  const { outputs } = await runNode(
    node({ operation: 'listUnlabeledRecent', newerThanDays: 1, labelPrefix: 'SupportGate/', maxMessages: 50 }),
    [{ tick: 1 }],
  );
  const items = outputs[0];
  const labelled = new Set(
    [...server.messages.values()].filter((s) => s.message.labelIds?.some((l) => l.startsWith('Label_'))).map((s) => s.message.id),
  );
  expect(items.length).toBeGreaterThan(0);
  expect(items.some((i) => labelled.has(i.json.id as string))).toBe(false);
  const swept = items.find((i) => i.json.id === fresh.id)!;
  expect(swept.json).toMatchObject({ threadId: 'thr-9', raw: expect.any(String) });
  expect(mail.detectSource(swept.json)).toBe('gmail-api-raw');
  expect(await mail.normalizeAny(swept.json)).toMatchObject({
    messageId: '<sweep1@client.test>',
    providerId: fresh.id,
    threadId: 'thr-9',
    subject: 'Still down',
  });
  const list = server.requests.filter((r) => r.path.endsWith('/messages') && r.method === 'GET').pop()!;
  expect(list.query.q).toContain('-label:supportgate-awaiting-payment');
});

test('an expired access token is refreshed once by n8n, used, and saved to the credential', async () => {
  const refresh = await refreshToken();
  const expired = await gmailCredential('ya29.expired', refresh);
  const message = server.addMessage(rfc822('r1'));
  const start = server.requests.length;
  const { outputs } = await runNode(node({ operation: 'labelMessage', labels: 'SupportGate/Paid' }, expired), [
    { email: { providerId: message.id } },
  ]);
  expect(outputs[0][0].json.gmailLabels).toMatchObject({ messageId: message.id, added: ['SupportGate/Paid'] });

  const grants = since(start).filter((r) => r.path === '/token');
  expect(grants.map((r) => r.body)).toEqual([
    { grant_type: 'refresh_token', refresh_token: refresh, ...{ client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret } },
  ]);
  const [refused, ...after] = bearers(since(start));
  expect(refused).toBe('Bearer ya29.expired'); // Google answered 401, n8n refreshed and retried
  const fresh = after[0]!.replace('Bearer ', '');
  expect(fresh).toMatch(/^ya29\.test-/);
  expect(server.validTokens.has(fresh)).toBe(true);
  expect(new Set(after)).toEqual(new Set([`Bearer ${fresh}`]));

  // Saved back to the credential: the next run starts with the new token and refreshes nothing.
  const next = server.requests.length;
  await runNode(node({ operation: 'listUnlabeledRecent' }, expired), [{ tick: 1 }]);
  expect(since(next).filter((r) => r.path === '/token')).toHaveLength(0);
  expect(new Set(bearers(since(next)))).toEqual(new Set([`Bearer ${fresh}`]));
});

test('a refresh token Google refuses fails the node with a message telling the user to reconnect', async () => {
  const revoked = await gmailCredential('ya29.expired', await refreshToken(false));
  const start = server.requests.length;
  await expect(runNode(node({ operation: 'listUnlabeledRecent' }, revoked), [{ tick: 1 }])).rejects.toMatchObject({
    message: expect.stringMatching(
      /^Google refused to renew the Gmail access token \(.*needs to be reconnected.*\): reconnect the Gmail OAuth2 credential/,
    ),
    description: expect.stringContaining('Field: credentials'),
  });
  expect(since(start).filter((r) => r.path === '/token')).toHaveLength(1);
});

test('a credential without a refresh token is refused before any request: reconnect the Gmail credential', async () => {
  const start = server.requests.length;
  const noRefresh = await gmailCredential(TOKEN, null);
  await expect(runNode(node({ operation: 'listUnlabeledRecent' }, noRefresh), [{ tick: 1 }])).rejects.toMatchObject({
    message: expect.stringContaining('reconnect the Gmail credential'),
    description: expect.stringContaining('Field: credentials'),
  });
  expect(server.requests.length).toBe(start);
});
