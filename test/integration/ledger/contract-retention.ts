/**
 * Data retention (Ledger.purgeMailData), as every store must behave: after the sweep, no table of
 * the database holds the subject, sender, Message-IDs, provider ids or summary of a purged mail,
 * while its journal entry (amount, key) stays and still stops a redelivered mail being charged again.
 */
import { requestKey } from '../../../core/tickets';
import { bodySignature, subjectFingerprint } from '../../../core/tickets/signature';
import { purgeOldMailData } from '../../../core/staff';
import { addMonths } from '../../../core/ledger';
import { openPostgres, openSqlite } from '../../../core/ledger/connect';
import { MIGRATIONS, migrate } from '../../../core/ledger/migrations';
import { sqlLedger } from '../../../core/ledger/sql-ledger';
import { openLedger } from '../../../core/ledger';
import type { Fixture } from './contract';
import { postgresDatabase, sqliteDatabase } from './helpers';

export function retentionContract(f: Fixture): void {
  /** Every table and column of the database, as text: the tables come from the catalog, not from a list. */
  async function everyRow(): Promise<Array<{ table: string; text: string }>> {
    const tables = (
      f.ledger.kind === 'sqlite'
        ? await f.db.raw(`SELECT name AS t FROM sqlite_master WHERE type = 'table'`)
        : await f.db.raw(
            `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
          )
    ).map((r) => String(r.t));
    expect(tables).toEqual(expect.arrayContaining(['tickets', 'journal', 'intake_journal', 'ticket_messages', 'processed_messages']));
    const rows = [];
    for (const table of tables)
      for (const row of await f.db.raw(`SELECT * FROM "${table}"`)) rows.push({ table, text: JSON.stringify(row).toLowerCase() });
    return rows;
  }
  const tablesHolding = (rows: Array<{ table: string; text: string }>, needle: string) =>
    [...new Set(rows.filter((r) => r.text.includes(needle.toLowerCase())).map((r) => r.table))].sort();

  /** One mail, through every table that may keep something of it. */
  async function mailTicket(p: { id: string }, accountId: string, tag: string) {
    const mail = {
      subject: `Printer ${tag} on fire`,
      sender: `${tag}.sender@client-${tag}.fr`,
      messageId: `<mid-${tag}@client-${tag}.fr>`,
      followUp: `<followup-${tag}@client-${tag}.fr>`,
      summary: `Summary ${tag}: the printer burns`,
      providerMessageId: `gm-${tag}`,
      threadId: `th-${tag}`,
    };
    const { entry } = await f.ledger.journalReceived({ mailbox: 'gmail:support@agency.fr', ...mail, projectId: p.id });
    const opened = await f.ledger.openRequest({
      project: p.id,
      accountId,
      messageId: mail.messageId,
      idempotencyKey: requestKey(p.id, mail.messageId),
      subject: mail.subject,
      sender: mail.sender,
      summary: mail.summary,
      subjectFingerprint: subjectFingerprint(mail.subject),
      bodySignature: bodySignature(`the printer ${tag} is on fire since this morning, please help us quickly`),
      duplicateSince: new Date(Date.now() - 3600_000).toISOString(),
      actor: 'supportgate',
      providerMessageId: mail.providerMessageId,
      threadId: mail.threadId,
      mailSource: 'gmail-full',
    });
    expect(opened.outcome).toBe('debited');
    const ticket = opened.ticket!;
    await f.ledger.journalDecided(entry.id, { route: 'ticket', ticketId: ticket.id });
    expect(await f.ledger.claimEffect(entry.id, 'reply')).toBe(true);
    await f.ledger.completeEffect(entry.id, 'reply');
    await f.ledger.journalDone(entry.id);
    await f.ledger.addTicketMessage(ticket.id, mail.followUp);
    const follow = await f.ledger.journalReceived({ mailbox: 'gmail:support@agency.fr', messageId: mail.followUp, projectId: p.id });
    await f.ledger.journalDecided(follow.entry.id, { route: 'follow_up', ticketId: ticket.id });
    await f.ledger.recordMessage(p.id, mail.followUp, 'follow_up');
    await f.ledger.setTicketStatus(ticket.id, 'in_progress', 'staff:anna', `client says "${mail.subject}"`);
    return { mail, ticket };
  }

  describe('data retention', () => {
    test('purges every trace of a closed mail from every table, keeps the journal, and is idempotent', async () => {
      const p = await f.ledger.createProject({ name: f.uniq('retention') });
      // Authorized by domain: the sender's own address is only on the mail, not in the client directory.
      const account = await f.ledger.createAccount(p.id, 'Client');
      const tag = f.uniq('zq7x').replace(/-/g, '');
      await f.ledger.authorizeDomain(p.id, account.id, `client-${tag}.fr`);
      await f.ledger.grant(account.id, 5, f.uniq('g'), 'staff');
      const old = await mailTicket(p, account.id, tag);
      await f.ledger.setTicketStatus(old.ticket.id, 'resolved', 'staff:anna', `answered: ${old.mail.summary}`);
      const keep = await mailTicket(p, account.id, `keep${tag}`); // still open: kept whole
      // A mail that opened no ticket, done long enough ago: its intake row goes too.
      const ignored = `<not-support-${tag}@client-${tag}.fr>`;
      const { entry } = await f.ledger.journalReceived({ mailbox: 'gmail:support@agency.fr', messageId: ignored, projectId: p.id });
      await f.ledger.journalDecided(entry.id, { route: 'not_support' });
      await f.ledger.journalDone(entry.id);
      const needles = [
        old.mail.subject,
        old.mail.sender,
        old.mail.messageId,
        old.mail.followUp,
        old.mail.summary,
        old.mail.providerMessageId,
        old.mail.threadId,
        ignored,
      ];
      const before = await everyRow();
      for (const needle of needles) expect(tablesHolding(before, needle)).not.toEqual([]);
      const journalBefore = (await f.ledger.history(account.id, { limit: 50 })).entries;

      const cutoff = new Date(Date.now() + 60_000);
      const dry = await f.ledger.purgeMailData(p.id, { before: cutoff, dryRun: true });
      expect(dry).toMatchObject({ dryRun: true, tickets: 1, messages: 2, intakeEntries: 3, ticketNumbers: [old.ticket.number] });
      expect(tablesHolding(await everyRow(), old.mail.subject)).not.toEqual([]);

      const r = await f.ledger.purgeMailData(p.id, { before: cutoff });
      expect(r).toMatchObject({ dryRun: false, tickets: 1, messages: 2, intakeEntries: 3, ticketNumbers: [old.ticket.number] });
      const after = await everyRow();
      for (const needle of needles) expect([needle, tablesHolding(after, needle)]).toEqual([needle, []]);
      // The open ticket's mail is untouched: the scan would have seen a purge that went too far.
      for (const needle of [keep.mail.subject, keep.mail.sender, keep.mail.messageId, keep.mail.summary])
        expect(tablesHolding(after, needle)).toContain('tickets');

      // The journal is as it was: amounts, kinds, keys (the request key holds a hash, not the Message-ID).
      expect((await f.ledger.history(account.id, { limit: 50 })).entries).toEqual(journalBefore);
      expect(await f.ledger.getTicket(old.ticket.id)).toMatchObject({
        number: old.ticket.number,
        status: 'resolved',
        subject: '',
        sender: null,
        summary: null,
        messageId: null,
        providerMessageId: null,
        threadId: null,
      });
      expect((await f.ledger.ticketHistory(old.ticket.id)).map((h) => [h.toStatus, h.note])).toEqual([
        ['new', null],
        ['in_progress', null],
        ['resolved', null],
      ]);
      // The mail redelivered after the purge: its key still answers, never a second debit.
      const again = await f.ledger.openRequest({
        project: p.id,
        accountId: account.id,
        messageId: old.mail.messageId,
        idempotencyKey: requestKey(p.id, old.mail.messageId),
        subject: old.mail.subject,
        subjectFingerprint: '',
        bodySignature: '',
        actor: 'supportgate',
      });
      expect(again).toMatchObject({ outcome: 'already_debited', ticket: { id: old.ticket.id } });
      expect(await f.ledger.balance(account.id)).toBe(3);

      expect(await f.ledger.purgeMailData(p.id, { before: cutoff })).toMatchObject({ tickets: 0, messages: 0, intakeEntries: 0 });
      expect(await f.ledger.checkInvariants()).toEqual([]);
    });

    test('the staff sweep uses retentionMonths (default 24, 0 = keep forever) from the last status change', async () => {
      const p = await f.ledger.createProject({ name: f.uniq('retention-setting') });
      const account = await f.ledger.createAccount(p.id, 'Client');
      const tag = f.uniq('ret').replace(/-/g, '');
      await f.ledger.authorizeDomain(p.id, account.id, `client-${tag}.fr`);
      await f.ledger.grant(account.id, 2, f.uniq('g'), 'staff');
      const { ticket } = await mailTicket(p, account.id, tag);
      await f.ledger.setTicketStatus(ticket.id, 'closed', 'staff');
      const closedAt = (await f.ledger.ticketHistory(ticket.id)).at(-1)!.createdAt;

      const early = await purgeOldMailData(f.ledger, { project: p.name, now: addMonths(closedAt, 23) });
      expect(early).toMatchObject({ enabled: true, months: 24, tickets: 0 });
      await f.ledger.updateProject(p.id, { settings: { retentionMonths: 0 } });
      expect(await purgeOldMailData(f.ledger, { project: p.name, now: addMonths(closedAt, 100) })).toMatchObject({
        enabled: false,
        tickets: 0,
      });
      await f.ledger.updateProject(p.id, { settings: {} });
      const due = await purgeOldMailData(f.ledger, { project: p.name, now: addMonths(new Date(), 25), dryRun: true });
      expect(due).toMatchObject({ enabled: true, months: 24, dryRun: true, tickets: 1 });
      expect((await f.ledger.getTicket(ticket.id))?.subject).toContain(tag);
      expect(await purgeOldMailData(f.ledger, { project: p.name, now: addMonths(new Date(), 25) })).toMatchObject({ tickets: 1 });
      expect((await f.ledger.getTicket(ticket.id))?.subject).toBe('');
    });

    test('migration 8 hashes the Message-ID of request keys written before; the same mail is still not charged twice', async () => {
      const db = f.db.config.kind === 'sqlite' ? sqliteDatabase('keys-v7') : postgresDatabase('keys_v7');
      try {
        const open = db.config.kind === 'sqlite' ? openSqlite(db.config.path) : await openPostgres(db.config);
        await migrate(
          open.db,
          open.kind,
          MIGRATIONS.filter((m) => m.version <= 7),
        );
        const v7 = sqlLedger({ kind: open.kind, db: open.db, target: open.target });
        const p = await v7.createProject({ name: 'before-v8' });
        const { account } = await v7.authorizeSender(p.id, 'anna@client.fr', { initialCredits: 2 });
        const messageId = '<v7-request@client.fr>';
        const opened = await v7.openRequest({
          project: p.id,
          accountId: account.id,
          messageId,
          idempotencyKey: `msg:${p.id}:${messageId}`, // requestKey as it was before migration 8
          subject: 'Site down',
          subjectFingerprint: '',
          bodySignature: '',
          actor: 'test',
        });
        await v7.close();

        const upgraded = await openLedger(db.config);
        try {
          const keys = (await db.raw(`SELECT idempotency_key AS k FROM journal ORDER BY seq`)).map((r) => String(r.k));
          expect(keys).toEqual([`initial:${p.id}:anna@client.fr`, requestKey(p.id, messageId)]);
          expect(keys.join(' ')).not.toContain('v7-request');
          const again = await upgraded.openRequest({
            project: p.id,
            accountId: account.id,
            messageId,
            idempotencyKey: requestKey(p.id, messageId),
            subject: 'Site down',
            subjectFingerprint: '',
            bodySignature: '',
            actor: 'test',
          });
          expect(again).toMatchObject({ outcome: 'already_debited', ticket: { id: opened.ticket!.id } });
          expect(await upgraded.balance(account.id)).toBe(1);
          // The journal is append-only again after the rewrite.
          await expect(db.raw(`UPDATE journal SET note = 'x'`)).rejects.toThrow(/append-only/);
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
