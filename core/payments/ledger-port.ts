/**
 * The real ledger (core/ledger) seen through the payments port. Mostly pass-through; the one
 * decision lives here: credits are bought ONLY through ledger.markPaymentPaid (status + grant in
 * one transaction, key stripe:<session>), and markPaymentRequest maps to the ledger's status-only
 * setPaymentRequestStatus, which refuses 'paid'. So no code path can mark paid without the grant
 * or grant a session twice under two keys.
 */
import type { Ledger } from '../ledger/types';
import { PaymentError } from './errors';
import { PaymentLedgerPort } from './ports';

export function ledgerPaymentPort(ledger: Ledger): PaymentLedgerPort {
  return {
    getProject: (projectId) => ledger.getProject(projectId),
    findOpenPaymentRequest: (accountId, now) => ledger.findOpenPaymentRequest(accountId, now),
    async createPaymentRequest(input) {
      const account = await ledger.getAccount(input.accountId);
      if (account && account.projectId !== input.projectId) {
        throw new PaymentError(
          'invalid_argument',
          `Account ${input.accountId} belongs to project ${account.projectId}, not ${input.projectId}: pass the account of the project that sells the credits.`,
          'accountId',
        );
      }
      const request = await ledger.createPaymentRequest({
        accountId: input.accountId,
        ticketId: input.ticketId,
        stripeSessionId: input.stripeSessionId,
        url: input.url,
        credits: input.credits,
        amountMinor: input.amountMinor,
        currency: input.currency,
        expiresAt: input.expiresAt,
      });
      return request;
    },
    getPaymentRequestBySession: (session) => ledger.getPaymentRequestBySession(session),
    markPaymentRequest: (session, status) => ledger.setPaymentRequestStatus(session, status),
    markPaymentPaid: (session, actor) => ledger.markPaymentPaid(session, actor),
    claimPaymentRequestMail: (session, at) => ledger.claimPaymentRequestMail(session, at),
    revoke: (accountId, credits, key, actor, note) => ledger.revoke(accountId, credits, key, actor, note),
    debit: (accountId, key, options) => ledger.debit(accountId, key, options),
    balance: (accountId) => ledger.balance(accountId),
    hasJournalEntry: (accountId, key) => ledger.hasJournalEntry(accountId, key),
    usageSince: (accountId, key) => ledger.usageSince(accountId, key),
    getTicket: (ticketId) => ledger.getTicket(ticketId),
    releaseHeldTickets: (session, actor) => ledger.releaseHeldTickets(session, actor),
    setTicketStatus: (ticketId, status, actor, note) => ledger.setTicketStatus(ticketId, status, actor, note),
    recordEventOnce: (eventId) => ledger.recordEventOnce(eventId),
  };
}
