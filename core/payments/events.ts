/**
 * Payment events, as n8n's Stripe Trigger outputs them (the Stripe Event object as JSON). The
 * body only tells us which object to look at: the session or charge is fetched again from
 * Stripe, and every ledger movement carries an idempotency key, so a replayed or forged event
 * grants nothing twice and nothing at all.
 */
import type Stripe from 'stripe';
import { PaymentDeps } from './checkout';
import { PaymentError } from './errors';
import { STRIPE_ACTOR, ticketReleaseKey } from './keys';
import { formatPrice } from './money';
import { PaymentTicket } from './ports';
import { processRefund, RefundOutcome } from './refunds';
import { OwnedSession, ownedSession, retrieveSession } from './session-context';
export { verifyStripeWebhook, processSignedStripeWebhook } from './webhook';

export interface TicketRelease {
  ticketId: string;
  number: number | null;
  subject: string | null;
  /** True when the ticket left waiting_payment (now or in an earlier run of the same event). */
  released: boolean;
  /** True only for the run that released it: send its mails then, not on replays. */
  releasedNow: boolean;
  status: string | null;
  /** The opening mail: who sent it, its Message-ID, and where it lives at its provider (Gmail ids). */
  sender?: string | null;
  messageId?: string | null;
  providerMessageId?: string | null;
  threadId?: string | null;
  mailSource?: string | null;
  /** Why it was not released, for staff. */
  reason?: string;
}

export interface PaidOutcome {
  kind: 'paid';
  eventId: string | null;
  sessionId: string;
  projectId: string;
  accountId: string;
  credits: number;
  amountMinor: number;
  currency: string;
  /** Formatted for people in English and French. */
  price: { en: string; fr: string };
  /** After the grant and the release of the held tickets, as the release transaction left it. */
  balance: number;
  /** True only for the run that granted the credits: send notifications then, not on replays. */
  firstTime: boolean;
  customerEmail: string | null;
  customerName: string | null;
  /** The checkout page's language when it was one we write ('fr' | 'en'), for the confirmation mail. */
  language: 'fr' | 'en' | null;
  /** The payment request's own ticket (null when the link was not made for a ticket). */
  ticket: TicketRelease | null;
  /** Every ticket this payment released: the request's own first, then the account's other held ones oldest first. */
  releasedTickets: TicketRelease[];
  /** The account's tickets still waiting_payment after it (not enough credit): for staff. */
  stillHeld: TicketRelease[];
}

export interface PendingOutcome {
  kind: 'pending';
  eventId: string | null;
  sessionId: string;
  accountId: string;
  paymentStatus: string;
}
export interface ExpiredOutcome {
  kind: 'expired';
  eventId: string | null;
  sessionId: string;
  accountId: string;
  ticketId: string | null;
  changed: boolean;
}
export interface IgnoredOutcome {
  kind: 'ignored';
  eventId: string | null;
  eventType: string;
  reason: string;
}
export type PaymentEventOutcome = PaidOutcome | PendingOutcome | ExpiredOutcome | RefundOutcome | IgnoredOutcome;

export const HANDLED_EVENT_TYPES = [
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'checkout.session.expired',
  'charge.refunded',
] as const;

interface EventRef {
  id: string | null;
  type: string;
  objectId: string;
}

/** Reads only the event's id, type and object id; accepts the event or a webhook item `{ body: event }`. */
export function readEventRef(input: unknown): EventRef {
  const raw = input as { body?: unknown };
  const e = (raw && typeof raw === 'object' && !('type' in raw) && raw.body && typeof raw.body === 'object' ? raw.body : raw) as Record<
    string,
    unknown
  > | null;
  if (!e || typeof e !== 'object' || typeof e.type !== 'string') {
    throw new PaymentError(
      'invalid_event',
      'The input is not a Stripe event: expected an object with a "type" such as checkout.session.completed (the Stripe Trigger output).',
      'type',
    );
  }
  const objectId = (e.data as { object?: { id?: unknown } } | undefined)?.object?.id;
  if (typeof objectId !== 'string' || objectId === '') {
    throw new PaymentError(
      'invalid_event',
      `Stripe event ${String(e.id ?? '')} (${e.type}) has no data.object.id: pass the whole event as the Stripe Trigger outputs it.`,
      'data.object.id',
    );
  }
  return { id: typeof e.id === 'string' ? e.id : null, type: e.type, objectId };
}

/** One ticket as the paid outcome reports it, with what a reply in its thread needs. */
function releaseOf(t: PaymentTicket, released: boolean, releasedNow: boolean): TicketRelease {
  return {
    ticketId: t.id,
    number: t.number,
    subject: t.subject,
    released,
    releasedNow,
    status: t.status,
    sender: t.sender ?? null,
    messageId: t.messageId ?? null,
    providerMessageId: t.providerMessageId ?? null,
    threadId: t.threadId ?? null,
    mailSource: t.mailSource ?? null,
  };
}

