/**
 * What the payments domain needs from the ledger, and nothing more. The real ledger
 * (core/ledger) is adapted to this port by the caller; the shapes below are deliberately a
 * structural subset of core/ledger/types.ts so the adapter is mostly pass-through.
 *
 * Contract every implementation must keep:
 * - Money methods (markPaymentPaid, revoke, debit) are idempotent by (account's project, idempotencyKey):
 *   the same key twice returns the first result with status 'already_done' and moves nothing.
 * - createPaymentRequest is idempotent by stripeSessionId (a second call returns the first row).
 * - recordEventOnce is atomic: of two concurrent calls with the same id, exactly one gets true.
 */
import type { PaymentRequest, PaymentStatus, TicketStatus } from '../ledger/types';

/** The project fields payments read. `settings` is the project's free-form settings object. */
export interface PaymentProject {
  id: string;
  name: string;
  /** Price of one credit (one intervention) in minor units of `currency`: 8000 EUR = 80.00 €. */
  priceMinor: number;
  /** ISO 4217, any case ("eur", "EUR"). */
  currency: string;
  settings: Record<string, unknown>;
}

// Picked from the ledger's own types, so the port cannot drift from what the ledger stores.
export type PaymentRequestStatus = PaymentStatus;

export type PaymentRequestRecord = Pick<
  PaymentRequest,
  | 'id'
  | 'projectId'
  | 'accountId'
  | 'ticketId'
  | 'stripeSessionId'
  | 'url'
  | 'credits'
  | 'amountMinor'
  | 'currency'
  | 'status'
  | 'expiresAt'
  | 'createdAt'
>;

export type NewPaymentRequestRecord = Pick<
  PaymentRequest,
  'projectId' | 'accountId' | 'ticketId' | 'stripeSessionId' | 'url' | 'credits' | 'amountMinor' | 'currency'
> & {
  expiresAt: Date;
};

export type PaymentTicketStatus = TicketStatus;

export interface PaymentTicket {
  id: string;
  projectId: string;
  /** Shown to people as [SG-<number>]. */
  number: number;
  accountId: string | null;
  subject: string;
  status: PaymentTicketStatus;
  /** The opening mail: sender, Message-ID and where it lives at its provider (null when unknown). */
  sender?: string | null;
  messageId?: string | null;
  providerMessageId?: string | null;
  threadId?: string | null;
  mailSource?: string | null;
}

/** What releasing an account's held tickets after a payment did (see releaseHeldTickets). */
export interface HeldTicketsRelease {
  /** Released by this payment: now (this run) or by an earlier run of the same payment. */
  released: Array<{ ticket: PaymentTicket; now: boolean; charged: boolean }>;
  /** Still waiting_payment: the balance did not cover them. */
  held: PaymentTicket[];
  balance: number;
}

export interface MoneyMovement {
  status: 'done' | 'already_done';
  /** Balance right after the movement (for already_done: after the original movement). */
  balance: number;
  /** Credits actually moved: a revoke never takes the balance below zero, so it may move fewer. */
  credits: number;
}

export interface DebitOutcome {
  status: 'debited' | 'insufficient' | 'already_done';
  balance: number;
}

/** Credits that left an account after a given journal entry (that entry excluded). */
export interface UsageSince {
  /** Sum of debits, as a positive number. */
  debited: number;
  /** Sum of revokes, as a positive number. */
  revoked: number;
}

export interface PaymentLedgerPort {
  getProject(projectId: string): Promise<PaymentProject | null>;

  /** The account's newest request with status 'open' and expiresAt > now, or null. */
  findOpenPaymentRequest(accountId: string, now: Date): Promise<PaymentRequestRecord | null>;
  createPaymentRequest(input: NewPaymentRequestRecord): Promise<PaymentRequestRecord>;
  getPaymentRequestBySession(stripeSessionId: string): Promise<PaymentRequestRecord | null>;
  /**
   * Status only, no credits: open → expired | refunded, paid → refunded. Setting the current status
   * again is a no-op; expiring a paid or refunded request leaves it as it is.
   */
  markPaymentRequest(stripeSessionId: string, status: 'expired' | 'refunded'): Promise<PaymentRequestRecord>;
  /**
   * The ONE way credits are bought: marks the request paid and grants its credits in the same
   * transaction, under the journal key sessionGrantKey(session) (kind 'purchase'). Replays answer
   * 'already_done'. Throws for a refunded request.
   */
  markPaymentPaid(stripeSessionId: string, actor: string): Promise<{ request: PaymentRequestRecord; grant: MoneyMovement }>;
  /** Rate limit of payment-request mails: true for the first claim of a request, false after. */
  claimPaymentRequestMail(stripeSessionId: string, at: Date): Promise<boolean>;

  /** Takes back up to `credits`, never below a zero balance. */
  revoke(accountId: string, credits: number, idempotencyKey: string, actor: string, note: string): Promise<MoneyMovement>;
  /** Debits one credit for a ticket. */
  debit(accountId: string, idempotencyKey: string, options: { ticketId: string; actor: string; note: string }): Promise<DebitOutcome>;
  balance(accountId: string): Promise<number>;
  /** True when a journal entry with this key exists for the account (used to skip done refunds). */
  hasJournalEntry(accountId: string, idempotencyKey: string): Promise<boolean>;
  /** Debits and revokes journaled after the entry with `afterIdempotencyKey`; zeros when that entry does not exist. */
  usageSince(accountId: string, afterIdempotencyKey: string): Promise<UsageSince>;

  getTicket(ticketId: string): Promise<PaymentTicket | null>;
  /**
   * After markPaymentPaid: the account's held tickets, the request's own first then oldest first,
   * each debited once under ticketReleaseKey(id) and set to new while the balance allows. Atomic
   * per account: replays and concurrent runs never debit a ticket twice.
   */
  releaseHeldTickets(stripeSessionId: string, actor: string): Promise<HeldTicketsRelease>;
  setTicketStatus(ticketId: string, status: PaymentTicketStatus, actor: string, note: string): Promise<PaymentTicket>;

  /** Replay guard for signed webhooks: true the first time an event id is seen, false after. */
  recordEventOnce(eventId: string): Promise<boolean>;
}
