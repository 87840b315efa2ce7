/** Sends one message over SMTP and files the same bytes in the Sent folder over IMAP. */
import MailComposer from 'nodemailer/lib/mail-composer';
import { ImapSupportError, describe } from './errors';
import { newMessageId } from './reply';
import { tlsAdvice, type MailSession } from './session';

export interface OutgoingMessage {
  to: string[];
  subject: string;
  text: string;
  html?: string;
  inReplyTo?: string;
  references?: string[];
  /** Extra headers (Auto-Submitted…); threading and addressing headers come from the fields above. */
  headers?: Record<string, string>;
}

export interface SentMessage {
  messageId: string;
  to: string[];
  /** The Sent folder it was appended to, or null when appending is off or failed. */
  sentFolder: string | null;
  /** Why the copy is not in Sent: the message itself was sent. */
  appendError?: string;
}

const OWN_HEADERS = new Set([
  'in-reply-to',
  'references',
  'subject',
  'to',
  'cc',
  'bcc',
  'from',
  'content-type',
  'mime-version',
  'message-id',
  'date',
]);

export async function buildMessage(from: string, mail: OutgoingMessage, messageId: string): Promise<Buffer> {
  const headers = Object.entries(mail.headers ?? {})
    .filter(([name]) => !OWN_HEADERS.has(name.toLowerCase()))
    .map(([key, value]) => ({ key, value: String(value) }));
  return new MailComposer({
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    ...(mail.html ? { html: mail.html } : {}),
    ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
    ...(mail.references?.length ? { references: mail.references } : {}),
    messageId,
    date: new Date(),
    headers,
    textEncoding: 'quoted-printable',
  })
    .compile()
    .build();
}

export async function sendMessage(session: MailSession, mail: OutgoingMessage, options: { appendToSent: boolean }): Promise<SentMessage> {
  const to = mail.to.map((a) => a.trim()).filter(Boolean);
  if (!to.length) throw new ImapSupportError('imap_invalid_input', 'No recipient: give at least one address.', { field: 'to' });
  if (!mail.text.trim() && !mail.html?.trim())
    throw new ImapSupportError('imap_invalid_input', 'The message has no text and no HTML body.', { field: 'message' });
  const { config } = session;
  const messageId = newMessageId(config.from);
  const raw = await buildMessage(config.from, { ...mail, to }, messageId);
  try {
    // The envelope is explicit: a raw message's own headers never choose its recipients.
    await session.smtp.sendMail({ envelope: { from: config.from, to }, raw });
  } catch (err) {
    const advice = tlsAdvice('SMTP', config.smtp.host, config.smtp.port, err);
    throw new ImapSupportError('smtp_failed', advice ?? `SMTP ${config.smtp.host} did not accept the message (${describe(err)}).`, {
      field: advice ? 'smtpSecure' : 'smtpHost',
      cause: err,
    });
  }
  const folder = options.appendToSent && config.sentFolder ? config.sentFolder : null;
  if (!folder) return { messageId, to, sentFolder: null };
  try {
    await session.imap.append(folder, raw, ['\\Seen']);
    return { messageId, to, sentFolder: folder };
  } catch (err) {
    // Sent already: failing the item would leave the mail unmarked, and the sweep would answer
    // the client a second time. The item says what went wrong instead.
    return {
      messageId,
      to,
      sentFolder: null,
      appendError: `Appending to "${folder}" failed (${describe(err)}): check the Sent Folder name of the credential.`,
    };
  }
}
