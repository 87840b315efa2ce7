/**
 * core/imap against a real Dovecot (started by the test) and the local SMTP stand-in: threaded
 * replies and their recipients, the copy in Sent, keywords, the folder mode, the sweep.
 */
import { simpleParser } from 'mailparser';
import { email, imap } from '../../../core';
import { appendToInbox } from '../../support/smtp-relay';
import { clientMail, credentialFields, flagsIn, startMailbox, STAFF, SUPPORT, type TestMailbox } from './mailbox';

let box: TestMailbox;
let session: imap.MailSession;

beforeAll(async () => {
  box = await startMailbox();
  session = await imap.openSession(box.config);
});
afterAll(async () => {
  if (session) await imap.closeSession(session);
  await box?.stop();
});

/** A client's mail delivered to the support INBOX, and its SupportEmail as Check Sender Credits makes it. */
async function arrive(o: Parameters<typeof clientMail>[0] = {}) {
  const mail = clientMail(o);
  await appendToInbox(box.dovecot, SUPPORT, mail.raw);
  return { ...mail, email: await email.normalizeRfc822(mail.raw, 'imap-raw') };
}
const composed = (messageId: string, more: Partial<imap.ComposedReply> = {}): imap.ComposedReply => ({
  subject: 'Re: [SG-7] Printer broken',
  text: 'Hello Bob,\nticket [SG-7] is open.',
  html: '<p>Hello Bob, ticket <b>[SG-7]</b> is open.</p>',
  headers: {
    'Auto-Submitted': 'auto-replied',
    'X-Auto-Response-Suppress': 'All',
    'In-Reply-To': messageId,
    References: `<c0@client.test> ${messageId}`,
  },
  ...more,
});

describe('reply in thread', () => {
  test('to Reply-To, threaded, tagged once, auto-submitted, text + HTML, and the same message in Sent', async () => {
    const { messageId, email: mail } = await arrive({ replyTo: 'billing@client.test', references: '<c0@client.test>' });
    const sent = await imap.replyInThread(session, { mail, reply: composed(messageId), subjectTag: '[SG-7]' });

    const relayed = box.smtp.messages.at(-1)!;
    expect({ from: relayed.from, to: relayed.to, user: relayed.user }).toEqual({
      from: SUPPORT.user,
      to: ['billing@client.test'],
      user: SUPPORT.user,
    });
    const parsed = await simpleParser(relayed.raw);
    expect(parsed.subject).toBe('Re: [SG-7] Printer broken');
    expect(parsed.messageId).toBe(sent.messageId);
    expect(parsed.inReplyTo).toBe(messageId);
    expect(parsed.references).toEqual(['<c0@client.test>', messageId]);
    expect(parsed.headers.get('auto-submitted')).toBe('auto-replied');
    expect(parsed.text).toContain('ticket [SG-7] is open.');
    expect(parsed.html).toContain('<b>[SG-7]</b>');
    expect(parsed.from?.value[0].address).toBe(SUPPORT.user);

    expect(sent.sentFolder).toBe('Sent');
    expect(await flagsIn(box.look, 'Sent', sent.messageId)).toEqual(['\\Seen']);
  });

  test('onlyTo: the registered address alone, never Reply-To nor From (sender confirmation)', async () => {
    const { messageId, email: mail } = await arrive({ from: 'forged@client.test', replyTo: 'attacker@evil.test' });
    await imap.replyInThread(session, {
      mail,
      reply: composed(messageId, { onlyTo: 'registered@client.test', subject: 'Confirm your request' }),
    });
    const relayed = box.smtp.messages.at(-1)!;
    expect(relayed.to).toEqual(['registered@client.test']);
    const parsed = await simpleParser(relayed.raw);
    expect(parsed.headers.get('to')).toMatchObject({ value: [{ address: 'registered@client.test' }] });
    expect(relayed.raw.toString()).not.toContain('attacker@evil.test');
    expect(parsed.subject).toBe('Confirm your request');
  });

  test('no Reply-To: From; the tag is added when the subject lacks it; Sent off when asked', async () => {
    const { messageId, email: mail } = await arrive();
    const sent = await imap.replyInThread(session, { mail, reply: { text: 'Plain only' }, subjectTag: '[SG-9]', appendToSent: false });
    const relayed = box.smtp.messages.at(-1)!;
    expect(relayed.to).toEqual(['bob@client.test']);
    const parsed = await simpleParser(relayed.raw);
    expect(parsed.subject).toBe('Re: Printer broken [SG-9]');
    expect(parsed.inReplyTo).toBe(messageId);
    expect(parsed.headers.get('auto-submitted')).toBe('auto-replied');
    expect(parsed.html).toContain('<p>Plain only</p>');
    expect(sent.sentFolder).toBeNull();
    expect(await flagsIn(box.look, 'Sent', sent.messageId)).toBeNull();
  });

  test('a wrong Sent folder does not fail the reply (it was sent): the result says why', async () => {
    const other = await imap.openSession({ ...box.config, sentFolder: 'No such folder' });
    try {
      const { email: mail } = await arrive();
      const sent = await imap.replyInThread(other, { mail, reply: { text: 'x' } });
      expect(sent).toMatchObject({ sentFolder: null, appendError: expect.stringContaining('No such folder') });
      expect(box.smtp.messages.at(-1)!.to).toEqual(['bob@client.test']);
    } finally {
      await imap.closeSession(other);
    }
  });
});

