/** The reply as an RFC 5322 message, built by nodemailer's MailComposer (never by hand). */
import MailComposer from 'nodemailer/lib/mail-composer';
import { GmailError } from './errors';

export interface ThreadReply {
  /** Gmail thread id of the client's mail: the reply is filed in it. */
  threadId: string;
  to: string | string[];
  cc?: string | string[];
  /** Optional From; Gmail uses the account's address when absent. */
  from?: string;
  subject: string;
  text: string;
  html?: string;
  /** Message-ID of the mail answered, with angle brackets. */
  inReplyTo: string;
  /** References chain (space-separated string or list), the answered Message-ID last. */
  references: string | string[];
  /** Extra headers, e.g. composeReply's Auto-Submitted and X-Auto-Response-Suppress. */
  headers?: Record<string, string>;
}

// Threading headers come from inReplyTo/references; set twice they would be duplicated.
const OWN_HEADERS = new Set(['in-reply-to', 'references', 'subject', 'to', 'cc', 'from', 'content-type', 'mime-version']);

const list = (value: string | string[] | undefined): string[] =>
  (Array.isArray(value) ? value : [value ?? '']).map((s) => String(s).trim()).filter(Boolean);

const ids = (value: string | string[]): string[] =>
  (Array.isArray(value) ? value : String(value ?? '').split(/\s+/))
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => (s.startsWith('<') ? s : `<${s}>`));

export function validateReply(reply: ThreadReply): void {
  const need = (ok: boolean, field: string, hint: string) => {
    if (!ok) throw new GmailError('gmail_invalid_input', `The reply has no ${field}: ${hint}`, { field });
  };
  need(
    typeof reply.threadId === 'string' && reply.threadId.trim() !== '',
    'threadId',
    "pass the Gmail thread id of the client's mail (email.threadId).",
  );
  need(list(reply.to).length > 0, 'to', "pass the client's address.");
  need(typeof reply.subject === 'string' && reply.subject.trim() !== '', 'subject', 'pass the reply subject (composeReply gives one).');
  need(typeof reply.text === 'string' && reply.text !== '', 'text', 'pass the plain-text body.');
  need(typeof reply.inReplyTo === 'string' && reply.inReplyTo.trim() !== '', 'inReplyTo', "pass the Message-ID of the client's mail.");
}

/** Any outgoing message: a reply (with threading headers) or a new mail such as a staff notice. */
export type OutgoingMail = Omit<ThreadReply, 'threadId' | 'inReplyTo' | 'references'> & {
  inReplyTo?: string;
  references?: string | string[];
};

/** MIME bytes: multipart/alternative (text + html) in UTF-8, encoded-word subject when non-ASCII. */
export async function buildMime(mail: OutgoingMail): Promise<Buffer> {
  const refs = ids(mail.references ?? []);
  const inReplyTo = mail.inReplyTo ? ids(mail.inReplyTo)[0] : undefined;
  if (inReplyTo && !refs.includes(inReplyTo)) refs.push(inReplyTo);
  const headers = Object.entries(mail.headers ?? {})
    .filter(([name]) => !OWN_HEADERS.has(name.toLowerCase()))
    .map(([key, value]) => ({ key, value: String(value) }));
  const composer = new MailComposer({
    ...(mail.from ? { from: mail.from } : {}),
    to: list(mail.to),
    ...(list(mail.cc).length ? { cc: list(mail.cc) } : {}),
    subject: mail.subject,
    text: mail.text,
    ...(mail.html ? { html: mail.html } : {}),
    ...(inReplyTo ? { inReplyTo } : {}),
    ...(refs.length ? { references: refs } : {}),
    headers,
    textEncoding: 'quoted-printable',
  });
  return composer.compile().build();
}

/** A reply in the client's thread: validated, the answered Message-ID last in References. */
export async function buildReplyMime(reply: ThreadReply): Promise<Buffer> {
  validateReply(reply);
  return buildMime(reply);
}
