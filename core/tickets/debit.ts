/**
 * Debit for one request: one credit per new problem, never twice for one mail. The ledger does
 * the deciding in one transaction (Ledger.openRequest); this module prepares the fingerprints
 * and turns the outcome into what the reply needs (ticket tag, reply subject).
 */
import { checkAuthenticity, type AuthVerdict } from '../email/authenticity';
import type { SupportEmail } from '../email/types';
import { requestKeyOf } from '../ledger/mail-key';
import type { Account, Ledger, OpenRequestOutcome, Project, Ticket } from '../ledger/types';
import { formatTicketTag, replySubject } from '../templates';
import { GateError } from './errors';
import {
  confirmationExpiryHoursOf,
  findConfirmedTicket,
  needsConfirmation,
  newConfirmationCode,
  senderAuthenticationOf,
} from './sender-policy';
import { bodySignature, subjectFingerprint } from './signature';
import { tagFormatOf, tagRegExp } from './tag-format';

export interface RequestClassification {
  category?: string | null;
  urgency?: string | null;
  summary?: string | null;
}

export interface DebitOptions {
  project: Project | string;
  account: Account | string;
  classification?: RequestClassification | null;
  /** Overrides the project's settings.ticketTagFormat. */
  tagFormat?: string | null;
  /** The same problem from the same account within this many hours joins the open ticket (0: never). */
  duplicateWindowHours?: number;
  /** Body similarity (Jaccard of word 3-shingles) from which two mails are the same problem. */
  similarityThreshold?: number;
  /** Without credit, open the ticket held as waiting_payment (default true). */
  holdWhenNoCredit?: boolean;
  actor?: string;
  /** The gate's authentication verdict of this mail; absent: checked here from the mail's headers. */
  authenticity?: AuthVerdict | null;
  /** The clock (tests): the duplicate window and the confirmation expiry end here. */
  now?: Date;
}

/**
 * held_for_confirmation: an unauthenticated request, held uncharged until its sender confirms;
 * confirmed: this mail was that confirmation (charged now, or held for payment);
 * confirmation_expired: the confirmation came too late, the request was closed uncharged.
 */
export type DebitOutcome = OpenRequestOutcome | 'held_for_confirmation' | 'confirmed' | 'confirmation_expired';

export interface DebitDecision {
  route: 'debited' | 'no_credit' | 'needs_confirmation';
  outcome: DebitOutcome;
  /** True only when this call moved a credit. */
  charged: boolean;
  ticket: Ticket | null;
  /** The ticket tag for the reply subject, e.g. "[SG-42]". */
  tag: string | null;
  replySubject: string;
  balance: number;
  idempotencyKey: string;
  duplicateOf?: { ticketId: string; number: number; tag: string; by: 'subject' | 'body'; similarity: number };
  /** The code the confirmation mail carries: only on the delivery that held the request. */
  confirmationCode?: string;
  /** Charged although the sender is not authenticated (policy "flag"): the reply says so. */
  unverifiedSender?: boolean;
}

/** The debit key of a request: one per project and Message-ID, which it holds hashed (core/ledger/mail-key.ts). */
export function requestKey(projectId: string, messageId: string): string {
  return requestKeyOf(projectId, messageId);
}

/** Where a ticket seen before stands now: charged (debited), waiting for payment, or still (or no longer) awaiting its sender. */
function routeOf(ticket: Ticket): DebitDecision['route'] {
  if (ticket.status === 'waiting_payment') return 'no_credit';
  return ticket.status === 'waiting_confirmation' || ticket.status === 'closed' ? 'needs_confirmation' : 'debited';
}

function requireWindow(hours: number): number {
  if (typeof hours !== 'number' || !Number.isFinite(hours) || hours < 0) {
    throw new GateError(
      'invalid_argument',
      `duplicateWindowHours must be 0 or more hours (got ${JSON.stringify(hours)}): 24 is the default, 0 turns duplicate detection off.`,
      'duplicateWindowHours',
    );
  }
  return hours;
}

