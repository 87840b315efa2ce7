/** Tickets: numbered per project ([SG-<n>]), threaded by Message-ID, with a status history. */
import type { Transaction } from 'kysely';
import { canTransition, OPEN_TICKET_STATUSES, TICKET_TRANSITIONS } from './lifecycle';
import { signatureSimilarity } from './sketch';
import { guarded, inOneStatement, inTransaction, newId, now, type Ctx } from './context';
import type { LedgerDatabase } from './db-schema';
import { LedgerError } from './errors';
import { move } from './money';
import { normalizeAddress, requireText } from './normalize';
import { pgOpenRequest, type PreparedRequest } from './pg-open-request';
import { requireAccountRow, requireProjectRow, toStatusChange, toTicket, unknownProjectError } from './rows';
import {
  TICKET_STATUSES,
  type NewTicket,
  type OpenRequestInput,
  type OpenRequestResult,
  type Ticket,
  type TicketStatus,
  type TicketStatusChange,
} from './types';

function requireStatus(status: unknown): TicketStatus {
  if (!TICKET_STATUSES.includes(status as TicketStatus)) {
    throw new LedgerError(
      'invalid_argument',
      `status "${String(status)}" is not a ticket status: use one of ${TICKET_STATUSES.join(', ')}.`,
      'status',
    );
  }
  return status as TicketStatus;
}

/** A provider id or source: kept when it is non-empty text, otherwise null. */
function optionalText(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}

function requireMessageId(messageId: unknown): string {
  return requireText(messageId, 'messageId', 'give the Message-ID header of the mail, e.g. "<abc@mail.client.fr>"');
}

/** Creates the ticket with the next number of its project; a Message-ID already ticketed returns that ticket. */
export function createTicket(ctx: Ctx, input: NewTicket): Promise<{ ticket: Ticket; created: boolean }> {
  const subject = typeof input?.subject === 'string' ? input.subject.trim() : '';
  if (typeof input?.subject !== 'string') requireText(input?.subject, 'subject', 'give the mail subject (it may be empty text "")');
  const status = requireStatus(input.status ?? 'new');
  const messageId = input.messageId == null ? null : requireMessageId(input.messageId);
  const sender = input.sender == null ? null : normalizeAddress(input.sender, 'sender');
  return inTransaction(ctx, async (trx) => {
    const project = await requireProjectRow(trx, input.project);
    if (input.accountId) await requireAccountRow(trx, input.accountId, project.id);
    if (messageId) {
      const known = await trx
        .selectFrom('ticket_messages as m')
        .innerJoin('tickets as t', 't.id', 'm.ticket_id')
        .selectAll('t')
        .where('m.project_id', '=', project.id)
        .where('m.message_id', '=', messageId)
        .executeTakeFirst();
      if (known) return { ticket: toTicket(known), created: false };
    }
    const row = await insertTicket(trx, project.id, { ...input, subject, sender, messageId, status });
    return { ticket: toTicket(row), created: true };
  });
}

type TicketFields = Pick<
  NewTicket,
  'accountId' | 'category' | 'urgency' | 'summary' | 'actor' | 'providerMessageId' | 'threadId' | 'mailSource'
> & {
  subject: string;
  sender: string | null;
  messageId: string | null;
  status: TicketStatus;
};

/** Inserts a ticket with the next number of its project, its first message and its first history row. */
export async function insertTicket(trx: Transaction<LedgerDatabase>, projectId: string, f: TicketFields) {
  // The counter row is the lock: concurrent creators of one project queue here and get n, n+1…
  const seq = await trx
    .updateTable('projects')
    .set((eb) => ({ ticket_seq: eb('ticket_seq', '+', 1) }))
    .where('id', '=', projectId)
    .returning('ticket_seq')
    .executeTakeFirstOrThrow();
  const at = now();
  const row = {
    id: newId(),
    project_id: projectId,
    number: Number(seq.ticket_seq),
    account_id: f.accountId ?? null,
    sender: f.sender,
    subject: f.subject,
    category: f.category ?? null,
    urgency: f.urgency ?? null,
    summary: f.summary ?? null,
    status: f.status,
    message_id: f.messageId,
    created_at: at,
    updated_at: at,
    provider_message_id: optionalText(f.providerMessageId),
    provider_thread_id: optionalText(f.threadId),
    mail_source: optionalText(f.mailSource),
    waived_at: null,
    purged_at: undefined, // left to the column default: a ledger opened before migration 8 has no such column
  };
  await trx.insertInto('tickets').values(row).execute();
  if (f.messageId)
    await trx
      .insertInto('ticket_messages')
      .values({ project_id: projectId, message_id: f.messageId, ticket_id: row.id, created_at: at })
      .execute();
  await trx
    .insertInto('ticket_status_history')
    .values({
      id: newId(),
      ticket_id: row.id,
      from_status: null,
      to_status: f.status,
      actor: f.actor ?? 'system',
      note: null,
      created_at: at,
    })
    .execute();
  return row;
}