/** Releases the account's held tickets; reports the request's own ticket apart (null without one). */
async function releaseTickets(
  deps: PaymentDeps,
  owned: OwnedSession,
): Promise<Pick<PaidOutcome, 'ticket' | 'releasedTickets' | 'stillHeld' | 'balance'>> {
  const { ledger } = deps;
  const r = await ledger.releaseHeldTickets(owned.session.id, STRIPE_ACTOR);
  const releasedTickets = r.released.map((x) => releaseOf(x.ticket, true, x.now));
  const stillHeld = r.held.map((t) => ({ ...releaseOf(t, false, false), reason: 'no credit left to debit' }));
  const { balance } = r;
  if (!owned.ticketId) return { ticket: null, releasedTickets, stillHeld, balance };
  const own = [...releasedTickets, ...stillHeld].find((t) => t.ticketId === owned.ticketId);
  if (own) return { ticket: own, releasedTickets, stillHeld, balance };
  const ticket = await ledger.getTicket(owned.ticketId);
  if (!ticket)
    return {
      ticket: {
        ticketId: owned.ticketId,
        number: null,
        subject: null,
        released: false,
        releasedNow: false,
        status: null,
        reason: 'ticket not found',
      },
      releasedTickets,
      stillHeld,
      balance,
    };
  // Released before this payment's journal carried its request id, or not held any more (staff moved it).
  const done = await ledger.hasJournalEntry(owned.accountId, ticketReleaseKey(ticket.id));
  const own2 = { ...releaseOf(ticket, done, false), ...(done ? {} : { reason: `ticket is ${ticket.status}, not waiting_payment` }) };
  return { ticket: own2, releasedTickets, stillHeld, balance };
}

async function onPaid(deps: PaymentDeps, ref: EventRef): Promise<PaymentEventOutcome> {
  const session = await retrieveSession(deps.stripe, ref.objectId);
  const owned = await ownedSession(deps.ledger, session);
  const { request } = owned;
  if (session.payment_status !== 'paid') {
    return {
      kind: 'pending',
      eventId: ref.id,
      sessionId: session.id,
      accountId: owned.accountId,
      paymentStatus: String(session.payment_status),
    };
  }
  if (request.status === 'refunded') {
    return { kind: 'ignored', eventId: ref.id, eventType: ref.type, reason: `payment request for ${session.id} was already refunded` };
  }
  const currency = String(session.currency ?? '').toLowerCase();
  if (session.amount_total === null || session.amount_total < request.amountMinor || currency !== request.currency.toLowerCase()) {
    throw new PaymentError(
      'session_mismatch',
      `Checkout Session ${session.id} was paid ${session.amount_total} ${currency} but the payment request asked ${request.amountMinor} ${request.currency}; nothing was granted. Check the session in the Stripe dashboard.`,
      'amount_total',
    );
  }
  const price = { en: formatPrice(session.amount_total, currency, 'en'), fr: formatPrice(session.amount_total, currency, 'fr') };
  // Status and grant in one ledger transaction, keyed by the session: replays grant nothing.
  const { grant } = await deps.ledger.markPaymentPaid(session.id, STRIPE_ACTOR);
  const released = await releaseTickets(deps, owned);
  return {
    kind: 'paid',
    eventId: ref.id,
    sessionId: session.id,
    projectId: owned.projectId,
    accountId: owned.accountId,
    credits: owned.credits,
    amountMinor: session.amount_total,
    currency,
    price,
    firstTime: grant.status === 'done',
    customerEmail: session.customer_details?.email ?? session.customer_email ?? null,
    customerName: session.customer_details?.name ?? null,
    language: session.locale === 'fr' ? 'fr' : session.locale === 'en' ? 'en' : null,
    ...released,
  };
}

async function onExpired(deps: PaymentDeps, ref: EventRef): Promise<PaymentEventOutcome> {
  const session: Stripe.Checkout.Session = await retrieveSession(deps.stripe, ref.objectId);
  if (session.status !== 'expired') {
    return {
      kind: 'ignored',
      eventId: ref.id,
      eventType: ref.type,
      reason: `Stripe says Checkout Session ${session.id} is ${session.status}, not expired`,
    };
  }
  const owned = await ownedSession(deps.ledger, session);
  const changed = owned.request.status === 'open';
  if (changed) await deps.ledger.markPaymentRequest(session.id, 'expired');
  return { kind: 'expired', eventId: ref.id, sessionId: session.id, accountId: owned.accountId, ticketId: owned.ticketId, changed };
}

/** Processes one Stripe event (untrusted body): grants, expiries and refunds, all idempotent. */
export async function processStripeEvent(deps: PaymentDeps, event: unknown): Promise<PaymentEventOutcome> {
  const ref = readEventRef(event);
  switch (ref.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
      return onPaid(deps, ref);
    case 'checkout.session.expired':
      return onExpired(deps, ref);
    case 'charge.refunded':
      return processRefund(deps, ref.objectId, ref.id);
    default:
      return {
        kind: 'ignored',
        eventId: ref.id,
        eventType: ref.type,
        reason: `event type not handled (handled: ${HANDLED_EVENT_TYPES.join(', ')})`,
      };
  }
}
