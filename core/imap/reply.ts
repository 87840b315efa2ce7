/** The threaded reply to a client's mail: who gets it, its subject, its headers. */
import { randomUUID } from 'node:crypto';
import { ImapSupportError } from './errors';

interface Address {
  address: string;
  name?: string;
}

/** The parts of a SupportEmail a reply needs. */
export interface RepliedMail {
  messageId: string;
  references?: string[];
  from?: Address;
  replyTo?: Address[];
  subject?: string;
}

/** A reply as Debit Credit / Create Payment Link compose it. */
export interface ComposedReply {
  /** Set by the sender-confirmation reply: the registered address, and only it. */
  onlyTo?: string;
  subject?: string;
  text?: string;
  html?: string;
  headers?: Record<string, string>;
}

/**
 * onlyTo wins over everything: a confirmation request must reach the registered address, never a
 * Reply-To a forger chose. Otherwise Reply-To, then From (RFC 5322 §3.6.2).
 */
export function replyRecipients(mail: RepliedMail, reply: ComposedReply): string[] {
  if (typeof reply.onlyTo === 'string' && reply.onlyTo.trim()) return [reply.onlyTo.trim()];
  const to = mail.replyTo?.length ? mail.replyTo : mail.from ? [mail.from] : [];
  const addresses = to.map((a) => a.address).filter(Boolean);
  if (!addresses.length)
    throw new ImapSupportError('imap_invalid_input', 'The mail has no From or Reply-To address to answer.', { field: 'email.from' });
  return addresses;
}

/** The ticket tag once in the subject ("Re: Printer [SG-7]"), whatever the reply subject held. */
export function taggedSubject(subject: string, tag: string | undefined): string {
  const t = (tag ?? '').trim();
  if (!t || subject.includes(t)) return subject;
  return `${subject} ${t}`.trim();
}

const bracket = (id: string) => (id.trim().startsWith('<') ? id.trim() : `<${id.trim()}>`);

/** In-Reply-To and References (RFC 5322 §3.6.4): the composed reply's, else built from the mail. */
export function threadingHeaders(mail: RepliedMail, reply: ComposedReply): { inReplyTo: string; references: string[] } {
  const h = reply.headers ?? {};
  const inReplyTo = bracket(h['In-Reply-To'] || mail.messageId);
  const references = h.References ? h.References.split(/\s+/).filter(Boolean) : [...(mail.references ?? []), mail.messageId].map(bracket);
  if (!references.includes(inReplyTo)) references.push(inReplyTo);
  return { inReplyTo, references: [...new Set(references)] };
}

/** A Message-ID on the sender's domain: the copy in Sent and the client's copy carry the same one. */
export function newMessageId(from: string): string {
  return `<sg-${randomUUID()}@${from.split('@')[1] ?? 'supportgate.invalid'}>`;
}

/** Auto-replies carry Auto-Submitted (RFC 3834) so the client's responder does not answer back. */
export function autoReplyHeaders(reply: ComposedReply): Record<string, string> {
  return { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All', ...(reply.headers ?? {}) };
}