export async function debitForRequest(ledger: Ledger, email: SupportEmail, options: DebitOptions): Promise<DebitDecision> {
  const hours = requireWindow(options.duplicateWindowHours ?? 24);
  const project = typeof options.project === 'string' ? await ledger.getProject(options.project) : options.project;
  if (!project)
    throw new GateError(
      'unknown_project',
      `Project "${String(options.project)}" does not exist: pass the project Check Sender Credits found (json.project.id).`,
      'project',
    );
  const accountId = typeof options.account === 'string' ? options.account : options.account?.id;
  if (!accountId)
    throw new GateError(
      'invalid_argument',
      'account is required: pass the account Check Sender Credits found (json.account.id).',
      'account',
    );
  const format = tagFormatOf(project, options.tagFormat);
  const key = requestKey(project.id, email.messageId);
  const now = options.now ?? new Date();
  const c = options.classification ?? {};
  const actor = options.actor ?? 'supportgate';
  // Requests held for confirmation before this instant have expired.
  const expiresBefore = new Date(now.getTime() - confirmationExpiryHoursOf(project) * 3600_000).toISOString();
  const decided = (
    route: DebitDecision['route'],
    outcome: DebitOutcome,
    ticket: Ticket,
    balance: number,
    rest: Partial<DebitDecision> = {},
  ): DebitDecision => ({
    route,
    outcome,
    charged: false,
    ticket,
    tag: formatTicketTag(ticket.number, format),
    replySubject: replySubject(email.subject, ticket.number, format),
    balance,
    idempotencyKey: key,
    ...rest,
  });

  const authservId = typeof project.settings.trustedAuthservId === 'string' ? project.settings.trustedAuthservId : undefined;
  const verdict = options.authenticity ?? checkAuthenticity(email, authservId ? { trustedAuthservId: authservId } : {}).verdict;
  // The registered sender confirms a held request: it is charged now, under the request's own key.
  // A spoofed confirmation confirms nothing, wherever a workflow wires it.
  const held = verdict === 'spoofed' ? null : await findConfirmedTicket(ledger, email, project.id, accountId);
  if (held) {
    const heldKey = held.messageId ? requestKey(project.id, held.messageId) : `ticket:${held.id}:confirmed`;
    const r = await ledger.confirmHeldTicket({ ticketId: held.id, idempotencyKey: heldKey, expiresBefore, actor });
    await ledger.addTicketMessage(held.id, email.messageId);
    if (r.outcome === 'expired')
      return decided('needs_confirmation', 'confirmation_expired', r.ticket, r.balance, { idempotencyKey: heldKey });
    return decided(routeOf(r.ticket), r.outcome === 'not_waiting' ? 'linked' : 'confirmed', r.ticket, r.balance, {
      idempotencyKey: heldKey,
      charged: r.outcome === 'debited',
    });
  }

  const policy = senderAuthenticationOf(project);
  if (needsConfirmation(policy, verdict)) {
    const code = newConfirmationCode();
    const h = await ledger.holdForConfirmation({
      project: project.id,
      accountId,
      messageId: email.messageId,
      subject: email.subject,
      sender: email.from.address,
      category: c.category ?? null,
      urgency: c.urgency ?? null,
      summary: c.summary ?? null,
      actor,
      confirmationCode: code,
      providerMessageId: email.providerId ?? null,
      threadId: email.threadId ?? null,
      mailSource: email.source,
    });
    const balance = await ledger.balance(accountId);
    if (h.created) {
      // Holds are rare: each new one closes the project's holds that outlived their expiry.
      await ledger.expireUnconfirmedTickets(project.id, expiresBefore, actor);
      return decided('needs_confirmation', 'held_for_confirmation', h.ticket, balance, { confirmationCode: code });
    }
    // Seen before: answer from the ticket as it is now, never a second confirmation mail.
    return decided(routeOf(h.ticket), 'linked', h.ticket, balance);
  }

  const r = await ledger.openRequest({
    project: project.id,
    accountId,
    messageId: email.messageId,
    idempotencyKey: key,
    subject: email.subject,
    sender: email.from.address,
    category: c.category ?? null,
    urgency: c.urgency ?? null,
    summary: c.summary ?? null,
    subjectFingerprint: subjectFingerprint(email.subject, tagRegExp(format)),
    bodySignature: bodySignature(email.text),
    duplicateSince: hours > 0 ? new Date(now.getTime() - hours * 3600_000).toISOString() : null,
    similarityThreshold: options.similarityThreshold,
    holdWhenNoCredit: options.holdWhenNoCredit,
    actor,
    // Where the mail lives at its provider: a payment later answers in that thread and relabels it.
    providerMessageId: email.providerId ?? null,
    threadId: email.threadId ?? null,
    mailSource: email.source,
  });
  const covered =
    r.outcome === 'debited' ||
    r.outcome === 'already_debited' ||
    ((r.outcome === 'duplicate' || r.outcome === 'linked') && r.ticket?.status !== 'waiting_payment');
  const tag = r.ticket ? formatTicketTag(r.ticket.number, format) : null;
  return {
    route: covered ? 'debited' : 'no_credit',
    outcome: r.outcome,
    charged: r.outcome === 'debited',
    ticket: r.ticket,
    tag,
    replySubject: replySubject(email.subject, r.ticket?.number ?? null, format),
    balance: r.balance,
    idempotencyKey: key,
    ...(r.duplicateOf ? { duplicateOf: { ...r.duplicateOf, tag: formatTicketTag(r.duplicateOf.number, format) } } : {}),
    ...(policy === 'flag' && verdict !== 'authentic' ? { unverifiedSender: true } : {}),
  };
}
