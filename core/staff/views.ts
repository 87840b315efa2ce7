/** What the console lists per project: tickets, payment links, a client's journal (JSON or CSV), health. */
import type { ConsoleJournalEntry, ConsolePaymentShape, ConsoleTicketShape } from '../ledger/console-schemas';
import { LedgerError, type JournalEntry, type Ledger, type TicketStatus } from '../ledger';
import { formatPrice } from '../payments/money';
import { formatTicketTag } from '../templates';
import { tagFormatOf } from '../tickets/tag-format';
import { projectByRef } from './lookups';

async function accountNames(store: Ledger, projectId: string): Promise<Map<string, string>> {
  return new Map((await store.listAccounts(projectId)).map((a) => [a.id, a.name]));
}

export async function projectTickets(
  store: Ledger,
  input: { projectId: string; status?: TicketStatus; limit?: number },
): Promise<ConsoleTicketShape[]> {
  const project = await projectByRef(store, input.projectId);
  const format = tagFormatOf(project);
  const [tickets, names] = await Promise.all([
    store.listProjectTickets(project.id, { status: input.status, limit: input.limit }),
    accountNames(store, project.id),
  ]);
  return tickets.map((t) => ({
    id: t.id,
    number: t.number,
    tag: formatTicketTag(t.number, format),
    subject: t.subject,
    status: t.status,
    category: t.category,
    urgency: t.urgency,
    summary: t.summary,
    accountId: t.accountId,
    accountName: t.accountId ? (names.get(t.accountId) ?? null) : null,
    sender: t.sender,
    waived: t.waived,
    createdAt: t.createdAt,
  }));
}

/** Payment links, newest first; an open link past its expiry is shown expired (Stripe no longer takes it). */
export async function projectPayments(
  store: Ledger,
  input: { projectId: string; accountId?: string; now?: Date },
): Promise<ConsolePaymentShape[]> {
  const project = await projectByRef(store, input.projectId);
  const language = project.settings.defaultLanguage === 'en' ? 'en' : 'fr';
  const now = (input.now ?? new Date()).toISOString();
  const [requests, names] = await Promise.all([
    store.listPaymentRequests(project.id, { accountId: input.accountId }),
    accountNames(store, project.id),
  ]);
  return requests.map((r) => ({
    accountId: r.accountId,
    accountName: names.get(r.accountId) ?? r.accountId,
    status: r.status === 'open' && r.expiresAt <= now ? 'expired' : r.status,
    credits: r.credits,
    amountMinor: r.amountMinor,
    price: formatPrice(r.amountMinor, r.currency, language),
    currency: r.currency.toUpperCase(),
    url: r.url,
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
  }));
}

/** Every entry of the account, oldest first (the order a statement reads). */
async function wholeJournal(store: Ledger, accountId: string): Promise<JournalEntry[]> {
  const entries: JournalEntry[] = [];
  let cursor: string | null = null;
  do {
    const page = await store.history(accountId, { limit: 500, cursor });
    entries.push(...page.entries);
    cursor = page.nextCursor;
  } while (cursor);
  return entries.reverse();
}

const CSV_COLUMNS = ['seq', 'createdAt', 'kind', 'credits', 'balanceAfter', 'ticketId', 'actor', 'note', 'id'] as const;

/** RFC 4180 quoting; a cell a spreadsheet would run as a formula (=, +, -, @) is prefixed with '. */
function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function journalCsv(entries: ConsoleJournalEntry[]): string {
  const lines = [CSV_COLUMNS.join(','), ...entries.map((e) => CSV_COLUMNS.map((c) => csvCell(e[c])).join(','))];
  return lines.join('\r\n') + '\r\n';
}

/** A client's whole journal; the sum of its credits is its balance (the ledger's invariant). */
export async function accountJournal(store: Ledger, input: { accountId: string }): Promise<ConsoleJournalEntry[]> {
  const account = await store.getAccount(input.accountId);
  if (!account)
    throw new LedgerError('unknown_account', `account "${input.accountId}" does not exist: choose a client from the list.`, 'accountId');
  return (await wholeJournal(store, account.id)).map((e) => ({
    id: e.id,
    seq: e.seq,
    kind: e.kind,
    credits: e.credits,
    balanceAfter: e.balanceAfter,
    ticketId: e.ticketId,
    actor: e.actor,
    note: e.note,
    createdAt: e.createdAt,
  }));
}

/** Mail the intake has not finished for this long is not merely in progress: the sweeps should re-drive it. */
const STALE_MINUTES = 15;

/** The ledger's invariant and the intake journal's backlog, for the health screen. */
export async function health(store: Ledger, input: { now?: Date } = {}) {
  const staleBefore = new Date((input.now ?? new Date()).getTime() - STALE_MINUTES * 60_000);
  const [violations, unfinished, stuck] = await Promise.all([
    store.checkInvariants(),
    store.listUnfinishedIntake({ olderThan: staleBefore, limit: 1000 }),
    store.listStuckEffects({ claimedBefore: staleBefore, limit: 1000 }),
  ]);
  return {
    ledger: { ok: violations.length === 0, violations },
    intake: {
      unfinished: unfinished.length,
      stuckEffects: stuck.length,
      oldestUnfinishedAt: unfinished.map((e) => e.receivedAt).sort()[0] ?? null,
    },
  };
}
