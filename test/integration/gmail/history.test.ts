/**
 * core/gmail/history.ts against the local Gmail server through the official client: the historyId
 * cursor emits each new inbox mail once, leaves our own mail out, and an expired cursor (404)
 * becomes a bounded re-list with neither a gap nor a duplicate.
 */
import { email, gmail } from '../../../core';
import type { GmailTestServer } from '../../support/gmail-server';
import { clientMail, startGmail } from './fixtures';

let server: GmailTestServer;
let client: gmail.GmailClient;
beforeEach(async () => ({ server, client } = await startGmail()));
afterEach(() => server.stop());

const mail = (n: string, extra: Partial<Parameters<typeof clientMail>[0]> = {}) =>
  clientMail({ messageId: `<m-${n}@client.test>`, subject: `Request ${n}`, ...extra });
const subjects = (r: gmail.WalkResult) => r.messages.map((m) => m.email.subject);

test('first run: the cursor starts at the current historyId and nothing already there is emitted', async () => {
  server.addMessage(mail('old'));
  const first = await gmail.walkHistory(client, {});
  expect(first).toMatchObject({ via: 'start', messages: [] });
  expect(first.state).toMatchObject({ historyId: String(server.historyId), emailAddress: 'support@acme.test', recentIds: [] });
  const again = await gmail.walkHistory(client, first.state);
  expect(again.messages).toEqual([]);
  expect(server.requests.filter((r) => r.path.endsWith('/history')).map((r) => r.query)).toEqual([
    { startHistoryId: String(server.historyId), historyTypes: 'messageAdded', labelId: 'INBOX', maxResults: '500' },
  ]);
});

test('each new inbox message is emitted exactly once, as a SupportEmail with the Gmail ids, across overlapping walks', async () => {
  let state = (await gmail.walkHistory(client, {})).state;
  const cursor0 = state.historyId;
  const a = server.addMessage(mail('a'), { threadId: 'thr-a' });
  const b = server.addMessage(mail('b'));
  const r1 = await gmail.walkHistory(client, state);
  expect(r1.via).toBe('history');
  expect(subjects(r1)).toEqual(['Request a', 'Request b']);
  const [first] = r1.messages;
  // The SupportEmail Check Sender Credits and Gmail Support Actions read, valid as it is.
  const parsed = email.supportEmailSchema.parse(first.email);
  expect(parsed).toMatchObject({
    providerId: a.id,
    threadId: 'thr-a',
    messageId: '<m-a@client.test>',
    from: { address: 'alice@client.test' },
  });
  expect(first.gmail).toMatchObject({ id: a.id, threadId: 'thr-a', labelIds: ['INBOX', 'UNREAD'], historyId: a.historyId });
  state = r1.state;
  expect(state.recentIds).toEqual([a.id, b.id]);

  // A walk from an older cursor (a poll that saved late, a replayed push): the same records again, nothing emitted twice.
  const c = server.addMessage(mail('c'));
  const overlapping = await gmail.walkHistory(client, { ...state, historyId: cursor0 });
  expect(subjects(overlapping)).toEqual(['Request c']);
  expect(overlapping.skipped).toEqual([
    { id: a.id, reason: 'already_emitted' },
    { id: b.id, reason: 'already_emitted' },
  ]);
  const r2 = await gmail.walkHistory(client, gmail.mergeStates(state, overlapping.state));
  expect(r2.messages).toEqual([]);
  expect(r2.state.recentIds).toEqual([a.id, b.id, c.id]);
});

test("drafts, sent mail and our own replies are left out; a client's own out-of-office is not", async () => {
  const state = (await gmail.walkHistory(client, {})).state;
  const draft = server.addMessage(mail('draft'), { labelIds: ['INBOX', 'DRAFT'] });
  const toSelf = server.addMessage(mail('sent'), { labelIds: ['INBOX', 'SENT'] });
  const ownAddress = server.addMessage(mail('own', { from: 'Acme Support <Support@Acme.test>' }));
  const alias = server.addMessage(mail('alias', { from: 'help@acme.test' }));
  const ours = server.addMessage(
    mail('ours').replace('MIME-Version', 'Auto-Submitted: auto-replied\r\nX-Auto-Response-Suppress: All\r\nMIME-Version'),
  );
  const ooo = server.addMessage(
    mail('ooo', { subject: 'Automatic reply: Out of office' }).replace('MIME-Version', 'Auto-Submitted: auto-replied\r\nMIME-Version'),
  );
  const client1 = server.addMessage(mail('client'));
  // A reply sent through the API lands in the thread with SENT only: history.list's INBOX filter drops it.
  const sent = await gmail.sendThreadReply(client, {
    threadId: client1.threadId!,
    to: 'alice@client.test',
    subject: 'Re: Request client',
    text: 'On it',
    inReplyTo: '<m-client@client.test>',
    references: '<m-client@client.test>',
  });

  const r = await gmail.walkHistory(client, state, { ownAddresses: ['help@acme.test'] });
  expect(subjects(r)).toEqual(['Automatic reply: Out of office', 'Request client']);
  expect(r.skipped).toEqual([
    { id: draft.id, reason: 'draft' },
    { id: toSelf.id, reason: 'sent' },
    { id: ownAddress.id, reason: 'own_address' },
    { id: alias.id, reason: 'own_address' },
    { id: ours.id, reason: 'own_auto_reply' },
  ]);
  expect(r.messages.map((m) => m.gmail.id)).toEqual([ooo.id, client1.id]);
  expect(server.requests.some((q) => q.path.endsWith(`/messages/${sent.id}`))).toBe(false);
});