test('send: a staff notification reaches the staff mailbox through SMTP', async () => {
  const sent = await imap.sendMessage(
    session,
    { to: [STAFF.user], subject: '[SupportGate] New ticket [SG-7]', text: 'Balance now 2.' },
    { appendToSent: true },
  );
  const staffBox = { ...box.config, imap: { ...box.config.imap, user: STAFF.user, password: STAFF.password } };
  const look = await imap.openImap(staffBox);
  try {
    expect(await flagsIn(look, 'INBOX', sent.messageId)).toEqual([]);
  } finally {
    await look.logout();
  }
});

describe('marks', () => {
  test('keywords: set, replaced by the next mark, cleared; the mail stays in INBOX', async () => {
    const { messageId } = await arrive();
    const at = await imap.locateMessage(session.imap, { messageId });
    expect(await imap.setMark(session.imap, at, 'awaitingPayment')).toMatchObject({
      method: 'keyword',
      mailbox: 'INBOX',
      keyword: '$SupportGate_AwaitingPayment',
    });
    expect(await flagsIn(box.look, 'INBOX', messageId)).toEqual(['$SupportGate_AwaitingPayment']);
    await imap.setMark(session.imap, at, 'paid');
    expect(await flagsIn(box.look, 'INBOX', messageId)).toEqual(['$SupportGate_Paid']);
    await imap.clearMarks(session.imap, at);
    expect(await flagsIn(box.look, 'INBOX', messageId)).toEqual([]);
  });

  test("folders: moved to SupportGate/<mark> (the server's delimiter), found there, moved on, and back on clear", async () => {
    const { messageId } = await arrive();
    const first = await imap.setMark(session.imap, await imap.locateMessage(session.imap, { messageId }), 'awaitingPayment', 'folders');
    expect(first).toMatchObject({ method: 'folder', mailbox: 'SupportGate.Awaiting payment' });
    expect(await flagsIn(box.look, 'INBOX', messageId)).toBeNull();
    const at = await imap.locateMessage(session.imap, { messageId });
    expect(at).toEqual({ mailbox: 'SupportGate.Awaiting payment', uid: first.uid });
    await imap.setMark(session.imap, at, 'paid', 'folders');
    expect(await flagsIn(box.look, 'SupportGate.Paid', messageId)).toEqual([]);
    expect(await flagsIn(box.look, 'SupportGate.Awaiting payment', messageId)).toBeNull();
    const back = await imap.clearMarks(session.imap, await imap.locateMessage(session.imap, { messageId }));
    expect(back.mailbox).toBe('INBOX');
    expect(await flagsIn(box.look, 'INBOX', messageId)).toEqual([]);
  });

  test('move, and a message that is nowhere', async () => {
    const { messageId } = await arrive();
    await imap.moveMessage(session.imap, await imap.locateMessage(session.imap, { messageId }), 'Sent');
    expect(await flagsIn(box.look, 'Sent', messageId)).toEqual([]);
    await expect(imap.locateMessage(session.imap, { messageId: '<nowhere@client.test>' })).rejects.toMatchObject({
      code: 'imap_not_found',
    });
  });
});

