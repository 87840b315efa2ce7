/**
 * Versioned schema migrations, applied on first use. Each version runs once, inside one
 * write transaction that also holds a lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory
 * lock), so processes opening the same database at once do not race. Migrations only add.
 */
import { sql, type Kysely } from 'kysely';
import type { LedgerDatabase } from './db-schema';
import { postgresFunctions } from './pg-functions';

type Dialect = 'sqlite' | 'postgres';
export interface Migration {
  version: number;
  name: string;
  up(db: Kysely<LedgerDatabase>, dialect: Dialect): Promise<void>;
}

// The key of pg_advisory_xact_lock for migrations: any constant shared by all processes.
const PG_MIGRATION_LOCK = 727_310_001;

/* eslint-disable @typescript-eslint/no-explicit-any */
async function initialSchema(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const s = db.schema;
  await s
    .createTable('projects')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('price_minor', 'integer', (c) => c.notNull().defaultTo(8000))
    .addColumn('currency', 'text', (c) => c.notNull().defaultTo('EUR'))
    .addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('ticket_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await s
    .createTable('accounts')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('balance', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`balance >= 0`),
    )
    .addColumn('entries', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await s
    .createTable('recipients')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('address', 'text', (c) => c.notNull().unique())
    .addColumn('account_id', 'text', (c) => c.references('accounts.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await s
    .createTable('senders')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('senders_project_address', ['project_id', 'address'])
    .execute();
  await s
    .createTable('account_domains')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('domain', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('account_domains_project_domain', ['project_id', 'domain'])
    .execute();
  await s
    .createTable('tickets')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.references('accounts.id'))
    .addColumn('sender', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('urgency', 'text')
    .addColumn('summary', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('tickets_project_number', ['project_id', 'number'])
    .execute();
  await s
    .createTable('ticket_messages')
    .ifNotExists()
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_messages_pk', ['project_id', 'message_id'])
    .execute();
  await s
    .createTable('ticket_status_history')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id'))
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await s
    .createTable('payment_requests')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('ticket_id', 'text', (c) => c.references('tickets.id'))
    .addColumn('stripe_session_id', 'text', (c) => c.notNull().unique())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('credits', 'integer', (c) => c.notNull())
    .addColumn('amount_minor', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await s
    .createTable('journal')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('credits', 'integer', (c) => c.notNull())
    .addColumn('balance_after', 'integer', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text', (c) => c.references('tickets.id'))
    .addColumn('payment_request_id', 'text', (c) => c.references('payment_requests.id'))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('journal_project_key', ['project_id', 'idempotency_key'])
    .addUniqueConstraint('journal_account_seq', ['account_id', 'seq'])
    .execute();
  await s
    .createTable('processed_messages')
    .ifNotExists()
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('processed_messages_pk', ['project_id', 'message_id'])
    .execute();
  const idx = (name: string, table: string, cols: string[]) => s.createIndex(name).ifNotExists().on(table).columns(cols).execute();
  await idx('accounts_project', 'accounts', ['project_id']);
  await idx('senders_account', 'senders', ['account_id']);
  await idx('tickets_account', 'tickets', ['account_id', 'created_at']);
  await idx('ticket_history_ticket', 'ticket_status_history', ['ticket_id', 'created_at']);
  await idx('payment_requests_account', 'payment_requests', ['account_id', 'status']);
  await appendOnlyJournal(db, dialect);
}

/** The journal is append-only: the database itself refuses UPDATE and DELETE on it. */
async function appendOnlyJournal(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') {
    for (const op of ['UPDATE', 'DELETE']) {
      await sql
        .raw(
          `CREATE TRIGGER IF NOT EXISTS journal_no_${op.toLowerCase()} BEFORE ${op} ON journal
        BEGIN SELECT RAISE(ABORT, 'journal is append-only'); END`,
        )
        .execute(db);
    }
    return;
  }
  await sql
    .raw(
      `CREATE OR REPLACE FUNCTION journal_append_only() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION 'journal is append-only'; END $$ LANGUAGE plpgsql`,
    )
    .execute(db);
  await sql.raw(`DROP TRIGGER IF EXISTS journal_no_change ON journal`).execute(db);
  await sql
    .raw(
      `CREATE TRIGGER journal_no_change BEFORE UPDATE OR DELETE ON journal
    FOR EACH ROW EXECUTE FUNCTION journal_append_only()`,
    )
    .execute(db);
}

/**
 * Version 3: what duplicate detection keeps of each ticket's opening request, apart from the
 * tickets table: the subject fingerprint and a small shingle-hash sketch of the body (never the body).
 */
async function ticketFingerprints(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ticket_fingerprints')
    .ifNotExists()
    .addColumn('ticket_id', 'text', (c) => c.primaryKey().references('tickets.id'))
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('subject_fingerprint', 'text', (c) => c.notNull())
    .addColumn('body_signature', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ticket_fingerprints_account')
    .ifNotExists()
    .on('ticket_fingerprints')
    .columns(['account_id', 'created_at'])
    .execute();
}

/**
 * Version 2 (payments): the replay guard of signed Stripe webhooks (one row per event id) and
 * when the payment-request mail of a link was last handed out (at most one mail per open link).
 */
async function paymentEventsAndMails(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('stripe_events')
    .ifNotExists()
    .addColumn('event_id', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('payment_requests').addColumn('last_sent_at', 'text').execute();
}

/**
 * Version 4: where the mail that opened a ticket lives at its provider (Gmail message and thread
 * ids, the SupportEmail source), so a payment can answer in that thread and relabel that message.
 * Nullable: tickets opened before, by staff or from sources without ids have none.
 */
async function ticketProviderIds(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tickets').addColumn('provider_message_id', 'text').execute();
  await db.schema.alterTable('tickets').addColumn('provider_thread_id', 'text').execute();
  await db.schema.alterTable('tickets').addColumn('mail_source', 'text').execute();
  // The release after a payment walks an account's held tickets oldest first.
  await db.schema
    .createIndex('tickets_account_status')
    .ifNotExists()
    .on('tickets')
    .columns(['account_id', 'status', 'created_at'])
    .execute();
}

/**
 * Version 6: when staff waived a ticket (its credits given back); null while it is charged.
 * PostgreSQL's ledger_open_request returns whole ticket rows, so it carries the column as is.
 */
async function ticketWaivedAt(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tickets').addColumn('waived_at', 'text').execute();
}

/**
 * Version 7: the intake journal (one row per mail an intake saw, and its state) and the side
 * effects claimed per mail (see intake-journal.ts). The CHECKs keep the states coherent in the
 * database itself: a decided or done entry has its route, a done entry its times.
 */
async function intakeJournal(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('intake_journal')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mailbox', 'text', (c) => c.notNull())
    .addColumn('provider_message_id', 'text')
    .addColumn('message_id', 'text')
    .addColumn('dedupe_key', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.references('projects.id'))
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state IN ('received', 'decided', 'done')`))
    .addColumn('route', 'text')
    .addColumn('ticket_id', 'text', (c) => c.references('tickets.id'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('last_error', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('done_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('intake_journal_mail', ['mailbox', 'dedupe_key'])
    .addCheckConstraint('intake_journal_decided', sql`state = 'received' OR (route IS NOT NULL AND decided_at IS NOT NULL)`)
    .addCheckConstraint('intake_journal_done', sql`(state = 'done') = (done_at IS NOT NULL)`)
    .execute();
  await db.schema
    .createTable('intake_effects')
    .ifNotExists()
    .addColumn('entry_id', 'text', (c) => c.notNull().references('intake_journal.id'))
    .addColumn('effect', 'text', (c) => c.notNull())
    .addColumn('claimed_at', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .addColumn('claims', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('intake_effects_pk', ['entry_id', 'effect'])
    .execute();
  const idx = (name: string, table: string, cols: string[]) => db.schema.createIndex(name).ifNotExists().on(table).columns(cols).execute();
  // The sweeps: unfinished entries by age (per mailbox or all), the last done mail of a mailbox, a mail by its provider id.
  await idx('intake_journal_unfinished', 'intake_journal', ['state', 'updated_at']);
  await idx('intake_journal_mailbox_unfinished', 'intake_journal', ['mailbox', 'state', 'updated_at']);
  await idx('intake_journal_mailbox_done', 'intake_journal', ['mailbox', 'done_at']);
  await idx('intake_journal_provider_id', 'intake_journal', ['mailbox', 'provider_message_id']);
  await idx('intake_effects_open', 'intake_effects', ['done_at', 'claimed_at']);
}

/**
 * Version 10 (8 and 9 are other features'): staff may remove a sender or a domain from a client.
 * The row stays, marked removed, so the journal and tickets keep their history and authorizing
 * the address again finds it (its initial credits were granted once, never again). Plus the
 * console's per-project listings: tickets by status, payment requests by date.
 */
async function removableSendersAndDomains(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('senders').addColumn('removed_at', 'text').execute();
  await db.schema.alterTable('account_domains').addColumn('removed_at', 'text').execute();
  const idx = (name: string, table: string, cols: string[]) => db.schema.createIndex(name).ifNotExists().on(table).columns(cols).execute();
  await idx('tickets_project_status', 'tickets', ['project_id', 'status', 'number']);
  await idx('payment_requests_project', 'payment_requests', ['project_id', 'created_at']);
}

export const MIGRATIONS: Migration[] = [
  { version: 1, name: 'initial schema', up: initialSchema },
  { version: 2, name: 'stripe event replay guard and payment-request mail marker', up: paymentEventsAndMails },
  { version: 3, name: 'ticket fingerprints for duplicate detection', up: ticketFingerprints },
  { version: 4, name: 'provider message and thread ids of the mail that opened a ticket', up: ticketProviderIds },
  { version: 5, name: 'PostgreSQL functions: a debit and a request opening in one statement', up: postgresFunctions },
  { version: 6, name: 'when a ticket was waived (its credits given back)', up: ticketWaivedAt },
  { version: 7, name: 'intake journal of every mail seen, and the side effects claimed per mail', up: intakeJournal },
  { version: 10, name: 'removed senders and domains; per-project ticket and payment listings', up: removableSendersAndDomains },
];

/**
 * Applies the missing migrations; returns the versions it applied (empty when up to date).
 * `migrations` defaults to all of them; tests pass a prefix to build a ledger of an older version.
 */
export async function migrate(
  db: Kysely<LedgerDatabase>,
  dialect: Dialect,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  return db.transaction().execute(async (trx) => {
    if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${PG_MIGRATION_LOCK})`.execute(trx);
    await trx.schema
      .createTable('ledger_migrations')
      .ifNotExists()
      .addColumn('version', 'integer', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('applied_at', 'text', (c) => c.notNull())
      .execute();
    const done = new Set((await trx.selectFrom('ledger_migrations').select('version').execute()).map((r) => Number(r.version)));
    const applied: number[] = [];
    // In version order whatever the array order; gaps are fine (each version is applied once).
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      await m.up(trx, dialect);
      await trx
        .insertInto('ledger_migrations')
        .values({ version: m.version, name: m.name, applied_at: new Date().toISOString() })
        .execute();
      applied.push(m.version);
    }
    return applied;
  });
}
