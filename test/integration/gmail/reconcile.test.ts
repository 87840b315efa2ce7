/** listUnlabeledRecent: the query Gmail receives, paging, and raw messages core/email can read. */
import { email, gmail } from '../../../core';
import { GmailTestServer } from '../../support/gmail-server';
import { clientMail, startGmail } from './fixtures';

let server: GmailTestServer;
let client: gmail.GmailClient;
beforeEach(async () => ({ server, client } = await startGmail()));
afterEach(() => server.stop());

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);

test('only recent unlabeled inbox mail from others comes back, across pages, as raw messages', async () => {
  const labels = await gmail.ensureLabels(client, [...gmail.SUPPORTGATE_LABELS]);
  const fresh = [1, 2, 3, 4, 5].map((n) =>
    server.addMessage(clientMail({ messageId: `<fresh${n}@client.test>`, subject: `Question ${n}` }), { internalDate: hoursAgo(n) }),
  );
  server.addMessage(clientMail({ messageId: '<paid@client.test>' }), {
    labelIds: ['INBOX', labels['SupportGate/Paid']],
    internalDate: hoursAgo(1),
  });
  server.addMessage(clientMail({ messageId: '<await@client.test>' }), {
    labelIds: ['INBOX', labels['SupportGate/Awaiting payment']],
    internalDate: hoursAgo(1),
  });
  server.addMessage(clientMail({ messageId: '<not@client.test>' }), {
    labelIds: ['INBOX', labels['SupportGate/Not support']],
    internalDate: hoursAgo(1),
  });
  server.addMessage(clientMail({ messageId: '<old@client.test>' }), { internalDate: hoursAgo(30) });
  server.addMessage(clientMail({ messageId: '<mine@acme.test>', from: 'Support <support@acme.test>' }), { internalDate: hoursAgo(1) });
  server.addMessage(clientMail({ messageId: '<draft@acme.test>' }), { labelIds: ['DRAFT', 'INBOX'], internalDate: hoursAgo(1) });
  server.addMessage(clientMail({ messageId: '<archived@client.test>' }), { labelIds: [], internalDate: hoursAgo(1) });

  const result = await gmail.listUnlabeledRecent(client, { newerThanDays: 1, excludeLabelPrefix: 'SupportGate/', pageSize: 2 });
  expect(result.query).toBe(
    'in:inbox newer_than:1d -in:drafts -from:me -label:supportgate-awaiting-confirmation -label:supportgate-awaiting-payment -label:supportgate-ignored -label:supportgate-not-support -label:supportgate-paid',
  );
  expect(result.ids).toEqual(fresh.map((m) => m.id));
  const listCalls = server.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/messages'));
  expect(listCalls.map((r) => r.query.pageToken)).toEqual([undefined, '2', '4']);
  expect(listCalls.every((r) => r.query.q === result.query && r.query.maxResults === '2')).toBe(true);

  // Each item is what n8n's Gmail API "raw" shape is and core/email normalizes it.
  const normalized = await Promise.all(result.messages.map((m) => email.normalizeAny(m)));
  expect(normalized.map((e) => e.messageId)).toEqual([
    '<fresh1@client.test>',
    '<fresh2@client.test>',
    '<fresh3@client.test>',
    '<fresh4@client.test>',
    '<fresh5@client.test>',
  ]);
  expect(normalized[0]).toMatchObject({
    providerId: fresh[0].id,
    threadId: fresh[0].threadId,
    subject: 'Question 1',
    from: { address: 'alice@client.test' },
  });
});

test('maxMessages stops paging early', async () => {
  for (let n = 0; n < 5; n++) server.addMessage(clientMail({ messageId: `<m${n}@client.test>` }), { internalDate: hoursAgo(n + 1) });
  const result = await gmail.listUnlabeledRecent(client, { pageSize: 2, maxMessages: 3 });
  expect(result.ids).toHaveLength(3);
  expect(server.count('GET', /\/messages$/)).toBe(2);
});

test('a mailbox without SupportGate labels yet gives the plain query, and an empty inbox no messages', async () => {
  const result = await gmail.listUnlabeledRecent(client, {});
  expect(result).toEqual({ query: 'in:inbox newer_than:1d -in:drafts -from:me', ids: [], messages: [] });
  expect(() => gmail.reconcileQuery(0, [])).toThrow(expect.objectContaining({ field: 'newerThanDays' }));
});
