/**
 * An account's statement for a period: opening balance, every movement (grants, purchases with
 * their Stripe session, debits with their ticket, waives, refunds, revokes, expiries), totals per
 * kind and closing balance, read from the journal page by page. opening + Σ movements = closing
 * is checked on every statement; one that does not add up is refused, never sent.
 */
import { LedgerError, type Account, type Ledger, type PeriodEntry, type Project } from '../ledger';
import { formatPrice } from '../payments/money';
import { composeStatementMail, formatTicketTag, pickLanguage, type StatementMail } from '../templates';
import { tagFormatOf } from '../tickets';
import { accountOfSender, projectByRef } from './lookups';
import { upcomingExpiries } from './maintenance';
import { statementPeriod, type StatementPeriod } from './statement-period';

export const STATEMENT_GROUPS = ['grants', 'purchases', 'debits', 'waives', 'refunds', 'revokes', 'expiries', 'other'] as const;
export type StatementGroup = (typeof STATEMENT_GROUPS)[number];

/** Journal kind → statement group. A kind not listed (one a later version adds) goes to `other`: still counted, still reconciled. */
const GROUP_OF: Record<string, StatementGroup> = {
  grant: 'grants',
  purchase: 'purchases',
  debit: 'debits',
  waive: 'waives',
  refund: 'refunds',
  revoke: 'revokes',
  expire: 'expiries',
};
export const statementGroupOf = (kind: string): StatementGroup => GROUP_OF[kind] ?? 'other';

export interface StatementLine {
  entryId: string;
  seq: number;
  date: string;
  kind: string;
  group: StatementGroup;
  /** Signed: +10 for a purchase, -1 for a debit. */
  credits: number;
  balanceAfter: number;
  /** subject is '' when data retention purged it: the tag alone is shown. */
  ticket: { number: number; tag: string; subject: string } | null;
  purchase: { credits: number; amountMinor: number; currency: string; stripeSessionId: string } | null;
  note: string | null;
  actor: string;
}

export interface StatementTotal {
  count: number;
  /** Signed sum of the group's movements. */
  credits: number;
}

export interface Statement {
  project: { id: string; name: string; currency: string };
  account: { id: string; name: string };
  /** The address the statement goes to: the account's first authorized sender, null when it has none (domains only). */
  sendTo: string | null;
  period: StatementPeriod;
  openingBalance: number;
  closingBalance: number;
  lines: StatementLine[];
  totals: Record<StatementGroup, StatementTotal>;
  /** What purchases were paid, per currency, in minor units. */
  purchasedAmounts: Array<{ currency: string; amountMinor: number }>;
  /**
   * Credits due to expire within 60 days of when the statement is made (what is left of each lot
   * today, grouped by day); empty when the project has no creditExpiryMonths.
   */
  upcomingExpiries: Array<{ credits: number; expiresAt: string; entryId?: string }>;
}

export class StatementMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StatementMismatchError';
  }
}

export interface StatementInput {
  project: string;
  /** The account, by id … */
  accountId?: string | null;
  /** … or by one of its senders (or an address of its domain). */
  sender?: string | null;
  /** "2026-11"; or from/to; or nothing: the previous calendar month. */
  month?: string | null;
  from?: string | null;
  to?: string | null;
  /** Month boundaries in this IANA zone; default the project's settings.timeZone, else UTC. */
  timeZone?: string | null;
  /** Clock for the default period (tests). */
  now?: Date;
  /** Journal page size (default 500). */
  pageSize?: number;
}

async function accountOf(store: Ledger, project: Project, input: StatementInput): Promise<Account> {
  const id = input.accountId?.trim();
  if (id) {
    const account = await store.getAccount(id);
    if (!account || account.projectId !== project.id)
      throw new LedgerError(
        'unknown_account',
        `No account ${id} in project ${project.name}: check the account ID (see List Accounts).`,
        'accountId',
      );
    return account;
  }
  if (!input.sender?.trim())
    throw new LedgerError('invalid_argument', 'Give the account: accountId, or sender (one of its addresses).', 'sender');
  return accountOfSender(store, project, input.sender);
}

const emptyTotals = () =>
  Object.fromEntries(STATEMENT_GROUPS.map((g) => [g, { count: 0, credits: 0 }])) as Record<StatementGroup, StatementTotal>;

