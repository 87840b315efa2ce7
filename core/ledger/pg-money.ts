/** PostgreSQL movements: one call of ledger_move (pg-functions.ts) instead of a read and two writes. */
import { sql } from 'kysely';
import { newId, now, type Db } from './context';
import { keyConflictError, unknownAccountError } from './errors';
import type { Movement, MoveResult } from './money';

interface MoveRow {
  status: 'done' | 'already_done' | 'insufficient' | 'unknown_account' | 'conflict';
  balance: number | null;
  entry_id: string | null;
  credits: number | null;
  used_account: string | null;
  used_kind: string | null;
}

/** Applies one movement in one statement: in autocommit it is its own transaction. Key and actor are checked by move(). */
export async function pgMove(db: Db, m: Movement): Promise<MoveResult> {
  const { rows } = await sql<MoveRow>`select * from ledger_move(${m.accountId}, ${m.kind}, ${m.credits}, ${m.idempotencyKey}, ${m.actor},
    ${m.note ?? null}, ${m.ticketId ?? null}, ${m.paymentRequestId ?? null}, ${newId()}, ${now()})`.execute(db);
  const r = rows[0]!;
  switch (r.status) {
    case 'unknown_account':
      throw unknownAccountError(m.accountId);
    case 'conflict':
      throw keyConflictError(m.idempotencyKey, r.used_kind!, r.used_account!);
    case 'insufficient':
      return { status: 'insufficient', balance: Number(r.balance) };
    default:
      return { status: r.status, balance: Number(r.balance), entryId: r.entry_id!, credits: Number(r.credits) };
  }
}
