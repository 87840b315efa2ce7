import Stripe from 'stripe';
import { createPaymentLink, processSignedStripeWebhook, verifyStripeWebhook } from '../../../core/payments';
import { StripeTestServer } from '../../support/stripe-server';
import { BACKENDS, Fixture, makeFixture, startStripeServer, useLedger } from './fixture';

const SECRET = 'whsec_test_supportgate';

describe.each(BACKENDS)('signed webhooks on the real %s ledger', (backend) => {
  const ledger = useLedger(backend, 'pay_webhook');
  let server: StripeTestServer;
  let f: Fixture;
  beforeEach(async () => {
    server = await startStripeServer();
    f = await makeFixture(server, ledger());
  });
  afterEach(async () => {
    await server.stop();
  });

  async function paidEventBody(): Promise<string> {
    const l = await createPaymentLink(f.deps, { project: f.project, accountId: f.account.id });
    return JSON.stringify(server.event('checkout.session.completed', server.pay(l.sessionId).session));
  }

  const sign = (payload: string, secret = SECRET, timestamp?: number): string =>
    Stripe.webhooks.generateTestHeaderString({ payload, secret, ...(timestamp ? { timestamp } : {}) });

  describe('verification', () => {
    it('accepts a correctly signed event and grants once', async () => {
      const body = await paidEventBody();
      const out = await processSignedStripeWebhook(f.deps, body, sign(body), SECRET);
      expect(out).toMatchObject({ kind: 'paid', firstTime: true, balance: 1 });
    });

    it('rejects a forged signature with zero credits', async () => {
      const body = await paidEventBody();
      const err = await processSignedStripeWebhook(f.deps, body, sign(body, 'whsec_attacker'), SECRET).catch((e) => e);
      expect(err).toMatchObject({ name: 'PaymentError', code: 'invalid_signature' });
      expect(err.message).toMatch(/No signatures found matching the expected signature/);
      expect(await f.journal()).toHaveLength(0);
    });

    it('rejects a stale signature (older than the tolerance) with zero credits', async () => {
      const body = await paidEventBody();
      const err = await processSignedStripeWebhook(f.deps, body, sign(body, SECRET, Math.floor(Date.now() / 1000) - 600), SECRET).catch(
        (e) => e,
      );
      expect(err).toMatchObject({ code: 'invalid_signature' });
      expect(err.message).toMatch(/Timestamp outside the tolerance zone/);
      expect(await f.journal()).toHaveLength(0);
    });

    it('rejects a body altered after signing', async () => {
      const body = await paidEventBody();
      const header = sign(body);
      const altered = body.replace('"supportgate_credits":"1"', '"supportgate_credits":"9"');
      expect(altered).not.toBe(body);
      await expect(verifyStripeWebhook(altered, header, SECRET)).rejects.toMatchObject({ code: 'invalid_signature' });
    });

    it('rejects a replayed event id and still grants only once', async () => {
      const body = await paidEventBody();
      const header = sign(body);
      await processSignedStripeWebhook(f.deps, body, header, SECRET);
      const err = await processSignedStripeWebhook(f.deps, body, header, SECRET).catch((e) => e);
      expect(err).toMatchObject({ code: 'replayed_event' });
      expect((await f.journal()).filter((j) => j.kind === 'purchase')).toHaveLength(1);
    });

    it('records an event id once even under concurrent deliveries', async () => {
      const firsts = await Promise.all(Array.from({ length: 10 }, () => f.port.recordEventOnce('evt_test_concurrent')));
      expect(firsts.filter(Boolean)).toHaveLength(1);
    });

    it('names the missing secret and header', async () => {
      await expect(verifyStripeWebhook('{}', 't=1,v1=x', '')).rejects.toMatchObject({ code: 'missing_setting', field: 'webhookSecret' });
      await expect(verifyStripeWebhook('{}', undefined, SECRET)).rejects.toMatchObject({
        code: 'invalid_signature',
        field: 'stripe-signature',
      });
    });
  });
});