export async function getTicket(ctx: Ctx, ticketId: string): Promise<Ticket | null> {
  const row = await guarded(ctx, () => ctx.db.selectFrom('tickets').selectAll().where('id', '=', String(ticketId)).executeTakeFirst());
  return row ? toTicket(row) : null;
}

export async function getTicketByNumber(ctx: Ctx, ref: string, number: number): Promise<Ticket | null> {
  if (!Number.isSafeInteger(number) || number < 1) {
    throw new LedgerError('invalid_argument', `number must be a ticket number like 42 (got ${JSON.stringify(number)}).`, 'number');
  }
  return guarded(ctx, async () => {
    const project = await requireProjectRow(ctx.db, ref);
    const row = await ctx.db
      .selectFrom('tickets')
      .selectAll()
      .where('project_id', '=', project.id)
      .where('number', '=', number)
      .executeTakeFirst();
    return row ? toTicket(row) : null;
  });
}

/** The ticket any message of its thread (the first one or a linked follow-up) belongs to. */
export async function findTicketByMessageId(ctx: Ctx, ref: string, messageId: string): Promise<Ticket | null> {
  const id = requireMessageId(messageId);
  return guarded(ctx, async () => {
    const project = await requireProjectRow(ctx.db, ref);
    const row = await ctx.db
      .selectFrom('ticket_messages as m')
      .innerJoin('tickets as t', 't.id', 'm.ticket_id')
      .selectAll('t')
      .where('m.project_id', '=', project.id)
      .where('m.message_id', '=', id)
      .executeTakeFirst();
    return row ? toTicket(row) : null;
  });
}