test('sweep: recent unmarked INBOX mail only, as items normalizeAny reads; marked mail is not listed again', async () => {
  // Everything earlier in this file is marked or answered: start from a marked INBOX.
  const earlier = await imap.listUnmarkedRecent(session.imap, { ownAddress: SUPPORT.user });
  for (const m of earlier) await imap.setMark(session.imap, { mailbox: 'INBOX', uid: m.uid }, 'ignored');

  const a = await arrive({ subject: 'First' });
  const b = await arrive({ subject: 'Second' });
  const old = clientMail({ subject: 'Old' });
  await session.imap.append('INBOX', old.raw, [], new Date(Date.now() - 5 * 86_400_000));
  await appendToInbox(
    box.dovecot,
    SUPPORT,
    `From: ${SUPPORT.user}\r\nTo: ${SUPPORT.user}\r\nSubject: ours\r\nMessage-ID: <ours@agency.test>\r\n\r\nx\r\n`,
  );

  const swept = await imap.listUnmarkedRecent(session.imap, { newerThanDays: 2, ownAddress: SUPPORT.user });
  const mails = await Promise.all(swept.map((m) => email.normalizeAny(m)));
  expect(mails.map((m) => [m.messageId, m.subject, m.source])).toEqual([
    [a.messageId, 'First', 'imap-raw'],
    [b.messageId, 'Second', 'imap-raw'],
  ]);
  expect(mails[0].text).toContain("l'imprimante ne fonctionne plus");

  await imap.setMark(session.imap, await imap.locateMessage(session.imap, { messageId: a.messageId }), 'paid');
  await imap.setMark(session.imap, await imap.locateMessage(session.imap, { messageId: b.messageId }), 'notSupport', 'folders');
  expect(await imap.listUnmarkedRecent(session.imap, { newerThanDays: 2, ownAddress: SUPPORT.user })).toEqual([]);
  expect(
    (await imap.listUnmarkedRecent(session.imap, { newerThanDays: 10, ownAddress: SUPPORT.user })).map((m) =>
      m.raw.includes(old.messageId),
    ),
  ).toEqual([true]);
});

describe('credential test', () => {
  test('IMAP login + INBOX + SMTP login: passes, and names the failing side', async () => {
    await expect(imap.verifyImapSmtp(box.config)).resolves.toBeUndefined();
    const fields = credentialFields(box.dovecot, box.smtp);
    await expect(imap.verifyImapSmtp(imap.imapSmtpConfigFrom({ ...fields, imapPassword: 'wrong' }))).rejects.toMatchObject({
      code: 'imap_connection_failed',
      field: 'imapPassword',
    });
    await expect(imap.verifyImapSmtp(imap.imapSmtpConfigFrom({ ...fields, smtpPassword: 'wrong' }))).rejects.toMatchObject({
      code: 'smtp_failed',
    });
    await expect(
      imap.verifyImapSmtp(imap.imapSmtpConfigFrom({ ...fields, imapPort: box.smtp.port + 0, imapHost: '127.0.0.2' })),
    ).rejects.toMatchObject({ code: 'imap_connection_failed', field: 'imapHost' });
  });
});
