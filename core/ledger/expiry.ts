/**
 * Credit expiry: a project's lots (lots.ts) older than N months lose what is left of them, one
 * 'expire' entry per lot. Each account is swept in its own transaction, account row locked first
 * like every movement, so the lots are computed from the journal as it is under the lock; the
 * entry's key expire:<lot entry id> makes a lot expire at most once whatever the retries or the
 * concurrent sweeps (the later one finds the key, or finds nothing left once it has the lock).
 */
import { guarded, inTransaction, type Ctx, type Db } from './context';
import { LedgerError, unknownAccountError } from './errors';
import { expireKey, lotExpiresAt, lotsOf } from './lots';
import { move } from './money';
import { requireText } from './normalize';
import { requireProjectRow } from './rows';
import type { CreditLot, ExpireCreditsQuery, ExpireCreditsResult, ExpiredLot } from './types';

async function readLots(db: Db, accountId: string): Promise<CreditLot[]> {
  const rows = await db
    .selectFrom('journal')
    .select(['id', 'kind', 'credits', 'created_at'])
    .where('account_id', '=', accountId)
    .orderBy('seq')
    .execute();
  return lotsOf(rows.map((r) => ({ id: r.id, kind: r.kind, credits: Number(r.credits), createdAt: r.created_at })));
}

export async function creditLots(ctx: Ctx, accountId: string): Promise<CreditLot[]> {
  return guarded(ctx, async () => {
    const account = await ctx.db.selectFrom('accounts').select('id').where('id', '=', String(accountId)).executeTakeFirst();
    if (!account) throw unknownAccountError(accountId);
    return readLots(ctx.db, account.id);
  });
}

export function requireMonths(value: unknown, field = 'months'): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1 || value > 1200) {
    throw new LedgerError(
      'invalid_argument',
      `${field} must be a whole number of months from 1 to 1200 (got ${JSON.stringify(value)}).`,
      field,
    );
  }
  return value;
}

/**
 * The lots due, in journal order, up to the first one with credits left that is not due: only a
 * prefix expires, so each expire takes, in the FIFO replay, from its own lot (a lot journaled later
 * with an earlier timestamp, a race of a few ms on PostgreSQL, waits for the lot before it).
 */
export function dueLots(lots: CreditLot[], months: number, at: Date): CreditLot[] {
  const due: CreditLot[] = [];
  for (const lot of lots) {
    if (lot.remaining === 0) continue;
    if (lotExpiresAt(lot, months).getTime() > at.getTime()) break;
    due.push(lot);
  }
  return due;
}

/** One account under its lock: the due lots, oldest first, each expired for what is left of it. */
function expireAccount(ctx: Ctx, accountId: string, q: Required<ExpireCreditsQuery>): Promise<ExpiredLot[]> {
  return inTransaction(ctx, async (trx) => {
    await trx
      .selectFrom('accounts')
      .select('id')
      .where('id', '=', accountId)
      .$if(ctx.kind === 'postgres', (s) => s.forUpdate())
      .executeTakeFirstOrThrow();
    const expired: ExpiredLot[] = [];
    // Oldest first: every older lot is then used up, so FIFO charges each expire to its own lot.
    for (const lot of dueLots(await readLots(trx, accountId), q.months, q.now)) {
      const moved = await move(ctx, trx, {
        accountId,
        kind: 'expire',
        credits: lot.remaining,
        idempotencyKey: expireKey(lot.entryId),
        actor: q.actor,
        note: `${lot.kind} of ${lot.createdAt.slice(0, 10)} expired after ${q.months} month${q.months === 1 ? '' : 's'}`,
      });
      if (moved.status === 'done' && moved.credits > 0)
        expired.push({ accountId, lotEntryId: lot.entryId, credits: moved.credits, lotCreatedAt: lot.createdAt, entryId: moved.entryId });
    }
    return expired;
  });
}

export async function expireCredits(ctx: Ctx, ref: string, query: ExpireCreditsQuery): Promise<ExpireCreditsResult> {
  const months = requireMonths(query?.months);
  const actor = requireText(query?.actor, 'actor', 'say who runs the sweep, e.g. "supportgate"');
  const at = query.now ?? new Date();
  if (!(at instanceof Date) || Number.isNaN(at.getTime()))
    throw new LedgerError('invalid_argument', 'now must be a valid Date (or absent for the current time).', 'now');
  const dryRun = query.dryRun === true;
  const accounts = await guarded(ctx, async () => {
    const project = await requireProjectRow(ctx.db, ref);
    // An account with nothing left has nothing to expire.
    return ctx.db.selectFrom('accounts').select('id').where('project_id', '=', project.id).where('balance', '>', 0).orderBy('id').execute();
  });
  const expired: ExpiredLot[] = [];
  for (const { id } of accounts) {
    if (dryRun) {
      const due = dueLots(await guarded(ctx, () => readLots(ctx.db, id)), months, at);
      expired.push(
        ...due.map((lot) => ({
          accountId: id,
          lotEntryId: lot.entryId,
          credits: lot.remaining,
          lotCreatedAt: lot.createdAt,
          entryId: null,
        })),
      );
    } else {
      expired.push(...(await expireAccount(ctx, id, { months, now: at, actor, dryRun })));
    }
  }
  return {
    dryRun,
    accounts: new Set(expired.map((e) => e.accountId)).size,
    lots: expired.length,
    credits: expired.reduce((sum, e) => sum + e.credits, 0),
    expired,
  };
}
