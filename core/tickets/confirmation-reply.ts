/** The mails of the sender-confirmation path: the request for confirmation, and "too late". */
import type { SupportEmail } from '../email/types';
import type { Project } from '../ledger/types';
import { composeReply, formatExpiry, pickLanguage, timeZoneOf, type ComposedReply } from '../templates';
import type { DebitDecision } from './debit';
import { confirmationCodeText, confirmationExpiryHoursOf } from './sender-policy';

export interface ConfirmationMail extends ComposedReply {
  /** The only recipient: the address the request was held for, never a Reply-To the mail carried (a forger's). */
  onlyTo: string;
}

/** The mail a held or expired request gets, or null when this delivery needs none. */
export function confirmationMail(project: Project, email: SupportEmail, d: DebitDecision): ConfirmationMail | null {
  if (!d.ticket || (d.outcome !== 'held_for_confirmation' && d.outcome !== 'confirmation_expired')) return null;
  const original = {
    messageId: email.messageId,
    references: email.references,
    inReplyTo: email.inReplyTo ?? null,
    subject: email.subject,
    language: email.language,
  };
  const base = {
    project,
    original,
    ticketNumber: d.ticket.number,
    vars: { client_name: email.from.name ?? '', ...(d.tag ? { ticket: d.tag } : {}) },
  };
  if (d.outcome === 'confirmation_expired') {
    return { ...composeReply({ ...base, template: 'confirmation_expired' }), subject: d.replySubject, onlyTo: email.from.address };
  }
  const code = confirmationCodeText(d.confirmationCode ?? '');
  const expires = new Date(new Date(d.ticket.createdAt).getTime() + confirmationExpiryHoursOf(project) * 3600_000);
  const language = pickLanguage(email.language, project);
  const withVars = composeReply({
    ...base,
    template: 'confirm_request',
    language,
    vars: { ...base.vars, confirm_code: code, expires_at: formatExpiry(expires, language, timeZoneOf(project)) },
  });
  // The code in the subject: a reply keeps it there, and only the registered mailbox has seen it.
  return { ...withVars, subject: `${d.replySubject} (${code})`, onlyTo: email.from.address };
}
