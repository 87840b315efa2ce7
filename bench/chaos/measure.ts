/**
 * What became of each mail, read from where it shows: the local Gmail server (labels, replies
 * sent), the ledger's tables (tickets, debits) and the intake journal.
 */
import { simpleParser, type AddressObject } from 'mailparser';
import type { Ledger } from '../../core/ledger';
import { hashedMessageId } from '../../core/ledger/mail-key';
import type { GmailTestServer } from '../../test/support/gmail-server';
import { query } from './cluster';
import type { ChaosMail } from './mails';

export interface Outcome {
  /**
   * No final outcome: no SupportGate label in Gmail, or its journal entry not done, or charged and
   * never answered by any run (labelled and done, but the client paid and heard nothing: what a
   * sweep without the journal's answer-again leaves).
   */
  lost: ChaosMail[];
  /** Charged, and the run that claimed the reply died before sending it: at most once, left to staff (listStuckEffects). */
  replyStuck: ChaosMail[];
  doubled: ChaosMail[];
  repliesDoubled: ChaosMail[];
  /** Mails no client reply went to (informational: e.g. a second mail of an account already sent its payment link). */
  unanswered: ChaosMail[];
  invariantViolations: number;
  /** Effects claimed and never completed (a run died between the claim and the send): at most once. */
  stuckEffects: Record<string, number>;
  labels: Record<string, number>;
  journalAttempts: number;
}

const addresses = (a: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((x) => x.value.map((v) => (v.address ?? '').toLowerCase()));

/** `run` answers a SQL query on the ledger's database (PostgreSQL or the SQLite file). */
export async function measure(mails: ChaosMail[], gmail: GmailTestServer, store: Ledger, run: Q): Promise<Outcome> {
  const labelNames = (id: string) =>
    (gmail.messages.get(id)?.message.labelIds ?? []).map((l) => gmail.labels.get(l)?.name ?? l).filter((n) => n.startsWith('SupportGate/'));
  const sent = await Promise.all(
    gmail.sent.map(async (s) => {
      const m = await simpleParser(s.mime);
      return { to: addresses(m.to), inReplyTo: m.inReplyTo ?? '' };
    }),
  );
  const rows = await rowsWith(run);
  const outcome: Outcome = {
    lost: [],
    replyStuck: [],
    doubled: [],
    repliesDoubled: [],
    unanswered: [],
    invariantViolations: (await store.checkInvariants()).length,
    stuckEffects: rows.stuck,
    labels: {},
    journalAttempts: 0,
  };
  for (const mail of mails) {
    const labels = labelNames(mail.id);
    for (const l of labels) outcome.labels[l] = (outcome.labels[l] ?? 0) + 1;
    const entries = rows.journal.get(mail.messageId) ?? [];
    outcome.journalAttempts += entries.reduce((s, e) => s + e.attempts, 0);
    const replies = sent.filter((s) => s.inReplyTo === mail.messageId && s.to.includes(mail.client.address)).length;
    const charged = (rows.debits.get(mail.messageId) ?? 0) > 0;
    const stuck = rows.stuckReplies.has(mail.messageId);
    if (charged && !replies && stuck) outcome.replyStuck.push(mail);
    if (!labels.length || !entries.some((e) => e.state === 'done') || (charged && !replies && !stuck)) outcome.lost.push(mail);
    if ((rows.tickets.get(mail.messageId) ?? 0) > 1 || (rows.debits.get(mail.messageId) ?? 0) > 1) outcome.doubled.push(mail);
    if (replies > 1) outcome.repliesDoubled.push(mail);
    if (replies === 0) outcome.unanswered.push(mail);
  }
  return outcome;
}

interface Rows {
  /** Message-ID → tickets opened for it. */
  tickets: Map<string, number>;
  /** Message-ID → debits charged for it (by its request key or its ticket). */
  debits: Map<string, number>;
  journal: Map<string, Array<{ state: string; attempts: number }>>;
  stuck: Record<string, number>;
  /** Message-IDs whose reply was claimed and never completed. */
  stuckReplies: Set<string>;
}

export type Q = (sql: string) => Promise<Array<Record<string, unknown>>>;

async function rowsWith(run: Q): Promise<Rows> {
  const tickets = new Map<string, number>();
  for (const r of await run(`SELECT message_id, COUNT(*) AS n FROM tickets WHERE message_id IS NOT NULL GROUP BY message_id`))
    tickets.set(String(r.message_id), Number(r.n));
  const debits = new Map<string, number>();
  // A debit names its mail by its request key (msg:<project>:sha256:<hash of the Message-ID>) and its ticket: count both ways, keep the larger.
  const known = await run(
    `SELECT message_id FROM tickets WHERE message_id IS NOT NULL UNION SELECT message_id FROM intake_journal WHERE message_id IS NOT NULL`,
  );
  const midOfHash = new Map(known.map((r) => [hashedMessageId(String(r.message_id)), String(r.message_id)]));
  const byKey = await run(`SELECT idempotency_key AS k FROM journal WHERE kind = 'debit'`);
  for (const r of byKey) {
    const hash = /^msg:[^:]+:(.+)$/.exec(String(r.k))?.[1];
    const mid = hash ? (midOfHash.get(hash) ?? hash) : undefined;
    if (mid) debits.set(mid, (debits.get(mid) ?? 0) + 1);
  }
  const byTicket = await run(
    `SELECT t.message_id AS mid, COUNT(*) AS n FROM journal j JOIN tickets t ON t.id = j.ticket_id WHERE j.kind = 'debit' AND t.message_id IS NOT NULL GROUP BY t.message_id`,
  );
  for (const r of byTicket) debits.set(String(r.mid), Math.max(debits.get(String(r.mid)) ?? 0, Number(r.n)));
  const journal = new Map<string, Array<{ state: string; attempts: number }>>();
  for (const r of await run(`SELECT message_id, state, attempts FROM intake_journal WHERE message_id IS NOT NULL`)) {
    const list = journal.get(String(r.message_id)) ?? [];
    list.push({ state: String(r.state), attempts: Number(r.attempts) });
    journal.set(String(r.message_id), list);
  }
  const stuck: Record<string, number> = {};
  for (const r of await run(`SELECT effect, COUNT(*) AS n FROM intake_effects WHERE done_at IS NULL GROUP BY effect`))
    stuck[String(r.effect)] = Number(r.n);
  const stuckReplies = new Set(
    (
      await run(
        `SELECT j.message_id FROM intake_effects e JOIN intake_journal j ON j.id = e.entry_id WHERE e.done_at IS NULL AND e.effect = 'reply' AND j.message_id IS NOT NULL`,
      )
    ).map((r) => String(r.message_id)),
  );
  return { tickets, debits, journal, stuck, stuckReplies };
}

export const postgresQuery =
  (url: string): Q =>
  (sql) =>
    query(url, sql);

export function sqliteQuery(file: string): Q {
  return async (sql) => {
    const { DatabaseSync } = await import('node:sqlite');
    const db = new DatabaseSync(file, { readOnly: true });
    try {
      return db.prepare(sql).all() as Array<Record<string, unknown>>;
    } finally {
      db.close();
    }
  };
}