test('a message deleted before it is read is skipped, not an error', async () => {
  const state = (await gmail.walkHistory(client, {})).state;
  const gone = server.addMessage(mail('gone'));
  server.messages.delete(gone.id!);
  const kept = server.addMessage(mail('kept'));
  const r = await gmail.walkHistory(client, state);
  expect(r.messages.map((m) => m.gmail.id)).toEqual([kept.id]);
  expect(r.skipped).toEqual([{ id: gone.id, reason: 'deleted' }]);
});

test('a failed read leaves the cursor where it was: the next walk emits the mail', async () => {
  const state = (await gmail.walkHistory(client, {})).state;
  const m = server.addMessage(mail('later'));
  server.validTokens.clear();
  await expect(gmail.walkHistory(client, state)).rejects.toMatchObject({ code: 'gmail_unauthorized' });
  server.validTokens.add('ya29.test-access-token');
  expect((await gmail.walkHistory(client, state)).messages.map((x) => x.gmail.id)).toEqual([m.id]);
});

test('an expired history id (404) becomes a bounded re-list after the last mail seen: no gap, no duplicate', async () => {
  const t0 = Date.now() - 3 * 86_400_000;
  const before = server.addMessage(mail('before'), { internalDate: new Date(t0 - 86_400_000) }); // there before the trigger started
  const start = (await gmail.walkHistory(client, {}, { now: () => t0 })).state;
  const a = server.addMessage(mail('a'), { internalDate: new Date(t0 + 60_000) });
  const r1 = await gmail.walkHistory(client, start);
  expect(r1.messages.map((m) => m.gmail.id)).toEqual([a.id]);
  const state = r1.state;
  expect(state.seenUntil).toBe(Number(a.internalDate));

  // A week without a walk: Gmail dropped the history the cursor points at.
  const b = server.addMessage(mail('b'), { internalDate: new Date(t0 + 2 * 86_400_000) });
  const c = server.addMessage(mail('c'), { internalDate: new Date(t0 + 2 * 86_400_000 + 1000) });
  const sent = server.addMessage(mail('sent-copy'), { labelIds: ['INBOX', 'SENT'], internalDate: new Date(t0 + 2 * 86_400_000 + 2000) });
  server.expireHistory();
  const r2 = await gmail.walkHistory(client, state);
  expect(r2.via).toBe('relist');
  expect(r2.relist).toEqual({ query: gmail.relistQuery(Number(a.internalDate)), truncated: false, max: 100 });
  // a is inside the margin again: deduplicated, not emitted twice; b and c, oldest first; the sent copy left out.
  expect(r2.messages.map((m) => m.gmail.id)).toEqual([b.id, c.id]);
  expect(r2.skipped).toEqual(
    expect.arrayContaining([
      { id: a.id, reason: 'already_emitted' },
      { id: sent.id, reason: 'sent' },
    ]),
  );
  expect(r2.skipped.map((s) => s.id)).not.toContain(before.id); // older than the last mail seen: not searched
  expect(r2.state.historyId).toBe(String(server.historyId));

  // The new cursor works: the next mail comes through history again, once.
  const d = server.addMessage(mail('d'));
  const r3 = await gmail.walkHistory(client, r2.state);
  expect([r3.via, r3.messages.map((m) => m.gmail.id)]).toEqual(['history', [d.id]]);
});

test('the re-list is bounded: the newest messages are kept and the cut is reported, never silent', async () => {
  const state = (await gmail.walkHistory(client, {})).state;
  const ids = [];
  for (let i = 0; i < 7; i++) ids.push(server.addMessage(mail(`n${i}`), { internalDate: new Date(Date.now() + i * 1000) }).id);
  server.expireHistory();
  const r = await gmail.walkHistory(client, state, { relistMax: 5 });
  expect(r.relist).toMatchObject({ truncated: true, max: 5 });
  expect(r.messages.map((m) => m.gmail.id)).toEqual(ids.slice(2));
  const listCalls = server.requests.filter((q) => q.path.endsWith('/messages'));
  expect(listCalls.map((q) => q.query.maxResults)).toEqual(['5']);
});

test('the dedupe window keeps the last ids only, and merging two states never moves the cursor back', () => {
  const many = Array.from({ length: gmail.DEDUPE_WINDOW + 20 }, (_, i) => `id${i}`);
  const merged = gmail.mergeStates(
    { historyId: '900', recentIds: many.slice(0, 300), seenUntil: 5 },
    { historyId: '1000', recentIds: many.slice(250), seenUntil: 3 },
  );
  expect(merged.historyId).toBe('1000');
  expect(merged.seenUntil).toBe(5);
  expect(merged.recentIds).toHaveLength(gmail.DEDUPE_WINDOW);
  expect(merged.recentIds!.at(-1)).toBe(many.at(-1));
  expect(gmail.mergeStates({ historyId: '12000' }, { historyId: '9999' }).historyId).toBe('12000');
});
