/** What every ledger operation needs: the database, its kind, clocks, ids and a retrying transaction. */
import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { LedgerDatabase } from './db-schema';
import { LedgerError } from './errors';
import type { GroupCommitter } from './group-commit';

export type Db = Kysely<LedgerDatabase> | Transaction<LedgerDatabase>;

export interface Ctx {
  kind: 'sqlite' | 'postgres';
  db: Kysely<LedgerDatabase>;
  target: string;
  /** SQLite only: batches concurrent write transactions into one durable commit. */
  committer?: GroupCommitter;
}

export const now = (): string => new Date().toISOString();
/**
 * Time-ordered UUIDs (version 7 layout): new rows land at the end of the primary-key B-tree
 * instead of on random pages, which keeps each write transaction small.
 */
export function newId(): string {
  const b = randomBytes(16);
  const ms = Date.now();
  b.writeUIntBE(ms, 0, 6);
  b[6] = 0x70 | (b[6]! & 0x0f);
  b[8] = 0x80 | (b[8]! & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

interface DbErrorShape {
  code?: string;
  errcode?: number;
  message?: string;
}

/** PostgreSQL: unique violation. SQLite: SQLITE_CONSTRAINT_UNIQUE / PRIMARYKEY. */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as DbErrorShape;
  return err?.code === '23505' || err?.errcode === 2067 || err?.errcode === 1555;
}

function isRetryable(e: unknown): boolean {
  const err = e as DbErrorShape;
  if (err?.code === '40001' || err?.code === '40P01') return true; // serialization failure, deadlock
  if (err?.code === '23505') return true; // a concurrent writer won the race: re-read and decide again
  const primary = typeof err?.errcode === 'number' ? err.errcode & 0xff : -1;
  return primary === 5 || primary === 6; // SQLITE_BUSY, SQLITE_LOCKED past busy_timeout
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs fn in one write transaction (SQLite: BEGIN IMMEDIATE; PostgreSQL: READ COMMITTED with
 * row locks taken by fn). Races (unique violation, deadlock, busy) roll back and run fn again:
 * every operation reads before it writes, so the retry sees the winner and answers from it.
 */
export function inTransaction<T>(ctx: Ctx, fn: (trx: Transaction<LedgerDatabase>) => Promise<T>): Promise<T> {
  return retryingRaces(ctx, () => (ctx.committer ? ctx.committer.run(fn) : ctx.db.transaction().execute(fn)));
}

/**
 * Runs one statement that is its own transaction (PostgreSQL autocommit: no BEGIN or COMMIT
 * round trips), with the retries of inTransaction: a statement that loses a race rolls back whole.
 */
export function inOneStatement<T>(ctx: Ctx, fn: (db: Kysely<LedgerDatabase>) => Promise<T>): Promise<T> {
  return retryingRaces(ctx, () => fn(ctx.db));
}

async function retryingRaces<T>(ctx: Ctx, run: () => Promise<T>): Promise<T> {
  const attempts = 12;
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      if (e instanceof LedgerError) throw e;
      if (attempt < attempts && isRetryable(e)) {
        await sleep(Math.random() * 5 * attempt);
        continue;
      }
      throw asLedgerError(ctx, e);
    }
  }
}

/** Wraps a driver error so callers always get a LedgerError naming the database. */
export function asLedgerError(ctx: Ctx, e: unknown): LedgerError {
  if (e instanceof LedgerError) return e;
  const err = e as DbErrorShape & { code?: string };
  const msg = String(err?.message ?? e);
  if (isUniqueViolation(e)) return new LedgerError('duplicate', `Already exists: ${msg}.`, undefined, { cause: e });
  const network = ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET', '57P01', '08006', '08001'].includes(err?.code ?? '');
  if (network || /Connection terminated|connect ECONN/i.test(msg)) {
    return new LedgerError(
      'database_unreachable',
      `Cannot reach ${ctx.kind === 'sqlite' ? 'SQLite file' : 'PostgreSQL at'} ${ctx.target}: ${msg}.`,
      undefined,
      { cause: e },
    );
  }
  return new LedgerError('database_error', `Ledger database error on ${ctx.target}: ${msg}`, undefined, { cause: e });
}

/** Runs a read or a single statement, turning driver errors into LedgerErrors. */
export async function guarded<T>(ctx: Ctx, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw asLedgerError(ctx, e);
  }
}
