/**
 * Reads of the journal by period, for statements. A period is [from, to): an entry belongs to it
 * by its created_at. The entries read are always one contiguous run of the account's seq
 * (after the last entry before `from`, up to the last entry before `to`), so the opening balance
 * plus the movements read is the closing balance by construction, even when two workers wrote
 * entries whose clocks disagree by a millisecond at a boundary. Every query walks the
 * (account_id, seq) unique index: no full scan of an account's journal, no new index needed.
 */
import { guarded, type Ctx } from './context';
import { LedgerError } from './errors';
import { requireAccountRow, requireProjectRow, toAccount, toEntry } from './rows';
import type { Account, JournalPeriodPage, JournalPeriodQuery, PeriodEntry } from './types';

const MAX_PAGE = 1000;

function instant(value: unknown, field: string): string {
  const d = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
  if (!d || Number.isNaN(d.getTime())) {
    throw new LedgerError('invalid_argument', `${field} must be a date or an ISO-8601 instant (got ${JSON.stringify(value)}).`, field);
  }
  return d.toISOString();
}

/** The period as ISO instants, from before to; a LedgerError naming the field otherwise. */
export function requirePeriod(from: unknown, to: unknown): { from: string; to: string } {
  const f = instant(from, 'from');
  const t = instant(to, 'to');
  if (f >= t) throw new LedgerError('invalid_argument', `to (${t}) must be after from (${f}): a period is [from, to).`, 'to');
  return { from: f, to: t };
}

/** The cursor of journalInPeriod: the last seq returned, then the period's bounds. */
function parseCursor(cursor: string): {
  after: number;
  opening: { seq: number; balance: number };
  closing: { seq: number; balance: number };
} {
  const parts = String(cursor).split(':').map(Number);
  if (parts.length !== 5 || !parts.every((n) => Number.isSafeInteger(n) && n >= 0)) {
    throw new LedgerError(
      'invalid_argument',
      `cursor "${cursor}" is not one this ledger gave: pass back nextCursor, or nothing.`,
      'cursor',
    );
  }
  const [after, openingSeq, openingBalance, closingSeq, closingBalance] = parts as [number, number, number, number, number];
  return { after, opening: { seq: openingSeq, balance: openingBalance }, closing: { seq: closingSeq, balance: closingBalance } };
}

/** seq and balance after the account's last entry written before this instant; seq 0, balance 0 when none. */
async function lastBefore(ctx: Ctx, accountId: string, before: string): Promise<{ seq: number; balance: number }> {
  const row = await ctx.db
    .selectFrom('journal')
    .select(['seq', 'balance_after'])
    .where('account_id', '=', accountId)
    .where('created_at', '<', before)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { seq: Number(row.seq), balance: Number(row.balance_after) } : { seq: 0, balance: 0 };
}

export async function journalInPeriod(ctx: Ctx, accountId: string, query: JournalPeriodQuery): Promise<JournalPeriodPage> {
  const { from, to } = requirePeriod(query.from, query.to);
  const limit = query.limit ?? 500;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_PAGE) {
    throw new LedgerError(
      'invalid_argument',
      `limit must be a whole number from 1 to ${MAX_PAGE} (got ${JSON.stringify(limit)}).`,
      'limit',
    );
  }
  const resumed = query.cursor == null || query.cursor === '' ? null : parseCursor(query.cursor);
  return guarded(ctx, async () => {
    await requireAccountRow(ctx.db, accountId);
    // The bounds are found once, on the first page, and travel in the cursor: finding the last
    // entry before `from` walks back over the period's entries, which every page would repeat.
    const [opening, closing] = resumed
      ? [resumed.opening, resumed.closing]
      : await Promise.all([lastBefore(ctx, accountId, from), lastBefore(ctx, accountId, to)]);
    const after = resumed?.after ?? null;
    const start = Math.max(opening.seq, after ?? 0);
    const rows =
      start >= closing.seq
        ? []
        : await ctx.db
            .selectFrom('journal as j')
            .leftJoin('tickets as t', 't.id', 'j.ticket_id')
            .leftJoin('payment_requests as p', 'p.id', 'j.payment_request_id')
            .selectAll('j')
            .select([
              't.number as t_number',
              't.subject as t_subject',
              't.created_at as t_created_at',
              'p.stripe_session_id as p_session',
              'p.credits as p_credits',
              'p.amount_minor as p_amount',
              'p.currency as p_currency',
            ])
            .where('j.account_id', '=', accountId)
            .where('j.seq', '>', start)
            .where('j.seq', '<=', closing.seq)
            .orderBy('j.seq', 'asc')
            .limit(limit + 1)
            .execute();
    const entries: PeriodEntry[] = rows.slice(0, limit).map((r) => ({
      ...toEntry(r),
      ticket: r.t_number == null ? null : { number: Number(r.t_number), subject: r.t_subject ?? '', createdAt: r.t_created_at ?? '' },
      payment:
        r.p_session == null
          ? null
          : { stripeSessionId: r.p_session, credits: Number(r.p_credits), amountMinor: Number(r.p_amount), currency: String(r.p_currency) },
    }));
    return {
      from,
      to,
      opening,
      closing,
      entries,
      nextCursor:
        rows.length > limit
          ? [entries[entries.length - 1]!.seq, opening.seq, opening.balance, closing.seq, closing.balance].join(':')
          : null,
    };
  });
}

/** The project's accounts whose statement for [from, to) has lines, oldest account first. */
export async function accountsWithMovements(ctx: Ctx, project: string, period: { from: unknown; to: unknown }): Promise<Account[]> {
  const { from, to } = requirePeriod(period.from, period.to);
  return guarded(ctx, async () => {
    const p = await requireProjectRow(ctx.db, project);
    const rows = await ctx.db
      .selectFrom('accounts as a')
      .selectAll('a')
      .where('a.project_id', '=', p.id)
      // Active when its last entry before `to` is not before `from`: exactly when its statement has
      // lines (see above), found walking back from the newest entry instead of scanning its history.
      .where((eb) =>
        eb(
          eb
            .selectFrom('journal as j')
            .select('j.created_at')
            .whereRef('j.account_id', '=', 'a.id')
            .where('j.created_at', '<', to)
            .orderBy('j.seq', 'desc')
            .limit(1),
          '>=',
          from,
        ),
      )
      .orderBy('a.created_at')
      .orderBy('a.id')
      .execute();
    return rows.map(toAccount);
  });
}
