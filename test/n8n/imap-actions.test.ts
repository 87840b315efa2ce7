/**
 * IMAP/SMTP Support Actions inside the real n8n against a real Dovecot and the local SMTP
 * stand-in: the credential test, a reply, keywords, the sweep, and a failing item on Failed.
 */
import { simpleParser } from 'mailparser';
import { email } from '../../core';
import { appendToInbox } from '../support/smtp-relay';
import { clientMail, credentialFields, flagsIn, startMailbox, STAFF, SUPPORT, type TestMailbox } from '../integration/imap/mailbox';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDovecot } from '../support/dovecot-server';
import { selfSignedCertificate } from '../support/self-signed';
import { startSmtpRelay } from '../support/smtp-relay';
import { ledgerCredential, n8n, runNode } from './harness';

let box: TestMailbox;
let credential: { id: string; name: string };

const actions = async (parameters: Record<string, unknown>, items: Array<Record<string, unknown>>, continueOnFail = false) =>
  runNode(
    {
      type: 'imapSupportActions',
      parameters,
      credentials: { supportGateImapSmtpApi: credential, supportGateLedgerApi: await ledgerCredential('imap-actions') },
      continueOnFail,
    },
    items,
  );

async function arrive(o: Parameters<typeof clientMail>[0] = {}) {
  const mail = clientMail(o);
  await appendToInbox(box.dovecot, SUPPORT, mail.raw);
  // JSON round trip: what the item carries between nodes.
  return { ...mail, email: JSON.parse(JSON.stringify(await email.normalizeRfc822(mail.raw, 'imap-raw'))) as Record<string, unknown> };
}

beforeAll(async () => {
  box = await startMailbox();
  credential = await (await n8n()).createCredential('IMAP test', 'supportGateImapSmtpApi', credentialFields(box.dovecot, box.smtp));
});
afterAll(() => box?.stop());

test('the credential test logs in to IMAP and SMTP, and reports a wrong password', async () => {
  const api = await n8n();
  const test = (data: Record<string, unknown>) =>
    api.rest<{ data: { status: string; message: string } }>('POST', '/rest/credentials/test', {
      credentials: { id: credential.id, name: 'IMAP test', type: 'supportGateImapSmtpApi', data },
    });
  expect((await test(credentialFields(box.dovecot, box.smtp))).data).toEqual({
    status: 'OK',
    message: 'IMAP login, INBOX and SMTP login succeeded',
  });
  const wrong = (await test(credentialFields(box.dovecot, box.smtp, { smtpPassword: 'wrong' }))).data;
  expect(wrong).toMatchObject({ status: 'Error', message: expect.stringMatching(/^SMTP 127\.0\.0\.1:\d+ refused/) });
});

test('the credential test over TLS: a self-signed server is refused, then accepted once its certificate is in CA Certificate', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sg-n8n-tls-'));
  const cert = selfSignedCertificate(dir);
  const dovecot = await startDovecot({ users: [SUPPORT], tls: { certPath: cert.certPath, keyPath: cert.keyPath } });
  const smtps = await startSmtpRelay(dovecot, { tls: { key: cert.key, cert: cert.cert, implicitTls: true } });
  try {
    const fields = (more: Record<string, unknown>) => ({
      ...credentialFields(dovecot, smtps),
      imapPort: dovecot.tlsPort,
      imapSecure: true,
      smtpSecure: true,
      ...more,
    });
    const api = await n8n();
    const tls = await api.createCredential('IMAP TLS test', 'supportGateImapSmtpApi', fields({}));
    const test = (data: Record<string, unknown>) =>
      api.rest<{ data: { status: string; message: string } }>('POST', '/rest/credentials/test', {
        credentials: { id: tls.id, name: 'IMAP TLS test', type: 'supportGateImapSmtpApi', data },
      });
    expect((await test(fields({}))).data).toMatchObject({
      status: 'Error',
      message: expect.stringMatching(/^The IMAP server 127\.0\.0\.1:\d+ presented a TLS certificate .* CA Certificate field/),
    });
    expect((await test(fields({ caCertificate: cert.cert }))).data).toEqual({
      status: 'OK',
      message: 'IMAP login, INBOX and SMTP login succeeded',
    });
    expect(dovecot.log()).toMatch(/Login: user=<[^>]+>.*, TLS,/);
    expect(smtps.logins).toEqual([{ user: SUPPORT.user, secure: true }]);
  } finally {
    await smtps.stop();
    await dovecot.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Reply in Thread then Set Keyword: threaded reply to Reply-To, copy in Sent, $SupportGate_Paid on the mail', async () => {
  const { messageId, email: mail } = await arrive({ replyTo: 'billing@client.test' });
  const reply = {
    subject: 'Re: [SG-3] Printer broken',
    text: 'Ticket [SG-3] opened.',
    html: '<p>Ticket [SG-3] opened.</p>',
    headers: { 'Auto-Submitted': 'auto-replied', 'In-Reply-To': messageId, References: messageId },
  };
  const { outputs } = await actions({ operation: 'replyInThread' }, [{ email: mail, ticket: { tag: '[SG-3]' }, reply }]);
  expect(outputs[1]).toEqual([]);
  const sent = outputs[0][0].json.imapReply as { messageId: string; to: string[] };
  expect(sent.to).toEqual(['billing@client.test']);
  const parsed = await simpleParser(box.smtp.messages.at(-1)!.raw);
  expect([parsed.subject, parsed.inReplyTo, parsed.headers.get('auto-submitted')]).toEqual([
    'Re: [SG-3] Printer broken',
    messageId,
    'auto-replied',
  ]);
  expect(await flagsIn(box.look, 'Sent', sent.messageId)).toEqual(['\\Seen']);

  const marked = await actions({ operation: 'setMark', mark: 'paid' }, [{ email: mail }]);
  expect(marked.outputs[0][0].json.imapMark).toMatchObject({ method: 'keyword', keyword: '$SupportGate_Paid', mailbox: 'INBOX' });
  expect(await flagsIn(box.look, 'INBOX', messageId)).toEqual(['$SupportGate_Paid']);
});

test('List Unmarked Recent: one run whatever the input, raw items; Send Email reaches staff', async () => {
  const before = (await actions({ operation: 'listUnmarkedRecent' }, [{ tick: 1 }])).outputs[0].length;
  const { messageId } = await arrive({ subject: 'Swept' });
  const { outputs } = await actions({ operation: 'listUnmarkedRecent', newerThanDays: 1 }, [{ tick: 1 }]);
  expect(outputs[0]).toHaveLength(before + 1);
  expect(String(outputs[0].at(-1)!.json.raw)).toContain(messageId);

  const sent = await actions({ operation: 'sendEmail', sendTo: STAFF.user, subject: 'New ticket', message: 'Balance 2' }, [{}]);
  expect(box.smtp.messages.at(-1)!.to).toEqual([STAFF.user]);
  expect((sent.outputs[0][0].json.imapSent as { sentFolder: string }).sentFolder).toBe('Sent');
});

test('continue-on-fail: an item without a reply goes to Failed, the next one is answered', async () => {
  const { email: mail } = await arrive();
  const { outputs } = await actions({ operation: 'replyInThread' }, [{ email: mail }, { email: mail, reply: { text: 'ok' } }], true);
  expect(outputs[1].map((i) => [i.json.error, i.pairedItem])).toEqual([[expect.stringContaining('no "reply" object'), { item: 0 }]]);
  expect(outputs[0].map((i) => i.pairedItem)).toEqual([{ item: 1 }]);
});
