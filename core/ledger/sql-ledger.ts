/** The Ledger over a Kysely database: the same code for SQLite and PostgreSQL. */
import * as confirmation from './confirmation';
import type { Ctx } from './context';
import * as dir from './directory';
import * as effects from './intake-effects';
import * as intake from './intake-journal';
import * as lists from './listings';
import * as money from './money';
import * as pay from './payments';
import * as release from './release';
import * as tk from './tickets';
import * as waive from './waive';
import type { Ledger } from './types';

export function sqlLedger(ctx: Ctx): Ledger {
  let closed: Promise<void> | null = null;
  return {
    kind: ctx.kind,
    createProject: async (input) => dir.createProject(ctx, input),
    updateProject: async (project, patch) => dir.updateProject(ctx, project, patch),
    getProject: async (project) => dir.getProject(ctx, project),
    listProjects: async () => dir.listProjects(ctx),
    addRecipient: async (project, address, accountId) => dir.addRecipient(ctx, project, address, accountId),
    removeRecipient: async (project, address) => dir.removeRecipient(ctx, project, address),
    listRecipients: async (project) => dir.listRecipients(ctx, project),
    resolveRecipient: async (address) => dir.resolveRecipient(ctx, address),
    createAccount: async (project, name) => dir.createAccount(ctx, project, name),
    getAccount: async (accountId) => dir.getAccount(ctx, accountId),
    listAccounts: async (project) => dir.listAccounts(ctx, project),
    authorizeSender: async (project, address, options) => dir.authorizeSender(ctx, project, address, options),
    authorizeDomain: async (project, accountId, domain) => dir.authorizeDomain(ctx, project, accountId, domain),
    authorizeClientDomain: async (project, domain, options) => dir.authorizeClientDomain(ctx, project, domain, options),
    listSenders: async (accountId) => dir.listSenders(ctx, accountId),
    listDomains: async (accountId) => dir.listDomains(ctx, accountId),
    resolveSender: async (project, address) => dir.resolveSender(ctx, project, address),
    removeSender: async (project, address) => dir.removeSender(ctx, project, address),
    removeDomain: async (project, domain) => dir.removeDomain(ctx, project, domain),
    lastActivity: async (project) => lists.lastActivity(ctx, project),
    grant: async (accountId, credits, key, actor, note) => money.grant(ctx, accountId, credits, key, actor, note),
    debit: async (accountId, key, options) => money.debit(ctx, accountId, key, options),
    revoke: async (accountId, credits, key, actor, note) => money.revoke(ctx, accountId, credits, key, actor, note),
    balance: async (accountId) => money.balance(ctx, accountId),
    history: async (accountId, options) => money.history(ctx, accountId, options),
    checkInvariants: async () => money.checkInvariants(ctx),
    createTicket: async (input) => tk.createTicket(ctx, input),
    getTicket: async (ticketId) => tk.getTicket(ctx, ticketId),
    getTicketByNumber: async (project, number) => tk.getTicketByNumber(ctx, project, number),
    findTicketByMessageId: async (project, messageId) => tk.findTicketByMessageId(ctx, project, messageId),
    addTicketMessage: async (ticketId, messageId) => tk.addTicketMessage(ctx, ticketId, messageId),
    listTickets: async (accountId, options) => tk.listTickets(ctx, accountId, options),
    listProjectTickets: async (project, query) => lists.listProjectTickets(ctx, project, query),
    countProjectTickets: async (project, status) => lists.countProjectTickets(ctx, project, status),
    setTicketStatus: async (ticketId, status, actor, note) => tk.setTicketStatus(ctx, ticketId, status, actor, note),
    ticketHistory: async (ticketId) => tk.ticketHistory(ctx, ticketId),
    waiveTicket: async (ticketId, actor, note) => waive.waiveTicket(ctx, ticketId, actor, note),
    openRequest: async (input) => tk.openRequest(ctx, input),
    holdForConfirmation: async (input) => confirmation.holdForConfirmation(ctx, input),
    findTicketByConfirmationCode: async (project, code) => confirmation.findTicketByConfirmationCode(ctx, project, code),
    confirmHeldTicket: async (input) => confirmation.confirmHeldTicket(ctx, input),
    expireUnconfirmedTickets: async (project, heldBefore, actor) => confirmation.expireUnconfirmedTickets(ctx, project, heldBefore, actor),
    createPaymentRequest: async (input) => pay.createPaymentRequest(ctx, input),
    getPaymentRequestBySession: async (session) => pay.getPaymentRequestBySession(ctx, session),
    findOpenPaymentRequest: async (accountId, at) => pay.findOpenPaymentRequest(ctx, accountId, at),
    listPaymentRequests: async (project, query) => lists.listPaymentRequests(ctx, project, query),
    markPaymentPaid: async (session, actor) => pay.markPaymentPaid(ctx, session, actor),
    markPaymentExpired: async (session) => pay.markPaymentExpired(ctx, session),
    markPaymentRefunded: async (session, actor) => pay.markPaymentRefunded(ctx, session, actor),
    setPaymentRequestStatus: async (session, status) => pay.setPaymentRequestStatus(ctx, session, status),
    releaseHeldTickets: async (session, actor) => release.releaseHeldTickets(ctx, session, actor),
    claimPaymentRequestMail: async (session, at) => pay.claimPaymentRequestMail(ctx, session, at),
    hasJournalEntry: async (accountId, key) => pay.hasJournalEntry(ctx, accountId, key),
    usageSince: async (accountId, key) => pay.usageSince(ctx, accountId, key),
    recordEventOnce: async (eventId) => pay.recordEventOnce(ctx, eventId),
    recordMessage: async (project, messageId, outcome) => pay.recordMessage(ctx, project, messageId, outcome),
    getMessageOutcome: async (project, messageId) => pay.getMessageOutcome(ctx, project, messageId),
    journalReceived: async (mail) => intake.journalReceived(ctx, mail),
    journalDecided: async (entryId, decision) => intake.journalDecided(ctx, entryId, decision),
    journalDone: async (entryId) => intake.journalDone(ctx, entryId),
    journalFailed: async (entryId, error) => intake.journalFailed(ctx, entryId, error),
    getIntakeEntry: async (ref) => intake.getIntakeEntry(ctx, ref),
    listUnfinishedIntake: async (query) => intake.listUnfinishedIntake(ctx, query),
    lastDoneAt: async (mailbox) => intake.lastDoneAt(ctx, mailbox),
    claimEffect: async (entryId, effect, options) => effects.claimEffect(ctx, entryId, effect, options),
    completeEffect: async (entryId, effect) => effects.completeEffect(ctx, entryId, effect),
    releaseEffect: async (entryId, effect) => effects.releaseEffect(ctx, entryId, effect),
    listIntakeEffects: async (entryId) => effects.listIntakeEffects(ctx, entryId),
    listStuckEffects: async (query) => effects.listStuckEffects(ctx, query),
    close: () => (closed ??= ctx.db.destroy()),
  };
}
