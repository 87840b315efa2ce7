/** The "ticket opened" reply Debit Credit puts on a first debit, ready for Gmail Support Actions. */
import type { IDataObject } from 'n8n-workflow';
import { templates, type email as mail, type ledger, type tickets } from '../../core';

/** Outcomes that mean this Message-ID was handled before (a retry, a second delivery). */
const SEEN_BEFORE: ReadonlyArray<ledger.OpenRequestOutcome> = ['already_debited', 'linked'];

export interface ReplyFields extends IDataObject {
  /** False when this Message-ID was already handled: nothing downstream should act again. */
  firstDelivery: boolean;
  reply: IDataObject | null;
  /** True only for the delivery that opened and charged the ticket: send the reply once. */
  sendReply: boolean;
  sendReplyReason: string;
}

export function ticketOpenedReply(project: ledger.Project | null, email: mail.SupportEmail, r: tickets.DebitDecision): ReplyFields {
  const firstDelivery = !SEEN_BEFORE.includes(r.outcome);
  if (r.outcome !== 'debited' || !r.ticket || !project) {
    const why = !firstDelivery ? `message ${email.messageId} was already handled (${r.outcome}); not answering again`
      : r.outcome === 'duplicate' ? `joined the open ticket ${r.tag ?? ''} as a duplicate; no new ticket to announce`.replace('  ', ' ')
        : 'no ticket opened and charged';
    return { firstDelivery, reply: null, sendReply: false, sendReplyReason: why };
  }
  const composed = templates.composeReply({
    template: 'ticket_opened',
    project,
    original: { messageId: email.messageId, references: email.references, inReplyTo: email.inReplyTo ?? null, subject: email.subject, language: email.language },
    ticketNumber: r.ticket.number,
    vars: { client_name: email.from.name ?? '', ...(r.tag ? { ticket: r.tag } : {}) },
  });
  // The node's tag format may override the project's: its reply subject wins.
  const reply = { ...composed, subject: r.replySubject, to: email.from.address };
  return { firstDelivery, reply: reply as unknown as IDataObject, sendReply: true, sendReplyReason: `ticket ${r.tag} opened and charged` };
}
