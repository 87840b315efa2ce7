/** Payments: Stripe Checkout links, payment events, refunds. Framework-free. */
export * from './errors';
export * from './ports';
export * from './money';
export * from './settings';
export * from './keys';
export * from './checkout';
export * from './events';
export * from './refunds';
export type { ReplayGuard } from './webhook';
export type { OwnedSession } from './session-context';
export { ownedSession, retrieveSession } from './session-context';
export { ledgerPaymentPort } from './ledger-port';
export * from './replies';
export * from './client';
export { paymentLinkForRequest, type RequestLinkInput, type RequestMail } from './request-link';
export { paidOutcomeReplies } from './paid-replies';
