import { createPaymentLink, PaidOutcome, PaymentError, processStripeEvent } from '../../../core/payments';
import { StripeTestServer } from '../../support/stripe-server';
import { BACKENDS, Fixture, makeFixture, startStripeServer, useLedger } from './fixture';

describe.each(BACKENDS)('payment events on the real %s ledger', (backend) => {
  const ledger = useLedger(backend, 'pay_events');
  let server: StripeTestServer;
  let f: Fixture;
  let tk: string;
  beforeEach(async () => {
    server = await startStripeServer();
    f = await makeFixture(server, ledger());
    tk = await f.heldTicket();
  });
  afterEach(async () => {
    await server.stop();
  });

  const link = (ticketId: string | null = tk) =>
    createPaymentLink(f.deps, { project: f.project, accountId: f.account.id, ticketId, customerEmail: 'client@corp.fr' });
  const kinds = async () => (await f.journal()).map((j) => [j.kind, j.credits, j.idempotencyKey]);

  describe('checkout.session.completed', () => {
    it('grants the credits (one purchase), releases the held ticket and says what to notify', async () => {
      const l = await link();
      const { session } = server.pay(l.sessionId);
      const out = (await processStripeEvent(f.deps, server.event('checkout.session.completed', session))) as PaidOutcome;
      const ticket = (await f.store.getTicket(tk))!;
      expect(out).toMatchObject({
        kind: 'paid',
        sessionId: l.sessionId,
        projectId: f.project.id,
        accountId: f.account.id,
        credits: 1,
        amountMinor: 8000,
        currency: 'eur',
        price: { en: '€80.00', fr: '80,00 €' },
        balance: 0,
        firstTime: true,
        customerEmail: 'client@corp.fr',
        ticket: { ticketId: tk, number: ticket.number, subject: 'Site down', released: true, status: 'new' },
      });
      expect(await kinds()).toEqual([
        ['purchase', 1, `stripe:${l.sessionId}`],
        ['debit', -1, `ticket:${tk}:release`],
      ]);
      expect((await f.store.getPaymentRequestBySession(l.sessionId))!.status).toBe('paid');
      expect(server.count('GET', `/v1/checkout/sessions/${l.sessionId}`)).toBe(1);
      expect(await f.store.checkInvariants()).toEqual([]);
    });

    it('grants once when the same event is replayed 40 times (sequential and concurrent)', async () => {
      const l = await link();
      const event = server.event('checkout.session.completed', server.pay(l.sessionId).session);
      const sequential = [];
      for (let i = 0; i < 20; i++) sequential.push((await processStripeEvent(f.deps, event)) as PaidOutcome);
      const concurrent = (await Promise.all(Array.from({ length: 20 }, () => processStripeEvent(f.deps, event)))) as PaidOutcome[];
      const all = [...sequential, ...concurrent];
      expect(all.filter((o) => o.firstTime)).toHaveLength(1);
      expect(all.every((o) => o.ticket?.released)).toBe(true);
      expect((await kinds()).map((k) => k[0])).toEqual(['purchase', 'debit']);
      expect(await f.store.balance(f.account.id)).toBe(0);
    });

    it("shares one grant with the ledger's own markPaymentPaid: mixing both paths grants once", async () => {
      const l = await link(null);
      const event = server.event('checkout.session.completed', server.pay(l.sessionId).session);
      expect((await f.store.markPaymentPaid(l.sessionId, 'staff:anna')).grant.status).toBe('done');
      // The account's held ticket takes the credit, although the link was not made for it.
      expect(await processStripeEvent(f.deps, event)).toMatchObject({
        kind: 'paid',
        firstTime: false,
        balance: 0,
        ticket: null,
        releasedTickets: [{ ticketId: tk, releasedNow: true }],
      });
      await expect(f.store.setPaymentRequestStatus(l.sessionId, 'paid' as never)).rejects.toMatchObject({ field: 'status' });
      expect((await kinds()).map((k) => k[0])).toEqual(['purchase', 'debit']);
    });

    it('trusts Stripe, not the event body: a forged "paid" event for an unpaid session grants nothing', async () => {
      const l = await link();
      const forged = server.event('checkout.session.completed', {
        ...server.sessions.get(l.sessionId),
        payment_status: 'paid',
        amount_total: 1,
        metadata: { supportgate_credits: '1000' },
      });
      expect(await processStripeEvent(f.deps, forged)).toMatchObject({ kind: 'pending', paymentStatus: 'unpaid' });
      expect(await f.journal()).toHaveLength(0);
      expect((await f.store.getTicket(tk))!.status).toBe('waiting_payment');
    });

    it('grants what the session sold even when the body lies about credits', async () => {
      const l = await link(null);
      const { session } = server.pay(l.sessionId);
      const out = (await processStripeEvent(
        f.deps,
        server.event('checkout.session.completed', { ...session, metadata: { ...session.metadata, supportgate_credits: '1000' } }),
      )) as PaidOutcome;
      expect(out.credits).toBe(1);
      expect((await f.journal())[0].credits).toBe(1);
    });

    it('waits for delayed payments, then grants on async_payment_succeeded', async () => {
      const l = await link();
      const { session } = server.pay(l.sessionId, { async: true });
      expect(await processStripeEvent(f.deps, server.event('checkout.session.completed', session))).toMatchObject({ kind: 'pending' });
      expect(await f.journal()).toHaveLength(0);
      const settled = server.settle(l.sessionId);
      expect(await processStripeEvent(f.deps, server.event('checkout.session.async_payment_succeeded', settled))).toMatchObject({
        kind: 'paid',
        firstTime: true,
        balance: 0,
      });
    });

    it('rejects an unknown session with a clear error and grants nothing', async () => {
      const err = await processStripeEvent(f.deps, {
        id: 'evt_x',
        type: 'checkout.session.completed',
        data: { object: { id: 'cs_test_nope' } },
      }).catch((e) => e);
      expect(err).toBeInstanceOf(PaymentError);
      expect(err).toMatchObject({ code: 'unknown_session', field: 'data.object.id' });
      expect(err.message).toContain('Stripe has no Checkout Session "cs_test_nope"');
      expect(await f.journal()).toHaveLength(0);
    });

    it('rejects a session SupportGate did not create (no metadata) by naming the missing key', async () => {
      const foreign = await f.stripe.checkout.sessions.create({
        mode: 'payment',
        success_url: 'https://shop.example/ok',
        line_items: [{ quantity: 1, price_data: { currency: 'eur', unit_amount: 999, product_data: { name: 'T-shirt' } } }],
      });
      server.pay(foreign.id);
      const err = await processStripeEvent(f.deps, server.event('checkout.session.completed', foreign)).catch((e) => e);
      expect(err).toMatchObject({ name: 'PaymentError', code: 'unknown_session', field: 'metadata.supportgate_project' });
      expect(err.message).toMatch(/was not created by SupportGate/);
    });

    it('grants whole units in zero-decimal currencies', async () => {
      const yen = await makeFixture(server, ledger(), { currency: 'JPY', priceMinor: 8000 });
      const l = await createPaymentLink(yen.deps, { project: yen.project, accountId: yen.account.id });
      const out = await processStripeEvent(yen.deps, server.event('checkout.session.completed', server.pay(l.sessionId).session));
      expect(out).toMatchObject({ kind: 'paid', amountMinor: 8000, currency: 'jpy', price: { en: '¥8,000' }, balance: 1, ticket: null });
    });

    it('refuses input that is not a Stripe event', async () => {
      await expect(processStripeEvent(f.deps, { hello: 1 })).rejects.toMatchObject({ code: 'invalid_event', field: 'type' });
      await expect(processStripeEvent(f.deps, { type: 'checkout.session.completed', data: {} })).rejects.toMatchObject({
        code: 'invalid_event',
        field: 'data.object.id',
      });
      expect(await processStripeEvent(f.deps, { type: 'invoice.paid', data: { object: { id: 'in_1' } } })).toMatchObject({
        kind: 'ignored',
      });
    });
  });

  describe('checkout.session.expired', () => {
    it('expires the payment request once Stripe confirms it', async () => {
      const l = await link();
      const out = await processStripeEvent(f.deps, server.event('checkout.session.expired', server.expire(l.sessionId)));
      expect(out).toMatchObject({ kind: 'expired', sessionId: l.sessionId, changed: true, ticketId: tk });
      expect((await f.store.getPaymentRequestBySession(l.sessionId))!.status).toBe('expired');
    });

    it('ignores a forged expiry for a session Stripe still has open', async () => {
      const l = await link();
      const out = await processStripeEvent(
        f.deps,
        server.event('checkout.session.expired', { ...server.sessions.get(l.sessionId), status: 'expired' }),
      );
      expect(out).toMatchObject({ kind: 'ignored' });
      expect((await f.store.getPaymentRequestBySession(l.sessionId))!.status).toBe('open');
      expect((await link()).reused).toBe(true);
    });
  });
});
