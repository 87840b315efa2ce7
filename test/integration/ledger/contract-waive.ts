/** Waiving a ticket (Ledger.waiveTicket), as every store must behave: once per ticket, only when charged. */
import type { Fixture } from './contract';
import { ledgerError } from './contract';

export function waiveContract(f: Fixture): void {
  /** A client with credits and one request charged through openRequest (PostgreSQL: its SQL function). */
  async function chargedTicket(credits = 3) {
    const p = await f.ledger.createProject({ name: f.uniq('waive') });
    const { account } = await f.ledger.authorizeSender(p.id, 'anna@client.fr', { initialCredits: credits });
    const messageId = `<${f.uniq('req')}@client.fr>`;
    const opened = await f.ledger.openRequest({
      project: p.id,
      accountId: account.id,
      messageId,
      idempotencyKey: `msg:${p.id}:${messageId}`,
      subject: 'Site down',
      subjectFingerprint: '',
      bodySignature: '',
      actor: 'supportgate',
    });
    expect(opened).toMatchObject({ outcome: 'debited', ticket: { waived: false, waivedAt: null } });
    return { project: p, account, ticket: opened.ticket!, messageId };
  }
  const waiveEntries = async (accountId: string) => (await f.ledger.history(accountId)).entries.filter((e) => e.kind === 'waive');

  describe('waive', () => {
    test('gives the debited credit back in a waive entry with actor and note, and flags the ticket', async () => {
      const { account, ticket } = await chargedTicket(3);
      expect(await f.ledger.balance(account.id)).toBe(2);
      const r = await f.ledger.waiveTicket(ticket.id, 'staff:anna', "our bug, not the client's");
      expect(r).toMatchObject({ status: 'done', balance: 3, credits: 1, ticket: { id: ticket.id, waived: true, status: 'new' } });
      expect(r.ticket.waivedAt).toEqual(expect.any(String));
      expect(await f.ledger.balance(account.id)).toBe(3);
      const [entry] = (await f.ledger.history(account.id, { limit: 1 })).entries;
      expect(entry).toMatchObject({
        id: r.entryId,
        kind: 'waive',
        credits: 1,
        balanceAfter: 3,
        idempotencyKey: `waive:${ticket.id}`,
        ticketId: ticket.id,
        actor: 'staff:anna',
        note: "our bug, not the client's",
      });
      // Every way of reading the ticket sees the flag.
      expect(await f.ledger.getTicket(ticket.id)).toMatchObject({ waived: true, waivedAt: r.ticket.waivedAt });
      expect((await f.ledger.listTickets(account.id))[0]).toMatchObject({ id: ticket.id, waived: true });
      expect(await f.ledger.checkInvariants()).toEqual([]);
    });

    test('twice, or concurrently, is one entry: later calls answer already_done from it', async () => {
      const { account, ticket, project, messageId } = await chargedTicket(2);
      const first = await f.ledger.waiveTicket(ticket.id, 'staff:anna');
      expect(await f.ledger.waiveTicket(ticket.id, 'staff:bob', 'again')).toEqual({
        ...first,
        status: 'already_done',
        ticket: expect.objectContaining({ waived: true }),
      });
      const other = await chargedTicket(2);
      const runs = await Promise.all(Array.from({ length: 8 }, (_, i) => f.ledger.waiveTicket(other.ticket.id, `staff:${i}`)));
      expect(runs.filter((r) => r.status === 'done')).toHaveLength(1);
      expect(new Set(runs.map((r) => r.entryId)).size).toBe(1);
      expect(await waiveEntries(other.account.id)).toHaveLength(1);
      expect(await f.ledger.balance(other.account.id)).toBe(2);
      expect(await waiveEntries(account.id)).toHaveLength(1);
      // The request redelivered after the waive: not charged again, and its ticket reads as waived.
      const again = await f.ledger.openRequest({
        project: project.id,
        accountId: account.id,
        messageId,
        idempotencyKey: `msg:${project.id}:${messageId}`,
        subject: 'Site down',
        subjectFingerprint: '',
        bodySignature: '',
        actor: 'supportgate',
      });
      expect(again).toMatchObject({ outcome: 'already_debited', ticket: { id: ticket.id, waived: true } });
      expect(await f.ledger.balance(account.id)).toBe(2);
      expect(await f.ledger.checkInvariants()).toEqual([]);
    });

    test('a ticket released by a payment gives back its release debit', async () => {
      const p = await f.ledger.createProject({ name: f.uniq('waive-release') });
      const account = await f.ledger.createAccount(p.id, 'Client');
      const held = await f.ledger.openRequest({
        project: p.id,
        accountId: account.id,
        messageId: '<held@client.fr>',
        idempotencyKey: `msg:${p.id}:<held@client.fr>`,
        subject: 'Help',
        subjectFingerprint: '',
        bodySignature: '',
        actor: 'supportgate',
      });
      expect(held).toMatchObject({ outcome: 'no_credit', ticket: { status: 'waiting_payment' } });
      expect(await ledgerError(f.ledger.waiveTicket(held.ticket!.id, 'staff:anna'))).toMatchObject({
        code: 'not_charged',
        field: 'ticketId',
      });
      const session = `cs_${f.uniq('w')}`;
      await f.ledger.createPaymentRequest({
        accountId: account.id,
        ticketId: held.ticket!.id,
        stripeSessionId: session,
        url: 'https://pay.example',
        credits: 1,
        amountMinor: 8000,
        currency: 'EUR',
        expiresAt: new Date(Date.now() + 60_000),
      });
      await f.ledger.markPaymentPaid(session, 'stripe');
      expect((await f.ledger.releaseHeldTickets(session, 'stripe')).balance).toBe(0);
      expect(await f.ledger.waiveTicket(held.ticket!.id, 'staff:anna')).toMatchObject({ status: 'done', balance: 1, credits: 1 });
      expect((await f.ledger.history(account.id)).entries.map((e) => [e.kind, e.credits])).toEqual([
        ['waive', 1],
        ['debit', -1],
        ['purchase', 1],
      ]);
      expect(await f.ledger.checkInvariants()).toEqual([]);
    });

    test('a waived ticket put back on hold is released by a payment without being charged again', async () => {
      const { account, ticket } = await chargedTicket(1);
      await f.ledger.waiveTicket(ticket.id, 'staff:anna');
      // Staff parks it as waiting for payment (by mistake, or to hold it with the client's other requests).
      await f.ledger.setTicketStatus(ticket.id, 'waiting_payment', 'staff:anna');
      const session = `cs_${f.uniq('wh')}`;
      await f.ledger.createPaymentRequest({
        accountId: account.id,
        stripeSessionId: session,
        url: 'https://pay.example',
        credits: 2,
        amountMinor: 16000,
        currency: 'EUR',
        expiresAt: new Date(Date.now() + 60_000),
      });
      await f.ledger.markPaymentPaid(session, 'stripe');
      const r = await f.ledger.releaseHeldTickets(session, 'stripe');
      expect(r.released).toEqual([
        expect.objectContaining({ now: true, charged: false, ticket: expect.objectContaining({ id: ticket.id }) }),
      ]);
      expect(r.balance).toBe(3);
      expect(await f.ledger.balance(account.id)).toBe(3);
      expect((await f.ledger.history(account.id)).entries.map((e) => e.kind)).toEqual(['purchase', 'waive', 'debit', 'grant']);
      expect(await f.ledger.getTicket(ticket.id)).toMatchObject({ status: 'new', waived: true });
      expect(await f.ledger.checkInvariants()).toEqual([]);
    });

    test('a ticket never debited, or unknown, is refused with what is wrong and nothing moves', async () => {
      const p = await f.ledger.createProject({ name: f.uniq('waive-free') });
      const { account } = await f.ledger.authorizeSender(p.id, 'bob@client.fr', { initialCredits: 1 });
      const { ticket } = await f.ledger.createTicket({ project: p.id, subject: 'Opened by staff', accountId: account.id });
      const e = await ledgerError(f.ledger.waiveTicket(ticket.id, 'staff:anna'));
      expect(e).toMatchObject({ code: 'not_charged', field: 'ticketId' });
      expect(e.message).toContain(`ticket ${ticket.number} was never debited`);
      const { ticket: noAccount } = await f.ledger.createTicket({ project: p.id, subject: 'No account' });
      expect(await ledgerError(f.ledger.waiveTicket(noAccount.id, 'staff:anna'))).toMatchObject({ code: 'not_charged' });
      expect(await ledgerError(f.ledger.waiveTicket('no-such-ticket', 'staff:anna'))).toMatchObject({
        code: 'unknown_ticket',
        field: 'ticketId',
      });
      expect(await ledgerError(f.ledger.waiveTicket(ticket.id, ' '))).toMatchObject({ field: 'actor' });
      expect(await f.ledger.getTicket(ticket.id)).toMatchObject({ waived: false });
      expect(await f.ledger.balance(account.id)).toBe(1);
      expect(await waiveEntries(account.id)).toEqual([]);
    });
  });
}
