/** PostgreSQL openRequest: one call of ledger_open_request (pg-functions.ts), its own transaction. */
import { sql, type Selectable } from 'kysely';
import type { Db } from './context';
import type { TicketsTable } from './db-schema';
import { keyConflictError } from './errors';
import { toTicket, unknownAccountInProjectError, unknownProjectError } from './rows';
import type { OpenRequestOutcome, OpenRequestResult } from './types';

/** The request as the function reads it: checked and normalized by tickets.ts, new ids and time included. */
export interface PreparedRequest {
  project: string;
  accountId: string;
  messageId: string;
  key: string;
  actor: string;
  subject: string;
  sender: string | null;
  category: string | null;
  urgency: string | null;
  summary: string | null;
  subjectFingerprint: string;
  bodySignature: string;
  duplicateSince: string | null;
  threshold: number;
  openStatuses: readonly string[];
  hold: boolean;
  providerMessageId: string | null;
  threadId: string | null;
  mailSource: string | null;
  ticketId: string;
  historyId: string;
  entryId: string;
  at: string;
}

interface Answer {
  error?: 'unknown_project' | 'unknown_account' | 'idempotency_conflict';
  projectId?: string;
  kind?: string;
  account?: string;
  outcome?: OpenRequestOutcome;
  ticket?: Selectable<TicketsTable> | null;
  created?: boolean;
  balance?: number;
  entryId?: string | null;
  duplicateOf?: OpenRequestResult['duplicateOf'];
}

export async function pgOpenRequest(db: Db, r: PreparedRequest): Promise<OpenRequestResult> {
  const { rows } = await sql<{ answer: Answer }>`select ledger_open_request(${JSON.stringify(r)}::jsonb) as answer`.execute(db);
  const a = rows[0]!.answer;
  if (a.error === 'unknown_project') throw unknownProjectError(r.project);
  if (a.error === 'unknown_account') throw unknownAccountInProjectError(r.accountId, a.projectId);
  if (a.error === 'idempotency_conflict') throw keyConflictError(r.key, a.kind!, a.account!);
  return {
    outcome: a.outcome!,
    ticket: a.ticket ? toTicket(a.ticket) : null,
    created: a.created ?? false,
    balance: Number(a.balance),
    entryId: a.entryId ?? null,
    duplicateOf: a.duplicateOf ?? null,
  };
}
