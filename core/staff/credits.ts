/** Staff operations on credits: grant, revoke, balance, history, and what the sidebar shows of a sender. */
import { formatPrice } from '../payments/money';
import type { Ledger, MoneyResult } from '../ledger';
import { accountOfSender, positiveCredits, projectByRef } from './lookups';
import { upcomingExpiries } from './maintenance';

export interface CreditMovementInput {
  project: string;
  sender: string;
  credits: number;
  /** Unique per intended movement: a retry with the same key moves nothing. */
  idempotencyKey: string;
  actor: string;
  note?: string;
}

/** Grants or revokes (never below zero) credits on the sender's account. */
export async function moveCredits(
  store: Ledger,
  kind: 'grant' | 'revoke',
  input: CreditMovementInput,
): Promise<MoneyResult & { accountId: string }> {
  const account = await accountOfSender(store, await projectByRef(store, input.project), input.sender);
  const credits = positiveCredits(input.credits, 'credits');
  const result = await store[kind](account.id, credits, input.idempotencyKey, input.actor, input.note || undefined);
  return { accountId: account.id, ...result };
}

export async function creditBalance(store: Ledger, input: { project: string; sender: string }) {
  const account = await accountOfSender(store, await projectByRef(store, input.project), input.sender);
  return { accountId: account.id, account: account.name, balance: await store.balance(account.id) };
}

export async function creditHistory(store: Ledger, input: { project: string; sender: string; limit?: number; cursor?: string | null }) {
  const account = await accountOfSender(store, await projectByRef(store, input.project), input.sender);
  const page = await store.history(account.id, { limit: input.limit, cursor: input.cursor || null });
  return { accountId: account.id, entries: page.entries, nextCursor: page.nextCursor };
}

/**
 * Balance, recent journal, open payment link and tickets of a sender; `authorized: false` (and the
 * rest empty) when neither the address nor its domain belongs to a client.
 */
export async function senderOverview(store: Ledger, input: { project: string; sender: string }) {
  const project = await projectByRef(store, input.project);
  const account = await store.resolveSender(project.id, input.sender);
  if (!account)
    return { authorized: false as const, account: null, balance: 0, history: [], openPaymentLink: null, tickets: [], upcomingExpiries: [] };
  const [history, open, tickets, balance, expiries] = await Promise.all([
    store.history(account.id, { limit: 10 }),
    store.findOpenPaymentRequest(account.id),
    store.listTickets(account.id, { limit: 20 }),
    store.balance(account.id),
    upcomingExpiries(store, account.id),
  ]);
  // Formatted here, with the currency's own decimals (JPY has none), so no surface divides by 100.
  const openPaymentLink = open ? { ...open, price: formatPrice(open.amountMinor, open.currency, 'en') } : null;
  return { authorized: true as const, account, balance, history: history.entries, openPaymentLink, tickets, upcomingExpiries: expiries };
}

export async function verifyLedger(store: Ledger) {
  const violations = await store.checkInvariants();
  return { healthy: violations.length === 0, violations };
}
