/** Tickets, payment requests and processed-message dedupe, as every store must behave. */
import type { Fixture } from './contract';
import { ledgerError } from './contract';

export function ticketsContract(f: Fixture): void {
  describe('tickets', () => {
    test('numbers are sequential per project, also when created concurrently', async () => {
      const p1 = await f.ledger.createProject({ name: f.uniq('tix') });
      const p2 = await f.ledger.createProject({ name: f.uniq('tix') });
      const made = await Promise.all(Array.from({ length: 12 }, (_, i) => f.ledger.createTicket({ project: p1.id, subject: `s${i}` })));
      expect(made.map((m) => m.ticket.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
      expect((await f.ledger.createTicket({ project: p2.name, subject: 'other' })).ticket.number).toBe(1);
      expect((await f.ledger.getTicketByNumber(p1.name, 7))?.projectId).toBe(p1.id);
    });

    test('a Message-ID opens one ticket; follow-ups thread to it', async () => {
      const p = await f.ledger.createProject({ name: f.uniq('thread') });
      const { account } = await f.ledger.authorizeSender(p.id, 'anna@client.fr');
      const input = {
        project: p.id,
        subject: 'Site down',
        accountId: account.id,
        sender: 'Anna@Client.fr',
        category: 'bug',
        urgency: 'high',
        summary: 'The site is down',
        messageId: '<first@client.fr>',
      };
      const a = await f.ledger.createTicket(input);
      const b = await f.ledger.createTicket(input);
      expect(a.created).toBe(true);
      expect(b).toEqual({ ticket: a.ticket, created: false });
      expect(a.ticket).toMatchObject({ number: 1, status: 'new', sender: 'anna@client.fr', category: 'bug', urgency: 'high' });
      expect(await f.ledger.addTicketMessage(a.ticket.id, '<reply@client.fr>')).toBe(true);
      expect(await f.ledger.addTicketMessage(a.ticket.id, '<reply@client.fr>')).toBe(false);
      expect((await f.ledger.findTicketByMessageId(p.name, '<reply@client.fr>'))?.id).toBe(a.ticket.id);
      expect(await f.ledger.findTicketByMessageId(p.name, '<unknown@client.fr>')).toBeNull();
      expect((await f.ledger.listTickets(account.id)).map((t) => t.id)).toEqual([a.ticket.id]);
    });

    test('status changes are recorded with who and when', async () => {
      const p = await f.ledger.createProject({ name: f.uniq('status') });
      const { ticket } = await f.ledger.createTicket({ project: p.id, subject: 'Help', status: 'waiting_payment', actor: 'system' });
      const t1 = await f.ledger.setTicketStatus(ticket.id, 'in_progress', 'staff:anna', 'paid, on it');
      await f.ledger.setTicketStatus(ticket.id, 'in_progress', 'staff:anna'); // no change, no record
      await f.ledger.setTicketStatus(ticket.id, 'resolved', 'staff:bob');
      expect(t1.status).toBe('in_progress');
      expect((await f.ledger.getTicket(ticket.id))?.status).toBe('resolved');
      const h = await f.ledger.ticketHistory(ticket.id);
      expect(h.map((x) => [x.fromStatus, x.toStatus, x.actor])).toEqual([
        [null, 'waiting_payment', 'system'],
        ['waiting_payment', 'in_progress', 'staff:anna'],
        ['in_progress', 'resolved', 'staff:bob'],
      ]);
      expect(h[1]!.note).toBe('paid, on it');
      expect(await ledgerError(f.ledger.setTicketStatus(ticket.id, 'done' as never, 'x'))).toMatchObject({
        code: 'invalid_argument',
        field: 'status',
      });
    });
  });

  describe('payment requests', () => {
    test('open → paid grants the credits once; a refund takes back what is left', async () => {
      const p = await f.ledger.createProject({ name: f.uniq('pay') });
      const { account } = await f.ledger.authorizeSender(p.id, 'anna@client.fr');
      const expiresAt = new Date(Date.now() + 3600_000);
      const req = await f.ledger.createPaymentRequest({
        accountId: account.id,
        stripeSessionId: `cs_test_${f.uniq('s')}`,
        url: 'https://checkout.example/pay',
        credits: 3,
        amountMinor: 24000,
        currency: 'eur',
        expiresAt,
      });
      expect(req).toMatchObject({ status: 'open', currency: 'EUR', projectId: p.id });
      expect((await f.ledger.findOpenPaymentRequest(account.id))?.id).toBe(req.id);
      expect(await f.ledger.findOpenPaymentRequest(account.id, new Date(expiresAt.getTime() + 1))).toBeNull();
      const paid = await f.ledger.markPaymentPaid(req.stripeSessionId, 'stripe');
      expect(paid).toMatchObject({ request: { status: 'paid' }, grant: { status: 'done', balance: 3 } });
      expect((await f.ledger.markPaymentPaid(req.stripeSessionId, 'stripe')).grant.status).toBe('already_done');
      expect((await f.ledger.markPaymentExpired(req.stripeSessionId)).status).toBe('paid');
      expect(await f.ledger.findOpenPaymentRequest(account.id)).toBeNull();
      await f.ledger.debit(account.id, '<used@client.fr>', { actor: 'system' });
      const refunded = await f.ledger.markPaymentRefunded(req.stripeSessionId, 'stripe');
      expect(refunded).toMatchObject({ request: { status: 'refunded' }, revoke: { credits: 2, balance: 0 } });
      expect((await f.ledger.getPaymentRequestBySession(req.stripeSessionId))?.status).toBe('refunded');
      expect((await f.ledger.history(account.id)).entries.map((e) => e.kind)).toEqual(['refund', 'debit', 'purchase']);
      expect((await ledgerError(f.ledger.markPaymentPaid(req.stripeSessionId, 'stripe'))).code).toBe('invalid_transition');
      expect(await f.ledger.checkInvariants()).toEqual([]);
    });

    test('an open request expires; unknown sessions are named', async () => {
      const p = await f.ledger.createProject({ name: f.uniq('expire') });
      const a = await f.ledger.createAccount(p.id, 'C');
      const req = await f.ledger.createPaymentRequest({
        accountId: a.id,
        stripeSessionId: `cs_${f.uniq('e')}`,
        url: 'https://x.example',
        credits: 1,
        amountMinor: 8000,
        currency: 'EUR',
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
      });
      expect((await f.ledger.markPaymentExpired(req.stripeSessionId)).status).toBe('expired');
      expect(await f.ledger.findOpenPaymentRequest(a.id)).toBeNull();
      expect(await ledgerError(f.ledger.markPaymentPaid('cs_missing', 'stripe'))).toMatchObject({
        code: 'unknown_payment_request',
        field: 'stripeSessionId',
      });
      expect((await ledgerError(f.ledger.markPaymentRefunded(req.stripeSessionId, 'stripe'))).code).toBe('invalid_transition');
    });
  });

  describe('processed messages', () => {
    test('the first record of a Message-ID is new and keeps its outcome', async () => {
      const p = await f.ledger.createProject({ name: f.uniq('dedupe') });
      const q = await f.ledger.createProject({ name: f.uniq('dedupe') });
      expect(await f.ledger.recordMessage(p.id, '<x@y>', 'ticket:SG-1')).toBe(true);
      expect(await f.ledger.recordMessage(p.name, '<x@y>', 'ignored')).toBe(false);
      expect(await f.ledger.recordMessage(q.id, '<x@y>', 'ignored')).toBe(true);
      expect(await f.ledger.getMessageOutcome(p.id, '<x@y>')).toBe('ticket:SG-1');
      expect(await f.ledger.getMessageOutcome(p.id, '<none@y>')).toBeNull();
    });
  });
}
