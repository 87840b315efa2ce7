/** debitForRequest on both stores: one credit per request, retries, races, duplicates, held tickets. */
import { debitForRequest, requestKey } from '../../../core/tickets';
import { setUp, type GateFixture } from './contract';

const HOUR = 3600_000;

export function debitContract(f: GateFixture): void {
  describe('debitForRequest', () => {
    test('opens ticket n with the classification, debits once under msg:<project>:<Message-ID>; re-runs return the same ticket', async () => {
      const s = await setUp(f, 2);
      const m = s.mk({ subject: 'Export fails' });
      const classification = { category: 'bug', urgency: 'high', summary: 'CSV export fails' };
      const r = await debitForRequest(f.ledger, m, { project: s.project, account: s.account.id, classification });
      expect(r).toMatchObject({
        route: 'debited',
        outcome: 'debited',
        charged: true,
        balance: 1,
        tag: '[SG-1]',
        idempotencyKey: requestKey(s.project.id, m.messageId),
      });
      expect(r.ticket).toMatchObject({
        number: 1,
        status: 'new',
        subject: 'Export fails',
        category: 'bug',
        urgency: 'high',
        summary: 'CSV export fails',
        accountId: s.account.id,
        messageId: m.messageId,
      });
      const again = await debitForRequest(f.ledger, m, { project: s.project.name, account: s.account });
      expect(again).toMatchObject({
        route: 'debited',
        outcome: 'already_debited',
        charged: false,
        balance: 1,
        ticket: { id: r.ticket!.id },
      });
      const journal = (await f.ledger.history(s.account.id)).entries;
      expect(journal.map((e) => [e.kind, e.idempotencyKey, e.ticketId])).toEqual([
        ['debit', r.idempotencyKey, r.ticket!.id],
        ['grant', expect.stringMatching(/^initial:/), null],
      ]);
    });

    test('100 deliveries of one message at once → 1 debit, 1 ticket', async () => {
      const s = await setUp(f, 10);
      const m = s.mk();
      const results = await Promise.all(
        Array.from({ length: 100 }, () => debitForRequest(f.ledger, m, { project: s.project, account: s.account })),
      );
      expect(results.filter((r) => r.charged)).toHaveLength(1);
      expect(new Set(results.map((r) => r.ticket!.id)).size).toBe(1);
      expect(results.every((r) => r.route === 'debited')).toBe(true);
      expect(await f.ledger.balance(s.account.id)).toBe(9);
      expect(await f.ledger.listTickets(s.account.id)).toHaveLength(1);
      expect(await f.ledger.checkInvariants()).toEqual([]);
    });

    test('50 distinct requests at once on 3 credits → exactly 3 debits, 47 no_credit (held tickets)', async () => {
      const s = await setUp(f, 3);
      const results = await Promise.all(
        Array.from({ length: 50 }, () =>
          debitForRequest(f.ledger, s.mk(), { project: s.project, account: s.account, duplicateWindowHours: 0 }),
        ),
      );
      expect(results.filter((r) => r.route === 'debited' && r.charged)).toHaveLength(3);
      expect(results.filter((r) => r.route === 'no_credit' && r.outcome === 'no_credit')).toHaveLength(47);
      expect(await f.ledger.balance(s.account.id)).toBe(0);
      const tickets = await f.ledger.listTickets(s.account.id, { limit: 100 });
      expect(tickets.filter((t) => t.status === 'new')).toHaveLength(3);
      expect(tickets.filter((t) => t.status === 'waiting_payment')).toHaveLength(47);
      expect(tickets.map((t) => t.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(await f.ledger.checkInvariants()).toEqual([]);
    });

    test('without credit the ticket is held (waiting_payment), not charged; a redelivery finds it', async () => {
      const s = await setUp(f, 0);
      const m = s.mk({ subject: 'Need help' });
      const r = await debitForRequest(f.ledger, m, { project: s.project, account: s.account });
      expect(r).toMatchObject({
        route: 'no_credit',
        outcome: 'no_credit',
        charged: false,
        balance: 0,
        tag: '[SG-1]',
        ticket: { status: 'waiting_payment' },
      });
      expect(await debitForRequest(f.ledger, m, { project: s.project, account: s.account })).toMatchObject({
        route: 'no_credit',
        outcome: 'linked',
        ticket: { id: r.ticket!.id },
      });
      const noHold = await debitForRequest(f.ledger, s.mk({ subject: 'Other thing' }), {
        project: s.project,
        account: s.account,
        holdWhenNoCredit: false,
      });
      expect(noHold).toMatchObject({ route: 'no_credit', ticket: null, tag: null, replySubject: 'Re: Other thing' });
    });

    test('the same problem within the window joins the open ticket; after it, or from another account, it is charged', async () => {
      const s = await setUp(f, 10);
      const body = 'Since this morning the invoices page shows an error 500 when I click on export to PDF for March.';
      const first = await debitForRequest(f.ledger, s.mk({ subject: 'Invoices page: error 500', text: body }), {
        project: s.project,
        account: s.account,
      });
      const bySubject = await debitForRequest(
        f.ledger,
        s.mk({ subject: 'RE: Fwd: [SG-1] invoices page — ERROR 500!', text: 'Any news?' }),
        { project: s.project, account: s.account },
      );
      expect(bySubject).toMatchObject({
        route: 'debited',
        outcome: 'duplicate',
        charged: false,
        ticket: { id: first.ticket!.id },
        duplicateOf: { number: 1, tag: '[SG-1]', by: 'subject' },
      });
      const byBody = await debitForRequest(f.ledger, s.mk({ subject: 'Urgent!!', text: `Hello, ${body} Thanks` }), {
        project: s.project,
        account: s.account,
      });
      expect(byBody).toMatchObject({ outcome: 'duplicate', duplicateOf: { by: 'body' } });
      expect(byBody.duplicateOf!.similarity).toBeGreaterThanOrEqual(0.8);
      const unrelated = await debitForRequest(
        f.ledger,
        s.mk({ subject: 'New user account', text: 'Please create an account for our new colleague Paul in the admin.' }),
        { project: s.project, account: s.account },
      );
      expect(unrelated).toMatchObject({ outcome: 'debited', charged: true });
      const later = await debitForRequest(f.ledger, s.mk({ subject: 'Invoices page: error 500', text: body }), {
        project: s.project,
        account: s.account,
        now: new Date(Date.now() + 25 * HOUR),
      });
      expect(later).toMatchObject({ outcome: 'debited', charged: true });
      expect(later.ticket!.id).not.toBe(first.ticket!.id);
      const { account: other } = await f.ledger.authorizeSender(s.project.id, 'zoe@else.fr', { initialCredits: 1 });
      const fromOther = await debitForRequest(
        f.ledger,
        s.mk({ fromAddress: 'zoe@else.fr', subject: 'Invoices page: error 500', text: body }),
        { project: s.project, account: other },
      );
      expect(fromOther).toMatchObject({ outcome: 'debited', charged: true });
      expect(await f.ledger.balance(s.account.id)).toBe(7);
      // The duplicate's Message-ID is linked to the ticket: a later reply to it threads there.
      expect((await f.ledger.findTicketByMessageId(s.project.id, (await f.ledger.getTicket(first.ticket!.id))!.messageId!))?.id).toBe(
        first.ticket!.id,
      );
    });

    test('a resolved ticket is not joined: the same problem again is a new request', async () => {
      const s = await setUp(f, 5);
      const first = await debitForRequest(f.ledger, s.mk({ subject: 'Login broken' }), { project: s.project, account: s.account });
      await f.ledger.setTicketStatus(first.ticket!.id, 'resolved', 'staff:zoe');
      const again = await debitForRequest(f.ledger, s.mk({ subject: 'Login broken' }), { project: s.project, account: s.account });
      expect(again).toMatchObject({ outcome: 'debited', charged: true });
    });

    test('bad options are typed errors naming the field', async () => {
      const s = await setUp(f, 1);
      await expect(
        debitForRequest(f.ledger, s.mk(), { project: s.project, account: s.account, duplicateWindowHours: -1 }),
      ).rejects.toMatchObject({ code: 'invalid_argument', field: 'duplicateWindowHours' });
      await expect(debitForRequest(f.ledger, s.mk(), { project: s.project, account: s.account, tagFormat: '[SG]' })).rejects.toMatchObject({
        field: 'ticketTagFormat',
      });
      await expect(debitForRequest(f.ledger, s.mk(), { project: 'missing', account: s.account })).rejects.toMatchObject({
        code: 'unknown_project',
        field: 'project',
      });
      await expect(debitForRequest(f.ledger, s.mk(), { project: s.project, account: 'nope' })).rejects.toMatchObject({
        code: 'unknown_account',
        field: 'accountId',
      });
      expect(await f.ledger.balance(s.account.id)).toBe(1);
    });
  });

  describe('ticket lifecycle', () => {
    test('allowed transitions are recorded; others are refused with the allowed ones', async () => {
      const s = await setUp(f, 1);
      const { ticket } = await debitForRequest(f.ledger, s.mk(), { project: s.project, account: s.account });
      for (const st of ['in_progress', 'waiting_client', 'in_progress', 'resolved', 'in_progress', 'resolved', 'closed'] as const) {
        await f.ledger.setTicketStatus(ticket!.id, st, 'staff:zoe', `to ${st}`);
      }
      const e = await f.ledger.setTicketStatus(ticket!.id, 'in_progress', 'staff:zoe').catch((x: unknown) => x);
      expect(e).toMatchObject({ code: 'invalid_transition', field: 'status' });
      expect((e as Error).message).toContain('closed is final');
      const h = await f.ledger.ticketHistory(ticket!.id);
      expect(h.map((x) => x.toStatus)).toEqual([
        'new',
        'in_progress',
        'waiting_client',
        'in_progress',
        'resolved',
        'in_progress',
        'resolved',
        'closed',
      ]);
      const held = await debitForRequest(f.ledger, s.mk(), { project: s.project, account: s.account });
      await expect(f.ledger.setTicketStatus(held.ticket!.id, 'waiting_client', 'x')).rejects.toMatchObject({ code: 'invalid_transition' });
      expect((await f.ledger.setTicketStatus(held.ticket!.id, 'new', 'stripe')).status).toBe('new');
    });
  });
}
