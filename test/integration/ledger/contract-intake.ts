/** The intake journal and its side-effect claims (migration 7), as every store must behave. */
import { openPostgres, openSqlite } from '../../../core/ledger/connect';
import { MIGRATIONS, migrate } from '../../../core/ledger/migrations';
import { sqlLedger } from '../../../core/ledger/sql-ledger';
import { openLedger, type Ledger } from '../../../core/ledger';
import type { Fixture } from './contract';
import { ledgerError } from './contract';
import { postgresDatabase, sqliteDatabase } from './helpers';

const LONG_AGO = '2001-01-01T00:00:00.000Z';

export function intakeContract(f: Fixture): void {
  const mailbox = () => f.uniq('gmail:support@agency.fr');
  const mid = () => `<${f.uniq('mail')}@client.fr>`;
  /**
   * n handles to run concurrent calls through. PostgreSQL: n more ledgers, each with its own pool.
   * SQLite: the fixture's ledger n times, its calls batched by the group committer; node:sqlite
   * waits for a lock synchronously, so two connections in one process would block each other
   * (intake-across-processes.test.ts races real connections to the file from separate processes).
   */
  const handles = async (n: number): Promise<Ledger[]> =>
    f.db.config.kind === 'postgres'
      ? Promise.all(Array.from({ length: n }, () => openLedger(f.db.config)))
      : Array.from({ length: n }, () => f.ledger);
  const closeAll = (ls: Ledger[]) => Promise.all(ls.filter((l) => l !== f.ledger).map((l) => l.close()));
  const age = (id: string, at = LONG_AGO) => f.db.raw(`UPDATE intake_journal SET updated_at = '${at}' WHERE id = '${id}'`);

  /** A decided entry, for the effect tests. */
  async function decidedEntry(box = mailbox()) {
    const { entry } = await f.ledger.journalReceived({ mailbox: box, providerMessageId: f.uniq('gm'), messageId: mid() });
    return f.ledger.journalDecided(entry.id, { route: 'ticket' });
  }

  describe('intake journal', () => {
    test('recording a mail again returns its entry with attempts + 1; the Message-ID is the key across providers', async () => {
      const box = mailbox();
      const messageId = mid();
      const first = await f.ledger.journalReceived({ mailbox: box, providerMessageId: 'gm-1', messageId });
      expect(first).toMatchObject({
        firstTime: true,
        entry: {
          mailbox: box,
          providerMessageId: 'gm-1',
          messageId,
          dedupeKey: `mid:${messageId}`,
          state: 'received',
          attempts: 1,
          route: null,
          ticketId: null,
          lastError: null,
          decidedAt: null,
          doneAt: null,
        },
      });
      expect(first.entry.receivedAt).toEqual(first.entry.updatedAt);

      // The same mail without brackets, from another provider id (a moved Outlook mail, the IMAP copy), mailbox in capitals.
      const again = await f.ledger.journalReceived({
        mailbox: box.toUpperCase(),
        providerMessageId: 'AAMk-2',
        messageId: ` ${messageId.slice(1, -1)} `,
      });
      expect(again).toMatchObject({
        firstTime: false,
        entry: { id: first.entry.id, attempts: 2, providerMessageId: 'AAMk-2', messageId, receivedAt: first.entry.receivedAt },
      });
      expect(again.entry.updatedAt >= first.entry.updatedAt).toBe(true);
      expect(await f.ledger.getIntakeEntry({ mailbox: box, messageId })).toMatchObject({ id: first.entry.id, attempts: 2 });
      expect(await f.ledger.getIntakeEntry({ mailbox: box, providerMessageId: 'AAMk-2' })).toMatchObject({ id: first.entry.id });
      expect(await f.ledger.getIntakeEntry(first.entry.id)).toEqual(again.entry);

      // Another intake key is another entry; a mail without Message-ID is keyed by its provider id.
      expect((await f.ledger.journalReceived({ mailbox: mailbox(), messageId })).firstTime).toBe(true);
      const bare = await f.ledger.journalReceived({ mailbox: box, providerMessageId: 'gm-1' });
      expect(bare).toMatchObject({ firstTime: true, entry: { dedupeKey: 'pid:gm-1', messageId: null } });
      expect((await f.ledger.journalReceived({ mailbox: box, providerMessageId: 'gm-1' })).entry).toMatchObject({
        id: bare.entry.id,
        attempts: 2,
      });
      expect(await f.ledger.getIntakeEntry({ mailbox: box, messageId: '<never@seen>' })).toBeNull();
      expect(await f.ledger.getIntakeEntry('no-such-entry')).toBeNull();

      expect(await ledgerError(f.ledger.journalReceived({ mailbox: box, messageId: ' <> ' }))).toMatchObject({
        code: 'invalid_argument',
        field: 'messageId',
      });
      expect(await ledgerError(f.ledger.journalReceived({ mailbox: ' ', messageId }))).toMatchObject({
        code: 'invalid_argument',
        field: 'mailbox',
      });
      expect(await ledgerError(f.ledger.journalReceived({ mailbox: box, messageId: mid(), projectId: 'ghost' }))).toMatchObject({
        code: 'unknown_project',
      });
    });

    test('20 concurrent recordings of one mail: one firstTime, attempts 20', async () => {
      const box = mailbox();
      const messageId = mid();
      const ls = await handles(4);
      try {
        const runs = await Promise.all(
          Array.from({ length: 20 }, (_, i) => ls[i % 4]!.journalReceived({ mailbox: box, providerMessageId: `p${i}`, messageId })),
        );
        expect(runs.filter((r) => r.firstTime)).toHaveLength(1);
        expect(new Set(runs.map((r) => r.entry.id)).size).toBe(1);
        expect(runs.map((r) => r.entry.attempts).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      } finally {
        await closeAll(ls);
      }
      expect(Number((await f.db.raw(`SELECT count(*) AS n FROM intake_journal WHERE mailbox = '${box}'`))[0]!.n)).toBe(1);
    });

    test('received → decided → done, each with its time; the decision is final and done needs one', async () => {
      const p = await f.ledger.createProject({ name: f.uniq('intake') });
      const { ticket } = await f.ledger.createTicket({ project: p.id, subject: 'Site down' });
      const other = await f.ledger.createTicket({ project: p.id, subject: 'Other' });
      const box = mailbox();
      const { entry } = await f.ledger.journalReceived({ mailbox: box, messageId: mid(), projectId: p.name });
      expect(entry.projectId).toBe(p.id);
      expect(await ledgerError(f.ledger.journalDone(entry.id))).toMatchObject({ code: 'invalid_transition' });

      const decided = await f.ledger.journalDecided(entry.id, { route: 'ticket' });
      expect(decided).toMatchObject({ state: 'decided', route: 'ticket', ticketId: null, doneAt: null });
      expect(decided.decidedAt! >= entry.receivedAt).toBe(true);
      expect(decided.updatedAt).toBe(decided.decidedAt);
      // The same decision again fills in the ticket the first run did not know yet; nothing else moves.
      const withTicket = await f.ledger.journalDecided(entry.id, { route: 'ticket', ticketId: ticket.id });
      expect(withTicket).toMatchObject({ state: 'decided', ticketId: ticket.id, decidedAt: decided.decidedAt });
      expect(await f.ledger.journalDecided(entry.id, { route: 'ticket', ticketId: ticket.id })).toEqual(withTicket);
      expect(await ledgerError(f.ledger.journalDecided(entry.id, { route: 'payment_link' }))).toMatchObject({
        code: 'invalid_transition',
        field: 'route',
      });
      expect(await ledgerError(f.ledger.journalDecided(entry.id, { route: 'ticket', ticketId: other.ticket.id }))).toMatchObject({
        code: 'invalid_transition',
        field: 'ticketId',
      });

      const done = await f.ledger.journalDone(entry.id);
      expect(done).toMatchObject({ state: 'done', route: 'ticket', ticketId: ticket.id, decidedAt: decided.decidedAt });
      expect(done.doneAt! >= done.decidedAt!).toBe(true);
      expect(done.updatedAt).toBe(done.doneAt);
      expect(await f.ledger.journalDone(entry.id)).toEqual(done);
      expect(await f.ledger.journalDecided(entry.id, { route: 'ticket' })).toEqual(done);
      expect(await f.ledger.lastDoneAt(box)).toBe(done.doneAt);
      expect(await f.ledger.lastDoneAt(mailbox())).toBeNull();
      // Redelivered once done: recorded (attempts), still done, so a re-driver knows to stop.
      expect(await f.ledger.journalReceived({ mailbox: box, messageId: entry.messageId })).toMatchObject({
        firstTime: false,
        entry: { state: 'done', attempts: 2 },
      });

      expect(await ledgerError(f.ledger.journalDecided('ghost', { route: 'ticket' }))).toMatchObject({ code: 'unknown_intake_entry' });
      const fresh = (await f.ledger.journalReceived({ mailbox: box, messageId: mid() })).entry;
      expect(await ledgerError(f.ledger.journalDecided(fresh.id, { route: 'ticket', ticketId: 'no-such-ticket' }))).toMatchObject({
        code: 'unknown_ticket',
      });
      expect(await ledgerError(f.ledger.journalDecided(fresh.id, { route: ' ' }))).toMatchObject({
        code: 'invalid_argument',
        field: 'route',
      });
      expect((await f.ledger.getIntakeEntry(fresh.id))!.state).toBe('received');
    });

    test('the database itself refuses an incoherent entry (a done mail without its decision)', async () => {
      const at = new Date().toISOString();
      const insert = (id: string, state: string, route: string | null, decided: string | null, done: string | null) =>
        f.db.raw(
          `INSERT INTO intake_journal (id, mailbox, dedupe_key, state, route, attempts, received_at, decided_at, done_at, updated_at)
         VALUES ('${id}', 'raw', '${id}', '${state}', ${route ? `'${route}'` : 'NULL'}, 1, '${at}', ${decided ? `'${decided}'` : 'NULL'}, ${done ? `'${done}'` : 'NULL'}, '${at}')`,
        );
      await expect(insert(f.uniq('raw'), 'done', null, null, at)).rejects.toThrow(/check/i);
      await expect(insert(f.uniq('raw'), 'done', 'ticket', at, null)).rejects.toThrow(/check/i);
      await expect(insert(f.uniq('raw'), 'lost', null, null, null)).rejects.toThrow(/check/i);
      await expect(insert(f.uniq('raw'), 'done', 'ticket', at, at)).resolves.toEqual([]);
    });

    test('unfinished entries are listed by age (untouched since), oldest first, per mailbox or all; done ones never', async () => {
      const box = mailbox();
      const rec = async () => (await f.ledger.journalReceived({ mailbox: box, messageId: mid() })).entry;
      const [oldest, old, recent, finished] = [await rec(), await rec(), await rec(), await rec()];
      await f.ledger.journalDecided(old.id, { route: 'payment_link' });
      await f.ledger.journalDecided(finished.id, { route: 'not_support' });
      await f.ledger.journalDone(finished.id);
      await age(oldest.id, '2001-01-01T00:00:00.000Z');
      await age(old.id, '2001-01-02T00:00:00.000Z');
      await age(finished.id, '2001-01-01T00:00:00.000Z');
      const elsewhere = (await f.ledger.journalReceived({ mailbox: mailbox(), messageId: mid() })).entry;
      await age(elsewhere.id, '2001-01-03T00:00:00.000Z');

      const cutoff = new Date('2001-06-01T00:00:00.000Z');
      const listed = await f.ledger.listUnfinishedIntake({ mailbox: box, olderThan: cutoff, limit: 10 });
      expect(listed.map((e) => [e.id, e.state])).toEqual([
        [oldest.id, 'received'],
        [old.id, 'decided'],
      ]);
      expect((await f.ledger.listUnfinishedIntake({ olderThan: cutoff, limit: 10 })).map((e) => e.id)).toEqual([
        oldest.id,
        old.id,
        elsewhere.id,
      ]);
      expect((await f.ledger.listUnfinishedIntake({ olderThan: cutoff, limit: 1 })).map((e) => e.id)).toEqual([oldest.id]);
      // Recent work is being done now: it is listed only once its cut-off has passed.
      const later = new Date(Date.now() + 60_000);
      expect((await f.ledger.listUnfinishedIntake({ mailbox: box, olderThan: later, limit: 10 })).map((e) => e.id)).toEqual([
        oldest.id,
        old.id,
        recent.id,
      ]);
      expect(await ledgerError(f.ledger.listUnfinishedIntake({ olderThan: cutoff, limit: 0 }))).toMatchObject({ field: 'limit' });
      expect(await ledgerError(f.ledger.listUnfinishedIntake({ olderThan: new Date('nope'), limit: 5 }))).toMatchObject({
        field: 'olderThan',
      });
    });

    test('a failed entry keeps its state and its error and stays listed; re-driving it counts an attempt', async () => {
      const box = mailbox();
      const { entry } = await f.ledger.journalReceived({ mailbox: box, messageId: mid() });
      await f.ledger.journalDecided(entry.id, { route: 'ticket' });
      const failed = await f.ledger.journalFailed(entry.id, `Gmail 503: backend error ${'x'.repeat(5000)}`);
      expect(failed).toMatchObject({ state: 'decided', route: 'ticket', lastError: expect.stringMatching(/^Gmail 503/) });
      expect(failed.lastError!.length).toBe(1000);
      await age(entry.id);
      expect(
        (await f.ledger.listUnfinishedIntake({ mailbox: box, olderThan: new Date('2002-01-01'), limit: 5 })).map((e) => [
          e.id,
          e.lastError?.slice(0, 9),
        ]),
      ).toEqual([[entry.id, 'Gmail 503']]);

      // The sweep drives it again: recorded once more, still decided, listed again once untouched long enough.
      const redriven = await f.ledger.journalReceived({ mailbox: box, messageId: entry.messageId });
      expect(redriven).toMatchObject({ firstTime: false, entry: { id: entry.id, state: 'decided', attempts: 2 } });
      expect(await f.ledger.listUnfinishedIntake({ mailbox: box, olderThan: new Date('2002-01-01'), limit: 5 })).toEqual([]);
      expect(
        (await f.ledger.listUnfinishedIntake({ mailbox: box, olderThan: new Date(Date.now() + 60_000), limit: 5 })).map((e) => e.id),
      ).toEqual([entry.id]);
      const done = await f.ledger.journalDone(entry.id);
      // A late failure report of a finished mail changes nothing.
      expect(await f.ledger.journalFailed(entry.id, 'late timeout')).toEqual(done);
      expect(await f.ledger.listUnfinishedIntake({ mailbox: box, olderThan: new Date(Date.now() + 60_000), limit: 5 })).toEqual([]);
      expect(await ledgerError(f.ledger.journalFailed(entry.id, ''))).toMatchObject({ field: 'error' });
    });
  });

  describe('intake side effects', () => {
    test('50 concurrent claims of one effect: exactly one winner', async () => {
      const entry = await decidedEntry();
      const ls = await handles(5);
      try {
        const claims = await Promise.all(Array.from({ length: 50 }, (_, i) => ls[i % 5]!.claimEffect(entry.id, 'reply')));
        expect(claims.filter(Boolean)).toHaveLength(1);
        // Different effects of one mail are independent claims, each won once.
        const mixed = await Promise.all(
          Array.from({ length: 50 }, (_, i) => ls[i % 5]!.claimEffect(entry.id, i % 2 ? 'label:SupportGate/Ticket' : 'staff_notification')),
        );
        expect(mixed.filter(Boolean)).toHaveLength(2);
      } finally {
        await closeAll(ls);
      }
      expect(Number((await f.db.raw(`SELECT count(*) AS n FROM intake_effects WHERE entry_id = '${entry.id}'`))[0]!.n)).toBe(3);
      expect(await f.ledger.claimEffect(entry.id, 'reply')).toBe(false);
    });

    test('a claim is completed once; a claim never completed stays taken and is reported as stuck', async () => {
      const box = mailbox();
      const entry = await decidedEntry(box);
      expect(await f.ledger.claimEffect(entry.id, 'payment_mail')).toBe(true);
      expect(await f.ledger.claimEffect(entry.id, 'reply')).toBe(true);
      const done = await f.ledger.completeEffect(entry.id, 'payment_mail');
      expect(done).toMatchObject({ entryId: entry.id, effect: 'payment_mail', claims: 1, doneAt: expect.any(String) });
      expect(done.doneAt! >= done.claimedAt).toBe(true);
      expect(await f.ledger.completeEffect(entry.id, 'payment_mail')).toEqual(done);
      expect(await f.ledger.claimEffect(entry.id, 'payment_mail')).toBe(false);
      expect((await f.ledger.listIntakeEffects(entry.id)).map((c) => [c.effect, c.doneAt !== null])).toEqual(
        expect.arrayContaining([
          ['payment_mail', true],
          ['reply', false],
        ]),
      );

      // The run died after claiming the reply: no later run may send it (at most once), a sweep sees it.
      expect(await f.ledger.claimEffect(entry.id, 'reply')).toBe(false);
      const soon = new Date(Date.now() + 60_000);
      expect(
        (await f.ledger.listStuckEffects({ mailbox: box, claimedBefore: soon, limit: 10 })).map((c) => [c.entryId, c.effect, c.mailbox]),
      ).toEqual([[entry.id, 'reply', box]]);
      expect(await f.ledger.listStuckEffects({ mailbox: box, claimedBefore: new Date('2001-01-01'), limit: 10 })).toEqual([]);

      expect(await ledgerError(f.ledger.completeEffect(entry.id, 'staff_notification'))).toMatchObject({
        code: 'invalid_transition',
        field: 'effect',
      });
      expect(await ledgerError(f.ledger.claimEffect('ghost', 'reply'))).toMatchObject({ code: 'unknown_intake_entry' });
      expect(await ledgerError(f.ledger.completeEffect('ghost', 'reply'))).toMatchObject({ code: 'unknown_intake_entry' });
      expect(await ledgerError(f.ledger.claimEffect(entry.id, 'replly' as 'reply'))).toMatchObject({
        code: 'invalid_argument',
        field: 'effect',
      });
      expect(await ledgerError(f.ledger.claimEffect(entry.id, 'label: ' as 'reply'))).toMatchObject({ field: 'effect' });
    });

    test('an idempotent effect may take over a stale claim: one of 20 concurrent takers wins, a fresh claim is never taken', async () => {
      const entry = await decidedEntry();
      const label = 'label:SupportGate/Paid' as const;
      expect(await f.ledger.claimEffect(entry.id, label)).toBe(true);
      const staleBefore = new Date(Date.now() - 60_000);
      expect(await f.ledger.claimEffect(entry.id, label, { takeOverClaimedBefore: staleBefore })).toBe(false);
      await f.db.raw(`UPDATE intake_effects SET claimed_at = '${LONG_AGO}' WHERE entry_id = '${entry.id}'`);
      const ls = await handles(4);
      try {
        const takers = await Promise.all(
          Array.from({ length: 20 }, (_, i) => ls[i % 4]!.claimEffect(entry.id, label, { takeOverClaimedBefore: staleBefore })),
        );
        expect(takers.filter(Boolean)).toHaveLength(1);
      } finally {
        await closeAll(ls);
      }
      const [claim] = await f.ledger.listIntakeEffects(entry.id);
      expect(claim).toMatchObject({ effect: label, claims: 2, doneAt: null });
      expect(claim!.claimedAt > LONG_AGO).toBe(true);
      await f.ledger.completeEffect(entry.id, label);
      await f.db.raw(`UPDATE intake_effects SET claimed_at = '${LONG_AGO}' WHERE entry_id = '${entry.id}'`);
      expect(await f.ledger.claimEffect(entry.id, label, { takeOverClaimedBefore: staleBefore })).toBe(false); // completed: never again
      expect(
        await ledgerError(f.ledger.claimEffect(entry.id, label, { takeOverClaimedBefore: new Date(Date.now() + 60_000) })),
      ).toMatchObject({ field: 'takeOverClaimedBefore' });
    });
  });

  describe('intake journal migration', () => {
    test('a ledger of the previous schema version (6) gets the journal when next opened, its data kept', async () => {
      const db = f.db.config.kind === 'sqlite' ? sqliteDatabase('intake-v6') : postgresDatabase('intake_v6');
      try {
        // The ledger as version 6 left it, used through the ledger of that time.
        const open = db.config.kind === 'sqlite' ? openSqlite(db.config.path) : await openPostgres(db.config);
        expect(
          await migrate(
            open.db,
            open.kind,
            MIGRATIONS.filter((m) => m.version <= 6),
          ),
        ).toEqual([1, 2, 3, 4, 5, 6]);
        const v6 = sqlLedger({ kind: open.kind, db: open.db, target: open.target });
        const p = await v6.createProject({ name: 'before-v7' });
        const { account } = await v6.authorizeSender(p.id, 'anna@client.fr', { initialCredits: 2 });
        const opened = await v6.openRequest({
          project: p.id,
          accountId: account.id,
          messageId: '<v6@client.fr>',
          idempotencyKey: `msg:${p.id}:<v6@client.fr>`,
          subject: 'Site down',
          subjectFingerprint: '',
          bodySignature: '',
          actor: 'test',
        });
        await v6.close();
        expect(await db.raw('SELECT version FROM ledger_migrations WHERE version = 7')).toEqual([]);

        const upgraded = await openLedger(db.config);
        try {
          expect((await db.raw('SELECT version FROM ledger_migrations ORDER BY version')).map((r) => Number(r.version))).toEqual(
            MIGRATIONS.map((m) => m.version).sort((a, b) => a - b),
          );
          expect(await upgraded.balance(account.id)).toBe(1);
          expect(await upgraded.getTicket(opened.ticket!.id)).toMatchObject({ messageId: '<v6@client.fr>', status: 'new' });
          const { entry } = await upgraded.journalReceived({ mailbox: p.id, messageId: '<v6@client.fr>', projectId: p.id });
          await upgraded.journalDecided(entry.id, { route: 'ticket', ticketId: opened.ticket!.id });
          expect(await upgraded.claimEffect(entry.id, 'reply')).toBe(true);
          expect(await upgraded.journalDone(entry.id)).toMatchObject({ state: 'done', ticketId: opened.ticket!.id, projectId: p.id });
          expect(await upgraded.checkInvariants()).toEqual([]);
        } finally {
          await upgraded.close();
        }
      } finally {
        await db.dispose();
      }
    });
  });
}
