/** sendThreadReply through the real googleapis client: the MIME Gmail receives, parsed back. */
import { simpleParser } from 'mailparser';
import { gmail, templates } from '../../../core';
import { GmailTestServer } from '../../support/gmail-server';
import { clientMail, startGmail } from './fixtures';

let server: GmailTestServer;
let client: gmail.GmailClient;
let threadId: string;

beforeEach(async () => {
  ({ server, client } = await startGmail());
  threadId = server.addMessage(
    clientMail({
      messageId: '<m2@client.test>',
      subject: 'Re: Site down',
      inReplyTo: '<m1@client.test>',
      references: '<m0@client.test> <m1@client.test>',
    }),
    { threadId: 'thread-77' },
  ).threadId!;
});
afterEach(() => server.stop());

function composed(subject: string) {
  return templates.composeReply({
    template: 'ticket_opened',
    project: { name: 'Acme Support' } as templates.TemplateProject,
    original: {
      messageId: '<m2@client.test>',
      subject,
      references: ['<m0@client.test>', '<m1@client.test>'],
      inReplyTo: '<m1@client.test>',
      language: 'fr',
    },
    ticketNumber: 41,
    balance: 2,
  });
}

test('the reply is sent in the client thread with threading headers, tag, Auto-Submitted and both parts', async () => {
  const reply = composed('Re: Site down');
  const sent = await gmail.sendThreadReply(client, {
    threadId,
    to: 'Alice Client <alice@client.test>',
    cc: ['bob@client.test'],
    subject: reply.subject,
    text: reply.text,
    html: reply.html,
    inReplyTo: reply.headers['In-Reply-To'],
    references: reply.headers.References,
    headers: reply.headers,
  });
  expect(sent.threadId).toBe('thread-77');
  expect(server.sent).toHaveLength(1);
  const request = server.requests.find((r) => r.path.endsWith('/messages/send'))!;
  expect((request.body as { threadId: string }).threadId).toBe('thread-77');
  expect(request.authorization).toBe('Bearer ya29.test-access-token');

  const mime = server.sent[0].mime.toString('utf8');
  expect(mime).toMatch(/^Content-Type: multipart\/alternative;/m);
  expect(mime.match(/^In-Reply-To:/gim)).toHaveLength(1);
  expect(mime.match(/^References:/gim)).toHaveLength(1);
  const parsed = await simpleParser(server.sent[0].mime);
  expect(parsed.subject).toBe('Re: [SG-41] Site down');
  expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value[0] : null).toEqual({
    address: 'alice@client.test',
    name: 'Alice Client',
  });
  expect(parsed.cc && !Array.isArray(parsed.cc) ? parsed.cc.value[0].address : null).toBe('bob@client.test');
  expect(parsed.inReplyTo).toBe('<m2@client.test>');
  expect(parsed.references).toEqual(['<m0@client.test>', '<m1@client.test>', '<m2@client.test>']);
  expect(parsed.headers.get('auto-submitted')).toBe('auto-replied');
  expect(parsed.headers.get('x-auto-response-suppress')).toBe('All');
  expect(parsed.text?.trim()).toBe(reply.text.trim());
  expect(parsed.html).toContain('SG-41');
  expect(parsed.messageId).toMatch(/^<.+@.+>$/);
});

test('a non-ASCII subject and body travel as UTF-8 (encoded-word subject, no raw 8-bit header)', async () => {
  const reply = composed('Problème de facturation — café ☕');
  await gmail.sendThreadReply(client, {
    threadId,
    to: 'alice@client.test',
    subject: reply.subject,
    text: 'Bonjour, votre demande « urgente » est reçue.',
    html: '<p>Bonjour, reçue ✓</p>',
    inReplyTo: '<m2@client.test>',
    references: [],
    headers: reply.headers,
  });
  const raw = server.sent[0].mime;
  const subjectLine = raw.toString('latin1').match(/^Subject:.*(\r\n[ \t].*)*/m)![0];
  expect(subjectLine).toMatch(/=\?UTF-8\?[QB]\?/i);
  expect(/[^\x00-\x7f]/.test(raw.toString('latin1'))).toBe(false);
  const parsed = await simpleParser(raw);
  expect(parsed.subject).toBe('Re: [SG-41] Problème de facturation — café ☕');
  expect(parsed.text?.trim()).toBe('Bonjour, votre demande « urgente » est reçue.');
  expect(parsed.html).toContain('reçue ✓');
  // references empty: the answered message still closes the chain.
  expect(parsed.references).toBe('<m2@client.test>');
});

test('missing thread id or recipient is a typed error naming the field, and nothing is sent', async () => {
  const base = {
    threadId,
    to: 'alice@client.test',
    subject: 'Re: x',
    text: 't',
    inReplyTo: '<m2@client.test>',
    references: [] as string[],
  };
  await expect(gmail.sendThreadReply(client, { ...base, threadId: '' })).rejects.toMatchObject({
    code: 'gmail_invalid_input',
    field: 'threadId',
  });
  await expect(gmail.sendThreadReply(client, { ...base, to: [] })).rejects.toMatchObject({ code: 'gmail_invalid_input', field: 'to' });
  expect(server.sent).toHaveLength(0);
});

test('an unknown thread is refused by Gmail and reported as not found', async () => {
  await expect(
    gmail.sendThreadReply(client, {
      threadId: 'nope',
      to: 'alice@client.test',
      subject: 'Re: x',
      text: 't',
      inReplyTo: '<m2@client.test>',
      references: [],
    }),
  ).rejects.toMatchObject({
    code: 'gmail_not_found',
    status: 404,
  });
});