/** Links a follow-up message to its ticket; false when that Message-ID was already linked. */
export function addTicketMessage(ctx: Ctx, ticketId: string, messageId: string): Promise<boolean> {
  const id = requireMessageId(messageId);
  return inTransaction(ctx, async (trx) => {
    const ticket = await trx.selectFrom('tickets').select(['id', 'project_id']).where('id', '=', ticketId).executeTakeFirst();
    if (!ticket)
      throw new LedgerError('unknown_ticket', `ticket "${ticketId}" does not exist: give the id of an existing ticket.`, 'ticketId');
    const r = await trx
      .insertInto('ticket_messages')
      .values({ project_id: ticket.project_id, message_id: id, ticket_id: ticket.id, created_at: now() })
      .onConflict((oc) => oc.columns(['project_id', 'message_id']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  });
}

export async function listTickets(ctx: Ctx, accountId: string, options: { limit?: number } = {}): Promise<Ticket[]> {
  const limit = options.limit ?? 50;
  return (
    await guarded(ctx, () =>
      ctx.db
        .selectFrom('tickets')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('created_at', 'desc')
        .orderBy('number', 'desc')
        .limit(limit)
        .execute(),
    )
  ).map(toTicket);
}

/** Changes the status and records who did it and when; setting the current status records nothing. */
export function setTicketStatus(ctx: Ctx, ticketId: string, status: TicketStatus, actor: string, note?: string): Promise<Ticket> {
  const next = requireStatus(status);
  const who = requireText(actor, 'actor', 'say who changes the status, e.g. "staff:anna@agency.fr"');
  return inTransaction(ctx, async (trx) => {
    const row = await trx
      .selectFrom('tickets')
      .selectAll()
      .where('id', '=', String(ticketId))
      .$if(ctx.kind === 'postgres', (q) => q.forUpdate())
      .executeTakeFirst();
    if (!row)
      throw new LedgerError('unknown_ticket', `ticket "${ticketId}" does not exist: give the id of an existing ticket.`, 'ticketId');
    if (row.status === next) return toTicket(row);
    if (!canTransition(row.status as TicketStatus, next)) {
      const allowed = TICKET_TRANSITIONS[row.status as TicketStatus] ?? [];
      throw new LedgerError(
        'invalid_transition',
        `ticket ${row.number} is ${row.status} and cannot become ${next}: ${allowed.length ? `from ${row.status} use ${allowed.join(', ')}` : `${row.status} is final, open a new ticket`}.`,
        'status',
      );
    }
    const at = now();
    await trx.updateTable('tickets').set({ status: next, updated_at: at }).where('id', '=', row.id).execute();
    await trx
      .insertInto('ticket_status_history')
      .values({ id: newId(), ticket_id: row.id, from_status: row.status, to_status: next, actor: who, note: note ?? null, created_at: at })
      .execute();
    return toTicket({ ...row, status: next, updated_at: at });
  });
}

export async function ticketHistory(ctx: Ctx, ticketId: string): Promise<TicketStatusChange[]> {
  const rows = await guarded(ctx, () =>
    ctx.db.selectFrom('ticket_status_history').selectAll().where('ticket_id', '=', ticketId).orderBy('created_at').execute(),
  );
  return rows.map(toStatusChange);
}

/** Migration 3's table, typed here (the only module that reads it). */
export interface FingerprintsDatabase extends LedgerDatabase {
  ticket_fingerprints: {
    ticket_id: string;
    project_id: string;
    account_id: string;
    subject_fingerprint: string;
    body_signature: string;
    created_at: string;
  };
}

/**
 * See Ledger.openRequest. The account row is the lock: one account's requests are decided one at a
 * time. The steps below are SQLite's; PostgreSQL runs the same ones in ledger_open_request.
 */
export function openRequest(ctx: Ctx, input: OpenRequestInput): Promise<OpenRequestResult> {
  const messageId = requireMessageId(input?.messageId);
  const key = requireText(input.idempotencyKey, 'idempotencyKey', 'give the debit key, e.g. "msg:<project>:<Message-ID>"');
  const actor = requireText(input.actor, 'actor', 'say who charges the request, e.g. "supportgate"');
  if (typeof input.subject !== 'string') requireText(input.subject, 'subject', 'give the mail subject (it may be empty text "")');
  const threshold = input.similarityThreshold ?? 0.8;
  if (!(threshold > 0 && threshold <= 1)) {
    throw new LedgerError(
      'invalid_argument',
      `similarityThreshold must be a number above 0 and at most 1 (got ${JSON.stringify(input.similarityThreshold)}): 0.8 is the default.`,
      'similarityThreshold',
    );
  }
  const sender = input.sender == null ? null : normalizeAddress(input.sender, 'sender');
  if (ctx.kind === 'postgres') {
    // One statement, so one round trip: the same steps run server-side (pg-functions.ts).
    if (typeof input.project !== 'string' || input.project.trim() === '') throw unknownProjectError(input.project);
    const prepared: PreparedRequest = {
      project: input.project.trim(),
      accountId: String(input.accountId),
      messageId,
      key,
      actor,
      subject: input.subject.trim(),
      sender,
      category: input.category ?? null,
      urgency: input.urgency ?? null,
      summary: input.summary ?? null,
      subjectFingerprint: input.subjectFingerprint ?? '',
      bodySignature: input.bodySignature ?? '',
      duplicateSince: input.duplicateSince || null,
      threshold,
      openStatuses: OPEN_TICKET_STATUSES,
      hold: input.holdWhenNoCredit ?? true,
      providerMessageId: optionalText(input.providerMessageId),
      threadId: optionalText(input.threadId),
      mailSource: optionalText(input.mailSource),
      ticketId: newId(),
      historyId: newId(),
      entryId: newId(),
      at: now(),
    };
    return inOneStatement(ctx, (db) => pgOpenRequest(db, prepared));
  }
  return inTransaction(ctx, async (trx) => {
    const project = await requireProjectRow(trx, input.project);
    const account = await trx
      .selectFrom('accounts')
      .selectAll()
      .where('id', '=', String(input.accountId))
      .$if(ctx.kind === 'postgres', (q) => q.forUpdate())
      .executeTakeFirst();
    if (!account || account.project_id !== project.id) await requireAccountRow(trx, input.accountId, project.id);
    const balance = Number(account!.balance);
    const base = { created: false, balance, entryId: null, duplicateOf: null };

    // Handled before (a retry, a second delivery): answer from what was done, never charge again.
    const paid = await trx
      .selectFrom('journal')
      .selectAll()
      .where('project_id', '=', project.id)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
    if (paid) {
      if (paid.kind !== 'debit' || paid.account_id !== account!.id) {
        throw new LedgerError(
          'idempotency_conflict',
          `idempotencyKey "${key}" was already used for a ${paid.kind} on account ${paid.account_id}: use a new key for a different movement.`,
          'idempotencyKey',
        );
      }
      const t = paid.ticket_id
        ? await trx.selectFrom('tickets').selectAll().where('id', '=', paid.ticket_id).executeTakeFirst()
        : undefined;
      return { ...base, outcome: 'already_debited', ticket: t ? toTicket(t) : null, balance: Number(paid.balance_after), entryId: paid.id };
    }
    const linked = await trx
      .selectFrom('ticket_messages as m')
      .innerJoin('tickets as t', 't.id', 'm.ticket_id')
      .selectAll('t')
      .where('m.project_id', '=', project.id)
      .where('m.message_id', '=', messageId)
      .executeTakeFirst();
    if (linked) return { ...base, outcome: 'linked', ticket: toTicket(linked) };

    const fp = trx as unknown as Transaction<FingerprintsDatabase>;
    if (input.duplicateSince) {
      const candidates = await fp
        .selectFrom('ticket_fingerprints as f')
        .innerJoin('tickets as t', 't.id', 'f.ticket_id')
        .selectAll('t')
        .select(['f.subject_fingerprint', 'f.body_signature'])
        .where('f.account_id', '=', account!.id)
        .where('f.created_at', '>=', input.duplicateSince)
        .where('t.status', 'in', [...OPEN_TICKET_STATUSES])
        .orderBy('f.created_at', 'desc')
        .limit(100)
        .execute();
      for (const c of candidates) {
        const sameSubject = input.subjectFingerprint !== '' && c.subject_fingerprint === input.subjectFingerprint;
        const similarity = signatureSimilarity(c.body_signature, input.bodySignature);
        if (!sameSubject && similarity < threshold) continue;
        await trx
          .insertInto('ticket_messages')
          .values({ project_id: project.id, message_id: messageId, ticket_id: c.id, created_at: now() })
          .execute();
        const duplicateOf = {
          ticketId: c.id,
          number: Number(c.number),
          by: sameSubject ? ('subject' as const) : ('body' as const),
          similarity,
        };
        return { ...base, outcome: 'duplicate', ticket: toTicket(c), duplicateOf };
      }
    }

    const hold = input.holdWhenNoCredit ?? true;
    if (balance < 1 && !hold) return { ...base, outcome: 'no_credit', ticket: null };
    const row = await insertTicket(trx, project.id, {
      accountId: account!.id,
      sender,
      subject: input.subject.trim(),
      category: input.category,
      urgency: input.urgency,
      summary: input.summary,
      messageId,
      status: balance < 1 ? 'waiting_payment' : 'new',
      actor,
      providerMessageId: input.providerMessageId,
      threadId: input.threadId,
      mailSource: input.mailSource,
    });
    await fp
      .insertInto('ticket_fingerprints')
      .values({
        ticket_id: row.id,
        project_id: project.id,
        account_id: account!.id,
        subject_fingerprint: input.subjectFingerprint ?? '',
        body_signature: input.bodySignature ?? '',
        created_at: row.created_at,
      })
      .execute();
    if (balance < 1) return { ...base, outcome: 'no_credit', ticket: toTicket(row), created: true };
    const debit = await move(ctx, trx, {
      accountId: account!.id,
      kind: 'debit',
      credits: 1,
      idempotencyKey: key,
      actor,
      ticketId: row.id,
      note: `ticket ${row.number}`,
    });
    if (debit.status !== 'done')
      throw new LedgerError(
        'database_error',
        `debit of ${key} did not apply (${debit.status}) although the locked balance was ${balance}.`,
      );
    return { ...base, outcome: 'debited', ticket: toTicket(row), created: true, balance: debit.balance, entryId: debit.entryId };
  });
}
