import { createPaymentLink, processStripeEvent, RefundOutcome } from '../../../core/payments';
import { StripeTestServer } from '../../support/stripe-server';
import { BACKENDS, Fixture, makeFixture, SETTINGS, startStripeServer, useLedger } from './fixture';

describe.each(BACKENDS)('charge.refunded on the real %s ledger', (backend) => {
  const ledger = useLedger(backend, 'pay_refunds');
  let server: StripeTestServer;
  let f: Fixture;
  beforeEach(async () => {
    server = await startStripeServer();
    f = await makeFixture(server, ledger(), {
      settings: {
        ...SETTINGS,
        packs: [
          { credits: 3, priceMinor: 21000 },
          { credits: 10, priceMinor: 70000 },
        ],
      },
    });
  });
  afterEach(async () => {
    await server.stop();
  });

  /** A paid pack whose completed event was processed; returns the session and charge ids. */
  async function paidPack(credits: number): Promise<{ sessionId: string; chargeId: string }> {
    const l = await createPaymentLink(f.deps, { project: f.project, accountId: f.account.id, credits });
    const { session, charge } = server.pay(l.sessionId);
    await processStripeEvent(f.deps, server.event('checkout.session.completed', session));
    return { sessionId: l.sessionId, chargeId: charge.id };
  }

  async function refundEvent(chargeId: string, amount?: number): Promise<RefundOutcome> {
    const { charge } = server.refund(chargeId, amount);
    return (await processStripeEvent(f.deps, server.event('charge.refunded', charge))) as RefundOutcome;
  }
  const revokes = async () => (await f.journal()).filter((j) => j.kind === 'revoke' || j.kind === 'refund');

  it('after partial consumption revokes only the unused credits, and the journal says why', async () => {
    const { sessionId, chargeId } = await paidPack(3);
    await f.consume('a');
    await f.consume('b');
    const out = await refundEvent(chargeId);
    expect(out).toMatchObject({ kind: 'refunded', fullyRefunded: true, amountRefundedMinor: 21000, balance: 0 });
    expect(out.refunds).toEqual([expect.objectContaining({ creditsRefunded: 3, creditsRevoked: 1, status: 'revoked' })]);
    const [revoke] = await revokes();
    expect(revoke.credits).toBe(-1);
    expect(revoke.note).toContain(`charge ${chargeId}`);
    expect(revoke.note).toContain('revoking 1 of 3 credit(s) bought; 2 used');
    expect((await f.store.getPaymentRequestBySession(sessionId))!.status).toBe('refunded');
    expect(server.requests.some((r) => r.path === '/v1/checkout/sessions' && r.query.payment_intent)).toBe(true);
    expect(await f.store.checkInvariants()).toEqual([]);
  });

  it('is idempotent: the same refund event replayed moves nothing more', async () => {
    const { chargeId } = await paidPack(3);
    const { charge } = server.refund(chargeId);
    const event = server.event('charge.refunded', charge);
    for (let i = 0; i < 5; i++) await processStripeEvent(f.deps, event);
    expect(await revokes()).toHaveLength(1);
    expect(await f.store.balance(f.account.id)).toBe(0);
  });

  it('handles successive partial refunds proportionally, never below what was consumed', async () => {
    const { sessionId, chargeId } = await paidPack(10);
    await f.consume('a');
    await f.consume('b');
    const half = await refundEvent(chargeId, 35000);
    expect(half.refunds.map((r) => [r.creditsRefunded, r.creditsRevoked])).toEqual([[5, 5]]);
    expect(half).toMatchObject({ fullyRefunded: false, balance: 3 });
    expect((await f.store.getPaymentRequestBySession(sessionId))!.status).toBe('paid');
    const rest = await refundEvent(chargeId, 35000);
    expect(rest.refunds.map((r) => [r.status, r.creditsRefunded, r.creditsRevoked])).toEqual([
      ['already_done', 5, 0],
      ['revoked', 5, 3],
    ]);
    expect(rest).toMatchObject({ fullyRefunded: true, balance: 0 });
  });

  it('does not take back twice when staff also marks the payment refunded in the ledger', async () => {
    const { sessionId, chargeId } = await paidPack(10);
    await refundEvent(chargeId, 35000); // Stripe path: 5 revoked
    const staff = await f.store.markPaymentRefunded(sessionId, 'staff:anna'); // ledger path: the other 5 only
    expect(staff.revoke).toMatchObject({ credits: 5, balance: 0 });
    const rest = await refundEvent(chargeId); // Stripe path again: nothing unused is left
    expect(rest.refunds.at(-1)).toMatchObject({ status: 'nothing_unused', creditsRevoked: 0 });
    expect((await revokes()).reduce((s, j) => s + j.credits, 0)).toBe(-10);
    expect((await f.store.markPaymentRefunded(sessionId, 'staff:anna')).revoke).toMatchObject({ status: 'already_done' });
  });

  it('revokes nothing when the only credit was used to release the ticket', async () => {
    const tk = await f.heldTicket();
    const l = await createPaymentLink(f.deps, { project: f.project, accountId: f.account.id, ticketId: tk });
    const { session, charge } = server.pay(l.sessionId);
    await processStripeEvent(f.deps, server.event('checkout.session.completed', session));
    const out = await refundEvent(charge.id);
    expect(out.refunds[0]).toMatchObject({ creditsRefunded: 1, creditsRevoked: 0, status: 'nothing_unused' });
    expect(await revokes()).toHaveLength(0);
  });

  it('a refund processed before the payment blocks the later grant', async () => {
    const l = await createPaymentLink(f.deps, { project: f.project, accountId: f.account.id, credits: 3 });
    const { session, charge } = server.pay(l.sessionId);
    const out = await refundEvent(charge.id);
    expect(out.refunds[0].status).toBe('not_granted');
    expect(await processStripeEvent(f.deps, server.event('checkout.session.completed', session))).toMatchObject({ kind: 'ignored' });
    expect(await f.store.balance(f.account.id)).toBe(0);
  });

  it('rejects a charge Stripe does not know', async () => {
    await expect(
      processStripeEvent(f.deps, { id: 'evt_1', type: 'charge.refunded', data: { object: { id: 'ch_forged' } } }),
    ).rejects.toMatchObject({ code: 'unknown_charge', message: expect.stringContaining('Stripe has no charge "ch_forged"') });
  });
});
