/**
 * Money movements. Each is one transaction: lock the account row (PostgreSQL FOR UPDATE;
 * SQLite holds the write lock since BEGIN IMMEDIATE), look up the idempotency key, then append
 * the journal row and move the cached balance together. A key seen before answers from its
 * journal row, so the same key twice is the same result and never a second movement.
 * PostgreSQL runs these steps server-side (pg-money.ts): one round trip per movement.
 */
import { guarded, inOneStatement, inTransaction, newId, now, type Ctx, type Db } from './context';
import { keyConflictError, LedgerError, unknownAccountError } from './errors';
import { requirePositiveInt, requireText } from './normalize';
import { pgMove } from './pg-money';
import { toEntry } from './rows';
import type { DebitResult, HistoryPage, InvariantViolation, JournalKind, MoneyResult } from './types';

export interface Movement {
  accountId: string;
  kind: JournalKind;
  /** Magnitude; the sign comes from the kind. */
  credits: number;
  idempotencyKey: string;
  actor: string;
  note?: string | null;
  ticketId?: string | null;
  paymentRequestId?: string | null;
}

export type MoveResult = (MoneyResult & { status: 'done' | 'already_done' }) | { status: 'insufficient'; balance: number };

const OUTGOING: ReadonlySet<JournalKind> = new Set(['debit', 'revoke', 'refund', 'expire']);

/** Applies one movement inside an open transaction (PostgreSQL: or alone, one statement). Debits never overdraw; revokes/refunds clamp at zero. */
export async function move(ctx: Ctx, trx: Db, m: Movement): Promise<MoveResult> {
  const key = requireText(m.idempotencyKey, 'idempotencyKey', 'give a unique key per movement, e.g. the Message-ID or Stripe session id');
  const actor = requireText(m.actor, 'actor', 'say who moves the credits, e.g. "staff:anna@agency.fr" or "system"');
  if (ctx.kind === 'postgres') return pgMove(trx, { ...m, idempotencyKey: key, actor });
  const row = await trx
    .selectFrom('accounts as a')
    .leftJoin('journal as j', (join) => join.onRef('j.project_id', '=', 'a.project_id').on('j.idempotency_key', '=', key))
    .select([
      'a.id',
      'a.project_id',
      'a.balance',
      'a.entries',
      'j.id as j_id',
      'j.account_id as j_account',
      'j.kind as j_kind',
      'j.credits as j_credits',
      'j.balance_after as j_balance',
    ])
    .where('a.id', '=', m.accountId) // SQLite: BEGIN IMMEDIATE already holds the write lock
    .executeTakeFirst();
  if (!row) throw unknownAccountError(m.accountId);
  if (row.j_id) {
    if (row.j_account !== m.accountId || row.j_kind !== m.kind) throw keyConflictError(key, row.j_kind!, row.j_account!);
    return { status: 'already_done', balance: Number(row.j_balance), entryId: row.j_id, credits: Math.abs(Number(row.j_credits)) };
  }
  const balance = Number(row.balance);
  const outgoing = OUTGOING.has(m.kind);
  if (m.kind === 'debit' && balance < m.credits) return { status: 'insufficient', balance };
  const magnitude = outgoing ? Math.min(m.credits, balance) : m.credits;
  const delta = outgoing ? -magnitude : magnitude;
  const entryId = newId();
  const balanceAfter = balance + delta;
  const seq = Number(row.entries) + 1;
  await trx
    .insertInto('journal')
    .values({
      id: entryId,
      project_id: row.project_id,
      account_id: m.accountId,
      seq,
      kind: m.kind,
      credits: delta,
      balance_after: balanceAfter,
      idempotency_key: key,
      ticket_id: m.ticketId ?? null,
      payment_request_id: m.paymentRequestId ?? null,
      actor,
      note: m.note ?? null,
      created_at: now(),
    })
    .execute();
  await trx.updateTable('accounts').set({ balance: balanceAfter, entries: seq }).where('id', '=', m.accountId).execute();
  return { status: 'done', balance: balanceAfter, entryId, credits: magnitude };
}

