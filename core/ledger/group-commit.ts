/**
 * Group commit for SQLite. The file has one writer at a time and a durable COMMIT costs an
 * fsync, so transactions that queue up while one is running are run together: one
 * BEGIN IMMEDIATE, each transaction in its own SAVEPOINT (a failing one rolls back alone), one
 * COMMIT. No caller hears "done" before the COMMIT holding its writes has returned; if that
 * COMMIT fails, every transaction of the batch fails and is retried whole.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { LedgerDatabase } from './db-schema';

interface Job {
  fn: (trx: Transaction<LedgerDatabase>) => Promise<unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

const MAX_BATCH = 64;

export class GroupCommitter {
  private queue: Job[] = [];
  private running = false;

  constructor(private readonly db: Kysely<LedgerDatabase>) {}

  run<T>(fn: (trx: Transaction<LedgerDatabase>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) await this.batch();
    } finally {
      this.running = false;
    }
  }

  private async batch(): Promise<void> {
    const done: { job: Job; value: unknown }[] = [];
    try {
      await this.db.connection().execute(async (conn) => {
        await sql`begin immediate`.execute(conn);
        try {
          // Jobs that arrive while this batch runs join it, up to MAX_BATCH.
          while (this.queue.length > 0 && done.length < MAX_BATCH) {
            const job = this.queue.shift()!;
            await sql`savepoint job`.execute(conn);
            try {
              // A connection-bound Kysely inside an open transaction: the same queries a Transaction runs.
              const value = await job.fn(conn as unknown as Transaction<LedgerDatabase>);
              await sql`release job`.execute(conn);
              done.push({ job, value });
            } catch (e) {
              await sql`rollback to job`.execute(conn);
              await sql`release job`.execute(conn);
              job.reject(e);
            }
          }
          await sql`commit`.execute(conn);
        } catch (e) {
          await sql`rollback`.execute(conn).catch(() => undefined);
          throw e;
        }
      });
    } catch (e) {
      for (const { job } of done) job.reject(e);
      return;
    }
    for (const { job, value } of done) job.resolve(value);
  }
}
