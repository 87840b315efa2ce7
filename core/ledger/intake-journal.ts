/**
 * The intake journal: every mail an intake (Gmail, Outlook, IMAP, webhook, or a sweep re-driving
 * one of those) sees is recorded here, so that work n8n lost (a dead queue-mode worker's
 * execution is never retried) can be found and driven again, and so that driving a mail again
 * never repeats what its first run already did. Storage only: the routes and which effects a
 * route needs are policy (core/tickets and the nodes); nothing of the mail but its ids is kept.
 *
 * Keys. An entry is one mail of one intake key (`mailbox`: a mailbox such as
 * "gmail:support@agency.fr" or a project id, compared lower-cased). Within a mailbox the mail is
 * identified by its Message-ID when it has one ("mid:<id>", angle brackets normalized), which is
 * the same whatever the provider or the copy (Gmail id, Graph id that changes on a move, IMAP
 * UID); only a mail without Message-ID falls back to its provider id ("pid:<id>"). That single
 * `dedupe_key` column is UNIQUE per mailbox, so concurrent recordings of one mail make one entry.
 * The provider id of the latest sighting is kept beside it, to label or move the current copy.
 *
 * States, each with its time: received (receivedAt) → decided (decidedAt: a route, maybe a
 * ticket id) → done (doneAt: replies sent, labels set). The decision is final: the same decision
 * again is a no-op, another route is refused, so a re-driven mail follows what was decided (and
 * maybe already charged or answered) instead of deciding anew. journalFailed keeps the state and
 * notes the error: a failed mail stays unfinished and listed for the sweeps, and `attempts`
 * counts how often it was recorded (first run, redeliveries, sweeps). The database refuses
 * incoherent rows itself (CHECKs of migration 7): a decided or done entry has its route, and
 * doneAt is set exactly when the state is done.
 *
 * Side effects (intake-effects.ts). Each effect of a mail (reply, payment_mail,
 * confirmation_mail, staff_notification, label:<name>) is claimed before it is performed:
 * claimEffect is an INSERT on the primary key (entry, effect), so exactly one caller ever wins,
 * whatever the concurrency or the number of processes. The guarantee is AT MOST ONCE per claim:
 * a run that dies between the claim and the send leaves the claim taken and not completed, and
 * no later run sends it (for client mail, a second reply or a second payment link is worse than a
 * late one that staff can send by hand). Such stuck claims keep their claimedAt, so a sweep can
 * report them (listStuckEffects) for a person to finish. Effects that are safe to repeat (setting
 * a label or category again changes nothing) may opt into AT LEAST ONCE with
 * claimEffect(…, { takeOverClaimedBefore }): a claim older than that and never completed is taken
 * over by exactly one caller. Money is not an effect here: debits are exactly once by their
 * journal keys (money.ts), whatever the intake journal says.
 */
import type { Selectable, Transaction } from 'kysely';
import { guarded, inTransaction, newId, now, type Ctx, type Db } from './context';
import type { IntakeJournalTable, LedgerDatabase } from './db-schema';
import { LedgerError } from './errors';
import { requireText } from './normalize';
import { requireProjectRow } from './rows';
import type { IntakeDecision, IntakeEntry, IntakeMailKey, IntakeState, NewIntakeMail, UnfinishedIntakeQuery } from './types';

type EntryRow = Selectable<IntakeJournalTable>;

/** Error text is truncated: it is a diagnosis, not a place for a mail's content. */
const MAX_ERROR_CHARS = 1000;
const MAX_LIST = 1000;

export const toIntakeEntry = (r: EntryRow): IntakeEntry => ({
  id: r.id,
  mailbox: r.mailbox,
  providerMessageId: r.provider_message_id,
  messageId: r.message_id,
  dedupeKey: r.dedupe_key,
  projectId: r.project_id,
  state: r.state as IntakeState,
  route: r.route,
  ticketId: r.ticket_id,
  attempts: Number(r.attempts),
  lastError: r.last_error,
  receivedAt: r.received_at,
  decidedAt: r.decided_at,
  doneAt: r.done_at,
  updatedAt: r.updated_at,
});

export function requireMailbox(value: unknown): string {
  return requireText(value, 'mailbox', 'give the intake\'s stable key, e.g. "gmail:support@agency.fr" or the project id').toLowerCase();
}

export function requireEntryId(value: unknown): string {
  return requireText(value, 'entryId', 'give the id of the intake entry journalReceived returned');
}

/** Optional text: null/undefined/"" are absent; anything else must be text. */
function optionalText(value: unknown, field: string): string | null {
  if (value == null || (typeof value === 'string' && value.trim() === '')) return null;
  if (typeof value !== 'string') throw new LedgerError('invalid_argument', `${field} must be text (got ${typeof value}).`, field);
  return value.trim();
}

/** "<a@b>", " a@b " and "<a@b>" are one Message-ID: providers differ on the brackets. */
export function normalizeMessageId(value: unknown): string | null {
  const text = optionalText(value, 'messageId');
  const inner = text?.replace(/^<+/, '').replace(/>+$/, '').trim();
  return inner ? `<${inner}>` : null;
}

