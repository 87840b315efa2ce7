/**
 * Data retention: the agency keeps mail N months, then the ledger forgets what identified it.
 * For each resolved or closed ticket whose last status change is before the cutoff, in one
 * transaction (ticket row locked): the subject (emptied), summary, sender address, Message-ID,
 * provider message and thread ids go from the ticket; its linked Message-IDs (ticket_messages,
 * processed_messages), its duplicate fingerprints, its intake journal rows and their claimed
 * effects are deleted; its status notes (staff may quote the mail) are emptied. purged_at marks
 * it, so a second sweep does nothing. The journal is not touched: amounts, kinds and keys are what
 * the balance and exactly-once rest on, and a request key holds only a hash of its Message-ID
 * (mail-key.ts). Done intake entries with no ticket, done before the cutoff, are deleted too.
 */
import { sql, type Kysely } from 'kysely';
import { guarded, inTransaction, now, type Ctx, type Db } from './context';
import { LedgerError } from './errors';
import { normalizeMessageId } from './intake-journal';
import { requireProjectRow } from './rows';
import type { FingerprintsDatabase } from './tickets';
import type { PurgeMailDataQuery, PurgeMailDataResult } from './types';

const CLOSED = ['resolved', 'closed'];

/** The project's unpurged resolved or closed tickets whose last status change is before `before`. */
async function dueTickets(db: Db, projectId: string, before: string, only?: string) {
  return db
    .selectFrom('tickets as t')
    .select(['t.id', 't.number'])
    .where('t.project_id', '=', projectId)
    .$if(only !== undefined, (q) => q.where('t.id', '=', only!))
    .where('t.status', 'in', CLOSED)
    .where('t.purged_at', 'is', null)
    .where(
      sql<string>`coalesce((select max(h.created_at) from ticket_status_history h where h.ticket_id = t.id), t.updated_at)`,
      '<',
      before,
    )
    .orderBy('t.number')
    .execute();
}

/** Entries of the intake journal that name this ticket's mail: by ticket, Message-ID or provider id. */
async function intakeEntriesOf(db: Db, ticket: { id: string; provider_message_id?: string | null }, messageIds: string[]) {
  const forms = [...new Set(messageIds.flatMap((m) => [m, normalizeMessageId(m) ?? m]))];
  return db
    .selectFrom('intake_journal')
    .select('id')
    .where((eb) =>
      eb.or([
        eb('ticket_id', '=', ticket.id),
        ...(forms.length ? [eb('message_id', 'in', forms)] : []),
        ...(ticket.provider_message_id ? [eb('provider_message_id', '=', ticket.provider_message_id)] : []),
      ]),
    )
    .execute();
}

/** The Message-IDs linked to a ticket (its own, follow-ups, confirmation markers) and its intake entries. */
async function mailOf(db: Db, ticketId: string): Promise<{ messageIds: string[]; intake: string[] }> {
  const t = await db
    .selectFrom('tickets')
    .select(['id', 'message_id', 'provider_message_id'])
    .where('id', '=', ticketId)
    .executeTakeFirstOrThrow();
  const linked = await db.selectFrom('ticket_messages').select('message_id').where('ticket_id', '=', t.id).execute();
  const messageIds = [...new Set([...(t.message_id ? [t.message_id] : []), ...linked.map((m) => m.message_id)])];
  return { messageIds, intake: (await intakeEntriesOf(db, t, messageIds)).map((e) => e.id) };
}

async function deleteIntakeEntries(db: Db, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom('intake_effects').where('entry_id', 'in', ids).execute();
  await db.deleteFrom('intake_journal').where('id', 'in', ids).execute();
}

/** Purges one ticket; null when it is no longer due (purged by a concurrent sweep, reopened). */
function purgeTicket(ctx: Ctx, ticketId: string, before: string): Promise<{ messages: number; intake: number } | null> {
  return inTransaction(ctx, async (trx) => {
    const t = await trx
      .selectFrom('tickets')
      .selectAll()
      .where('id', '=', ticketId)
      .$if(ctx.kind === 'postgres', (q) => q.forUpdate())
      .executeTakeFirstOrThrow();
    // Reopened or purged since the listing (a concurrent sweep, staff): leave it.
    if (t.purged_at || (await dueTickets(trx, t.project_id, before, t.id)).length === 0) return null;
    const { messageIds, intake } = await mailOf(trx, t.id);
    await deleteIntakeEntries(trx, intake);
    await trx.deleteFrom('ticket_messages').where('ticket_id', '=', t.id).execute();
    if (messageIds.length)
      await trx.deleteFrom('processed_messages').where('project_id', '=', t.project_id).where('message_id', 'in', messageIds).execute();
    await (trx as unknown as Kysely<FingerprintsDatabase>).deleteFrom('ticket_fingerprints').where('ticket_id', '=', t.id).execute();
    await trx.updateTable('ticket_status_history').set({ note: null }).where('ticket_id', '=', t.id).execute();
    await trx
      .updateTable('tickets')
      .set({
        subject: '',
        summary: null,
        sender: null,
        message_id: null,
        provider_message_id: null,
        provider_thread_id: null,
        purged_at: now(),
      })
      .where('id', '=', t.id)
      .execute();
    return { messages: messageIds.length, intake: intake.length };
  });
}

/** Done mail that opened no ticket (not support, a payment reply…), done before the cutoff. */
function ticketlessIntake(db: Db, projectId: string, before: string) {
  return db
    .selectFrom('intake_journal')
    .select('id')
    .where('project_id', '=', projectId)
    .where('ticket_id', 'is', null)
    .where('state', '=', 'done')
    .where('done_at', '<', before)
    .execute();
}

export async function purgeMailData(ctx: Ctx, ref: string, query: PurgeMailDataQuery): Promise<PurgeMailDataResult> {
  const at = query?.before;
  if (!(at instanceof Date) || Number.isNaN(at.getTime()))
    throw new LedgerError('invalid_argument', 'before must be a valid Date: tickets last changed before it are purged.', 'before');
  const before = at.toISOString();
  const dryRun = query.dryRun === true;
  const project = await guarded(ctx, () => requireProjectRow(ctx.db, ref));
  const due = await guarded(ctx, () => dueTickets(ctx.db, project.id, before));
  const result: PurgeMailDataResult = { dryRun, tickets: 0, messages: 0, intakeEntries: 0, ticketNumbers: [] };
  for (const t of due) {
    if (dryRun) {
      const found = await guarded(ctx, () => mailOf(ctx.db, t.id));
      result.messages += found.messageIds.length;
      result.intakeEntries += found.intake.length;
    } else {
      const purged = await purgeTicket(ctx, t.id, before);
      if (!purged) continue;
      result.messages += purged.messages;
      result.intakeEntries += purged.intake;
    }
    result.tickets++;
    result.ticketNumbers.push(Number(t.number));
  }
  const ticketless = await guarded(ctx, () => ticketlessIntake(ctx.db, project.id, before));
  if (!dryRun && ticketless.length)
    await inTransaction(ctx, (trx) =>
      deleteIntakeEntries(
        trx,
        ticketless.map((e) => e.id),
      ),
    );
  result.intakeEntries += ticketless.length;
  return result;
}