function lineOf(e: PeriodEntry, tagFormat: string): StatementLine {
  return {
    entryId: e.id,
    seq: e.seq,
    date: e.createdAt,
    kind: e.kind,
    group: statementGroupOf(e.kind),
    credits: e.credits,
    balanceAfter: e.balanceAfter,
    ticket: e.ticket
      ? { number: e.ticket.number, tag: formatTicketTag(e.ticket.number, tagFormat), subject: e.ticket.subject ?? '' }
      : null,
    purchase:
      e.kind === 'purchase' && e.payment
        ? {
            credits: e.payment.credits,
            amountMinor: e.payment.amountMinor,
            currency: e.payment.currency.toUpperCase(),
            stripeSessionId: e.payment.stripeSessionId,
          }
        : null,
    note: e.note,
    actor: e.actor,
  };
}

export async function accountStatement(store: Ledger, input: StatementInput): Promise<Statement> {
  const project = await projectByRef(store, input.project ?? '');
  const account = await accountOf(store, project, input);
  const timeZone = input.timeZone || (typeof project.settings.timeZone === 'string' ? project.settings.timeZone : undefined);
  const period = statementPeriod({ ...input, timeZone });
  const tagFormat = tagFormatOf(project);

  const lines: StatementLine[] = [];
  let cursor: string | null = null;
  let opening = 0;
  let closing = 0;
  do {
    const page = await store.journalInPeriod(account.id, { from: period.from, to: period.to, cursor, limit: input.pageSize ?? 500 });
    opening = page.opening.balance;
    closing = page.closing.balance;
    for (const e of page.entries) lines.push(lineOf(e, tagFormat));
    cursor = page.nextCursor;
  } while (cursor);

  const totals = emptyTotals();
  const amounts = new Map<string, number>();
  let running = opening;
  for (const line of lines) {
    running += line.credits;
    if (line.balanceAfter !== running)
      throw new StatementMismatchError(
        `Statement of account ${account.id}: entry ${line.entryId} (seq ${line.seq}) says balance ${line.balanceAfter}, the movements before it add up to ${running}. Run Verify Ledger; no statement is produced until the journal reconciles.`,
      );
    totals[line.group].count++;
    totals[line.group].credits += line.credits;
    if (line.purchase) amounts.set(line.purchase.currency, (amounts.get(line.purchase.currency) ?? 0) + line.purchase.amountMinor);
  }
  const moved = STATEMENT_GROUPS.reduce((sum, g) => sum + totals[g].credits, 0);
  if (opening + moved !== closing || running !== closing)
    throw new StatementMismatchError(
      `Statement of account ${account.id}: opening ${opening} + movements ${moved} = ${opening + moved}, but the closing balance is ${closing}. Run Verify Ledger; no statement is produced until the journal reconciles.`,
    );

  const senders = (await store.listSenders(account.id)).sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.address.localeCompare(b.address),
  );
  return {
    project: { id: project.id, name: project.name, currency: project.currency },
    account: { id: account.id, name: account.name },
    sendTo: senders[0]?.address ?? null,
    period,
    openingBalance: opening,
    closingBalance: closing,
    lines,
    totals,
    purchasedAmounts: [...amounts].map(([currency, amountMinor]) => ({ currency, amountMinor })),
    upcomingExpiries: await upcomingExpiries(store, account.id, { now: input.now ?? new Date() }),
  };
}

/** The accounts of the project with movements in the period (default: the previous month): whom to send statements to. */
export async function accountsForStatements(
  store: Ledger,
  input: { project: string; month?: string | null; from?: string | null; to?: string | null; timeZone?: string | null; now?: Date },
) {
  const project = await projectByRef(store, input.project ?? '');
  const timeZone = input.timeZone || (typeof project.settings.timeZone === 'string' ? project.settings.timeZone : undefined);
  const period = statementPeriod({ ...input, timeZone });
  const accounts = await store.accountsWithMovements(project.id, period);
  return accounts.map((a) => ({ accountId: a.id, name: a.name, balance: a.balance, project: project.name, period }));
}

/** The statement mail in the given language, else the project's defaultLanguage, else English. */
export function statementMail(statement: Statement, project: Pick<Project, 'name' | 'settings'>, language?: string | null): StatementMail {
  const lang = pickLanguage(language, project);
  return composeStatementMail(statement, { language: lang, project, formatPrice: (m, c, l) => formatPrice(m, c, l) });
}