/** A movement on its own: PostgreSQL's is one self-committing statement; SQLite's joins a group commit. */
function moveAlone(ctx: Ctx, m: Movement): Promise<MoveResult> {
  return ctx.kind === 'postgres' ? inOneStatement(ctx, (db) => move(ctx, db, m)) : inTransaction(ctx, (trx) => move(ctx, trx, m));
}

export async function grant(
  ctx: Ctx,
  accountId: string,
  credits: number,
  idempotencyKey: string,
  actor: string,
  note?: string,
): Promise<MoneyResult> {
  requirePositiveInt(credits);
  return (await moveAlone(ctx, { accountId, kind: 'grant', credits, idempotencyKey, actor, note })) as MoneyResult;
}

export async function revoke(
  ctx: Ctx,
  accountId: string,
  credits: number,
  idempotencyKey: string,
  actor: string,
  note?: string,
): Promise<MoneyResult> {
  requirePositiveInt(credits);
  return (await moveAlone(ctx, { accountId, kind: 'revoke', credits, idempotencyKey, actor, note })) as MoneyResult;
}

export async function debit(
  ctx: Ctx,
  accountId: string,
  idempotencyKey: string,
  options: { ticketId?: string | null; actor: string; credits?: number; note?: string },
): Promise<DebitResult> {
  const credits = requirePositiveInt(options?.credits ?? 1);
  const r = await moveAlone(ctx, {
    accountId,
    kind: 'debit',
    credits,
    idempotencyKey,
    actor: options?.actor,
    note: options?.note,
    ticketId: options?.ticketId,
  });
  if (r.status === 'insufficient') return { status: 'insufficient', balance: r.balance };
  return { status: r.status === 'done' ? 'debited' : 'already_done', balance: r.balance, entryId: r.entryId };
}

export async function balance(ctx: Ctx, accountId: string): Promise<number> {
  const row = await guarded(ctx, () => ctx.db.selectFrom('accounts').select('balance').where('id', '=', accountId).executeTakeFirst());
  if (!row) throw unknownAccountError(accountId);
  return Number(row.balance);
}

/** Newest first; the cursor is the seq of the last entry returned. */
export async function history(ctx: Ctx, accountId: string, options: { limit?: number; cursor?: string | null } = {}): Promise<HistoryPage> {
  const limit = options.limit ?? 20;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > 500) {
    throw new LedgerError('invalid_argument', `limit must be a whole number from 1 to 500 (got ${JSON.stringify(limit)}).`, 'limit');
  }
  const before = options.cursor == null || options.cursor === '' ? null : Number(options.cursor);
  if (before !== null && (!Number.isSafeInteger(before) || before < 1)) {
    throw new LedgerError(
      'invalid_argument',
      `cursor "${options.cursor}" is not one this ledger gave: pass back nextCursor from the previous page, or nothing.`,
      'cursor',
    );
  }
  await balance(ctx, accountId); // unknown account → LedgerError
  const rows = await guarded(ctx, () =>
    ctx.db
      .selectFrom('journal')
      .selectAll()
      .where('account_id', '=', accountId)
      .$if(before !== null, (q) => q.where('seq', '<', before as number))
      .orderBy('seq', 'desc')
      .limit(limit + 1)
      .execute(),
  );
  const entries = rows.slice(0, limit).map(toEntry);
  return { entries, nextCursor: rows.length > limit ? String(entries[entries.length - 1]!.seq) : null };
}

/** Accounts whose cached balance (or entry count) disagrees with their journal. Empty when healthy. */
export async function checkInvariants(ctx: Ctx): Promise<InvariantViolation[]> {
  const rows = await guarded(ctx, () =>
    ctx.db
      .selectFrom('accounts as a')
      .leftJoin('journal as j', 'j.account_id', 'a.id')
      .select((eb) => [
        'a.id',
        'a.balance',
        'a.entries',
        eb.fn.coalesce(eb.fn.sum<number>('j.credits'), eb.lit(0)).as('total'),
        eb.fn.count<number>('j.id').as('n'),
      ])
      .groupBy(['a.id', 'a.balance', 'a.entries'])
      .execute(),
  );
  return rows
    .filter((r) => Number(r.balance) !== Number(r.total) || Number(r.entries) !== Number(r.n) || Number(r.balance) < 0)
    .map((r) => ({ accountId: r.id, cachedBalance: Number(r.balance), journalBalance: Number(r.total) }));
}
