/** Names shared by checkout and event processing: Stripe metadata keys and ledger idempotency keys. */

export const METADATA = {
  project: 'supportgate_project',
  account: 'supportgate_account',
  ticket: 'supportgate_ticket',
  credits: 'supportgate_credits',
} as const;

/**
 * The journal key of the credits a paid session grants: one grant per session, ever. It is the
 * key the ledger's markPaymentPaid writes (core/ledger/payments.ts): keep them equal.
 */
export const sessionGrantKey = (sessionId: string): string => `stripe:${sessionId}`;

/** The journal key of the debit that releases a ticket held for payment. */
export const ticketReleaseKey = (ticketId: string): string => `ticket:${ticketId}:release`;

/** The journal key of the revoke that follows one Stripe refund. */
export const refundRevokeKey = (refundId: string): string => `stripe:refund:${refundId}`;

/** Journal actor for movements caused by Stripe. */
export const STRIPE_ACTOR = 'stripe';