interface MailIds {
  providerMessageId: string | null;
  messageId: string | null;
  dedupeKey: string;
}

function mailIds(mail: IntakeMailKey): MailIds {
  const messageId = normalizeMessageId(mail?.messageId);
  const providerMessageId = optionalText(mail?.providerMessageId, 'providerMessageId');
  if (!messageId && !providerMessageId) {
    throw new LedgerError(
      'invalid_argument',
      "messageId or providerMessageId is required: give the mail's Message-ID header, or its id at the provider when it has none.",
      'messageId',
    );
  }
  return { messageId, providerMessageId, dedupeKey: messageId ? `mid:${messageId}` : `pid:${providerMessageId}` };
}

export const unknownEntry = (id: string): LedgerError =>
  new LedgerError('unknown_intake_entry', `intake entry "${id}" does not exist: give the id journalReceived returned.`, 'entryId');

/** The entry, locked until the transaction ends on PostgreSQL (SQLite's write transaction is the lock). */
export async function lockEntry(ctx: Ctx, trx: Transaction<LedgerDatabase>, id: string): Promise<EntryRow> {
  const row = await trx
    .selectFrom('intake_journal')
    .selectAll()
    .where('id', '=', id)
    .$if(ctx.kind === 'postgres', (q) => q.forUpdate())
    .executeTakeFirst();
  if (!row) throw unknownEntry(id);
  return row;
}

/** One instant per change: decidedAt or doneAt equals the updatedAt of the change that set it. */
async function update(trx: Transaction<LedgerDatabase>, row: EntryRow, patch: Partial<EntryRow>, at = now()): Promise<IntakeEntry> {
  const next = await trx
    .updateTable('intake_journal')
    .set({ ...patch, updated_at: at })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toIntakeEntry(next);
}

/**
 * One upsert: a new mail is inserted with attempts = 1, a known one gets attempts + 1, so the
 * caller that inserted is the only one that reads attempts 1 (firstTime), even under concurrency.
 */
