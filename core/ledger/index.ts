/**
 * The credit ledger of SupportGate: the one truth for money. Open it with openLedger and use
 * the Ledger interface; SQLite (node:sqlite, a file) and PostgreSQL (pg) behave the same.
 */
import { openPostgres, openSqlite, type LedgerConfig } from './connect';
import { asLedgerError, type Ctx } from './context';
import { LedgerError } from './errors';
import { GroupCommitter } from './group-commit';
import { migrate } from './migrations';
import { sqlLedger } from './sql-ledger';
import type { Ledger } from './types';

export type { LedgerConfig } from './connect';
export { redactConnectionString } from './redact';
export { LedgerError, isLedgerError, type LedgerErrorCode } from './errors';
export { normalizeAddress, normalizeDomain, withoutPlusTag } from './normalize';
export { MIGRATIONS } from './migrations';
export { creditExpiryMonthsOf, retentionMonthsOf, DEFAULT_RETENTION_MONTHS } from './data-policy';
export { addMonths, lotExpiresAt } from './lots';
export * from './types';

/** Opens (and on first use migrates) a ledger. Call close() when done. */
export async function openLedger(config: LedgerConfig): Promise<Ledger> {
  const kind = (config as { kind?: unknown })?.kind;
  if (kind !== 'sqlite' && kind !== 'postgres') {
    throw new LedgerError('invalid_argument', `kind must be "sqlite" or "postgres" (got ${JSON.stringify(kind)}).`, 'kind');
  }
  const open = config.kind === 'sqlite' ? openSqlite(config.path) : await openPostgres(config);
  const ctx: Ctx = { kind: open.kind, db: open.db, target: open.target };
  if (open.kind === 'sqlite') ctx.committer = new GroupCommitter(open.db);
  try {
    await migrate(open.db, open.kind);
  } catch (e) {
    await open.db.destroy().catch(() => undefined);
    const err = asLedgerError(ctx, e);
    throw new LedgerError(err.code, `Cannot prepare the ledger tables on ${open.target}: ${err.message}`, err.field, { cause: e });
  }
  return sqlLedger(ctx);
}
