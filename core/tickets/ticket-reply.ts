/** The reply Debit Credit puts on a request's first delivery, ready for the mailbox's actions node. */
import type { SupportEmail } from '../email/types';
import type { Project } from '../ledger/types';
import { composeReply } from '../templates';
import { confirmationMail } from './confirmation-reply';
import type { DebitDecision, DebitOutcome } from './debit';

type Json = Record<string, unknown>;

/** Outcomes that mean this Message-ID was handled before (a retry, a second delivery). */
const SEEN_BEFORE: ReadonlyArray<DebitOutcome> = ['already_debited', 'linked'];

export interface ReplyFields extends Json {
  /** False when this Message-ID was already handled: nothing downstream should act again. */
  firstDelivery: boolean;
  reply: Json | null;
  /** True only for the delivery that opened and charged the ticket: send the reply once. */
  sendReply: boolean;
  sendReplyReason: string;
}

/**
 * The reply of a first delivery: "ticket opened" when it opened and charged the ticket, "we already
 * have your request" when it joined an open, paid-for ticket as a duplicate. A duplicate's first
 * delivery is the only one with outcome 'duplicate' (later ones are 'linked'), so it is answered once.
 */
export function ticketOpenedReply(
  project: Project | null,
  email: SupportEmail,
  r: DebitDecision,
  { answerAgain = false } = {},
): ReplyFields {
  const firstDelivery = !SEEN_BEFORE.includes(r.outcome);
  // The intake journal says no earlier run claimed this mail's reply: answer as its first run would have.
  const outcome: DebitOutcome =
    answerAgain && r.outcome === 'already_debited' ? 'debited' : answerAgain && r.outcome === 'linked' ? 'duplicate' : r.outcome;
  const confirmation = project ? confirmationMail(project, email, r) : null;
  if (confirmation) {
    const why =
      r.outcome === 'held_for_confirmation'
        ? `sender not authenticated: ${r.tag} held until ${confirmation.onlyTo} confirms, not charged`
        : `confirmation of ${r.tag} came too late: closed, not charged`;
    return { firstDelivery, reply: confirmation as unknown as Json, sendReply: true, sendReplyReason: why };
  }
  const duplicate = outcome === 'duplicate' && r.route === 'debited';
  const confirmedNow = outcome === 'confirmed' && r.charged;
  if ((outcome !== 'debited' && !duplicate && !confirmedNow) || !r.ticket || !project) {
    const why =
      !firstDelivery && !answerAgain
        ? `message ${email.messageId} was already handled (${r.outcome}); not answering again`
        : r.outcome === 'duplicate'
          ? `joined the held ticket ${r.tag ?? ''} as a duplicate; the payment link path answers`.replace('  ', ' ')
          : 'no ticket opened and charged';
    return { firstDelivery, reply: null, sendReply: false, sendReplyReason: why };
  }
  const composed = composeReply({
    template: duplicate ? 'duplicate_joined' : r.unverifiedSender ? 'ticket_opened_unverified' : 'ticket_opened',
    project,
    original: {
      messageId: email.messageId,
      references: email.references,
      inReplyTo: email.inReplyTo ?? null,
      subject: email.subject,
      language: email.language,
    },
    ticketNumber: r.ticket.number,
    // After this mail's debit (a duplicate moved nothing): what the account has left.
    balance: r.balance,
    vars: { client_name: email.from.name ?? '', ...(r.tag ? { ticket: r.tag } : {}) },
  });
  // The node's tag format may override the project's: its reply subject wins.
  const reply = { ...composed, subject: r.replySubject, to: email.from.address };
  const reason =
    (duplicate ? `joined the open ticket ${r.tag} as a duplicate, not charged` : `ticket ${r.tag} opened and charged`) +
    (outcome !== r.outcome ? '; answered now: no earlier run sent the reply' : '');
  return { firstDelivery, reply: reply as unknown as Json, sendReply: true, sendReplyReason: reason };
}