export function journalReceived(ctx: Ctx, mail: NewIntakeMail): Promise<{ entry: IntakeEntry; firstTime: boolean }> {
  const mailbox = requireMailbox(mail?.mailbox);
  const ids = mailIds(mail);
  const projectRef = optionalText(mail?.projectId, 'projectId');
  return inTransaction(ctx, async (trx) => {
    const projectId = projectRef ? (await requireProjectRow(trx, projectRef)).id : null;
    const at = now();
    const row = await trx
      .insertInto('intake_journal')
      .values({
        id: newId(),
        mailbox,
        provider_message_id: ids.providerMessageId,
        message_id: ids.messageId,
        dedupe_key: ids.dedupeKey,
        project_id: projectId,
        state: 'received',
        route: null,
        ticket_id: null,
        attempts: 1,
        last_error: null,
        received_at: at,
        decided_at: null,
        done_at: null,
        updated_at: at,
      })
      .onConflict((oc) =>
        oc.columns(['mailbox', 'dedupe_key']).doUpdateSet((eb) => ({
          attempts: eb('intake_journal.attempts', '+', 1),
          updated_at: eb.ref('excluded.updated_at'),
          provider_message_id: eb.fn.coalesce(eb.ref('excluded.provider_message_id'), eb.ref('intake_journal.provider_message_id')),
          project_id: eb.fn.coalesce(eb.ref('intake_journal.project_id'), eb.ref('excluded.project_id')),
        })),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    return { entry: toIntakeEntry(row), firstTime: Number(row.attempts) === 1 };
  });
}

const refused = (row: EntryRow, what: string, field: string): LedgerError =>
  new LedgerError(
    'invalid_transition',
    `intake entry ${row.id} was already decided (route "${row.route}", ticket ${row.ticket_id ?? 'none'}): ${what}. A re-driven mail follows the recorded decision.`,
    field,
  );

export function journalDecided(ctx: Ctx, entryId: string, decision: IntakeDecision): Promise<IntakeEntry> {
  const id = requireEntryId(entryId);
  const route = requireText(decision?.route, 'route', 'say what the intake decided, e.g. "ticket", "payment_link" or "not_support"');
  const ticketId = optionalText(decision?.ticketId, 'ticketId');
  const projectRef = optionalText(decision?.projectId, 'projectId');
  return inTransaction(ctx, async (trx) => {
    const row = await lockEntry(ctx, trx, id);
    if (ticketId && !(await trx.selectFrom('tickets').select('id').where('id', '=', ticketId).executeTakeFirst())) {
      throw new LedgerError(
        'unknown_ticket',
        `ticket "${ticketId}" does not exist: give the id of the ticket the mail opened or joined.`,
        'ticketId',
      );
    }
    const projectId = projectRef ? (await requireProjectRow(trx, projectRef)).id : null;
    if (projectId && row.project_id && projectId !== row.project_id) {
      throw new LedgerError(
        'invalid_transition',
        `intake entry ${row.id} belongs to project ${row.project_id}, not ${projectId}.`,
        'projectId',
      );
    }
    if (row.state === 'received') {
      const at = now();
      return update(
        trx,
        row,
        { state: 'decided', route, ticket_id: ticketId, project_id: projectId ?? row.project_id, decided_at: at },
        at,
      );
    }
    if (row.route !== route) throw refused(row, `it cannot become "${route}"`, 'route');
    if (ticketId && row.ticket_id && row.ticket_id !== ticketId) throw refused(row, `it cannot point to ticket ${ticketId}`, 'ticketId');
    // The same decision again: only fills in what the first one did not know yet.
    const patch: Partial<EntryRow> = {};
    if (ticketId && !row.ticket_id) patch.ticket_id = ticketId;
    if (projectId && !row.project_id) patch.project_id = projectId;
    return Object.keys(patch).length ? update(trx, row, patch) : toIntakeEntry(row);
  });
}

export function journalDone(ctx: Ctx, entryId: string): Promise<IntakeEntry> {
  const id = requireEntryId(entryId);
  return inTransaction(ctx, async (trx) => {
    const row = await lockEntry(ctx, trx, id);
    if (row.state === 'done') return toIntakeEntry(row);
    if (row.state === 'received') {
      throw new LedgerError(
        'invalid_transition',
        `intake entry ${row.id} is still received: record its decision (journalDecided) before marking it done.`,
        'entryId',
      );
    }
    const at = now();
    return update(trx, row, { state: 'done', done_at: at }, at);
  });
}

export function journalFailed(ctx: Ctx, entryId: string, error: string): Promise<IntakeEntry> {
  const id = requireEntryId(entryId);
  const message = requireText(error, 'error', 'say what failed, e.g. the error message').slice(0, MAX_ERROR_CHARS);
  return inTransaction(ctx, async (trx) => {
    const row = await lockEntry(ctx, trx, id);
    // A late failure report of a mail another run finished: the mail is done, nothing to re-drive.
    if (row.state === 'done') return toIntakeEntry(row);
    return update(trx, row, { last_error: message });
  });
}

export async function getIntakeEntry(ctx: Ctx, ref: string | IntakeMailKey): Promise<IntakeEntry | null> {
  return guarded(ctx, async () => {
    const row = typeof ref === 'string' ? await byId(ctx.db, requireEntryId(ref)) : await byMailKey(ctx.db, ref);
    return row ? toIntakeEntry(row) : null;
  });
}

const byId = (db: Db, id: string) => db.selectFrom('intake_journal').selectAll().where('id', '=', id).executeTakeFirst();

/** The Message-ID first (the dedupe key); else, or when absent, the provider id of the latest sighting. */
async function byMailKey(db: Db, key: IntakeMailKey): Promise<EntryRow | undefined> {
  const mailbox = requireMailbox(key?.mailbox);
  const ids = mailIds(key);
  const q = db.selectFrom('intake_journal').selectAll().where('mailbox', '=', mailbox);
  if (ids.messageId) {
    const found = await q.where('dedupe_key', '=', ids.dedupeKey).executeTakeFirst();
    if (found || !ids.providerMessageId) return found;
  }
  return q.where('provider_message_id', '=', ids.providerMessageId).orderBy('received_at').orderBy('id').executeTakeFirst();
}

export function requireInstant(value: unknown, field: string): string {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new LedgerError('invalid_argument', `${field} must be a valid Date (got ${JSON.stringify(value)}).`, field);
  }
  return value.toISOString();
}

export function requireLimit(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0 || value > MAX_LIST) {
    throw new LedgerError(
      'invalid_argument',
      `limit must be a whole number from 1 to ${MAX_LIST} (got ${JSON.stringify(value)}).`,
      'limit',
    );
  }
  return value;
}

/** "Older" is by updatedAt: an entry recorded, decided or failed recently is being worked on, or backs off. */
export async function listUnfinishedIntake(ctx: Ctx, query: UnfinishedIntakeQuery): Promise<IntakeEntry[]> {
  const cutoff = requireInstant(query?.olderThan, 'olderThan');
  const limit = requireLimit(query?.limit);
  const mailbox = query?.mailbox == null ? null : requireMailbox(query.mailbox);
  const rows = await guarded(ctx, () =>
    ctx.db
      .selectFrom('intake_journal')
      .selectAll()
      .where('state', 'in', ['received', 'decided'])
      .where('updated_at', '<', cutoff)
      .$if(mailbox !== null, (q) => q.where('mailbox', '=', mailbox!))
      .orderBy('updated_at')
      .orderBy('id')
      .limit(limit)
      .execute(),
  );
  return rows.map(toIntakeEntry);
}

export async function lastDoneAt(ctx: Ctx, mailbox: string): Promise<string | null> {
  const key = requireMailbox(mailbox);
  const row = await guarded(ctx, () =>
    ctx.db
      .selectFrom('intake_journal')
      .select((eb) => eb.fn.max('done_at').as('last'))
      .where('mailbox', '=', key)
      .where('done_at', 'is not', null)
      .executeTakeFirst(),
  );
  return row?.last ?? null;
}
