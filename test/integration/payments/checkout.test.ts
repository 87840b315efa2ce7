import { createPaymentLink, IDEMPOTENCY_WINDOW_SECONDS, PaymentError } from '../../../core/payments';
import { StripeTestServer } from '../../support/stripe-server';
import { BACKENDS, Fixture, makeFixture, SETTINGS, startStripeServer, useLedger } from './fixture';

describe.each(BACKENDS)('createPaymentLink on the real %s ledger', (backend) => {
  const ledger = useLedger(backend, 'pay_checkout');
  let server: StripeTestServer;
  let f: Fixture;
  let tk: string;
  beforeEach(async () => {
    server = await startStripeServer();
    f = await makeFixture(server, ledger());
    tk = (await f.store.createTicket({ project: f.project.id, subject: 'Site down', accountId: f.account.id })).ticket.id;
  });
  afterEach(async () => {
    await server.stop();
  });
  const input = (extra: Record<string, unknown> = {}) => ({ project: f.project, accountId: f.account.id, ticketId: tk, ...extra });

  it('sends Stripe a payment-mode session at the project price, form-encoded, with metadata, expiry and urls', async () => {
    const now = new Date(Math.floor(Date.now() / 300_000) * 300_000 + 120_000);
    const link = await createPaymentLink({ ...f.deps, now: () => now }, input({ customerEmail: 'client@corp.fr', language: 'fr' }));
    expect(server.count('POST', '/v1/checkout/sessions')).toBe(1);
    const req = server.requests[0];
    expect(req.rawBody).toContain('line_items[0][price_data][unit_amount]=8000');
    expect(req.rawBody).toContain('line_items[0][price_data][currency]=eur');
    expect(req.body).toMatchObject({
      mode: 'payment',
      line_items: [
        {
          quantity: '1',
          price_data: { currency: 'eur', unit_amount: '8000', product_data: { name: `Intervention support — ${f.project.name}` } },
        },
      ],
      metadata: { supportgate_project: f.project.id, supportgate_account: f.account.id, supportgate_ticket: tk, supportgate_credits: '1' },
      client_reference_id: `${f.project.id}:${f.account.id}`,
      customer_email: 'client@corp.fr',
      success_url: SETTINGS.successUrl,
      cancel_url: SETTINGS.cancelUrl,
      locale: 'fr',
    });
    const windowStart = Math.floor(now.getTime() / 1000 / IDEMPOTENCY_WINDOW_SECONDS) * IDEMPOTENCY_WINDOW_SECONDS;
    expect(Number(req.body.expires_at)).toBe(windowStart + 24 * 3600 - 120);
    expect(req.idempotencyKey).toContain(tk);
    expect(link).toMatchObject({ reused: false, amountMinor: 8000, currency: 'EUR', credits: 1, price: '80,00 €' });
    expect(link.url).toBe(server.sessions.get(link.sessionId)!.url);
    expect((await f.store.getTicket(tk))!.status).toBe('waiting_payment');
    expect(await f.store.getPaymentRequestBySession(link.sessionId)).toMatchObject({
      status: 'open',
      accountId: f.account.id,
      ticketId: tk,
      amountMinor: 8000,
    });
  });

  it('returns the open link to a client who writes five times: one Stripe call, one mail', async () => {
    const links = [];
    for (let i = 0; i < 5; i++) links.push(await createPaymentLink(f.deps, input()));
    expect(server.count()).toBe(1);
    expect(new Set(links.map((l) => l.url)).size).toBe(1);
    expect(links.map((l) => l.reused)).toEqual([false, true, true, true, true]);
    const claims = await Promise.all(links.map((l) => f.port.claimPaymentRequestMail(l.sessionId, new Date())));
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('creates a new link once the open one has expired, even inside the same idempotency window', async () => {
    const now = new Date();
    const first = await createPaymentLink({ ...f.deps, now: () => now }, input());
    server.expire(first.sessionId); // e.g. expired from the dashboard, and the expiry event processed
    await f.port.markPaymentRequest(first.sessionId, 'expired');
    const second = await createPaymentLink({ ...f.deps, now: () => now }, input());
    expect(second.reused).toBe(false);
    expect(second.sessionId).not.toBe(first.sessionId);
    expect(server.sessions.get(second.sessionId)!.status).toBe('open');
  });

  it('does not resend a link about to expire', async () => {
    f.project.settings.paymentLinkHours = 1;
    const start = Date.now();
    const first = await createPaymentLink({ ...f.deps, now: () => new Date(start) }, input());
    const fiveMinutesLeft = new Date(Date.parse(first.expiresAt) - 5 * 60 * 1000);
    const second = await createPaymentLink({ ...f.deps, now: () => fiveMinutesLeft }, input());
    expect(second.reused).toBe(false);
    expect(second.sessionId).not.toBe(first.sessionId);
    expect(server.count('POST')).toBe(2);
  });

  it('is idempotent under retries: a retry after a lost ledger write gets the same session from Stripe', async () => {
    const failing = {
      ...f.port,
      createPaymentRequest: async () => {
        throw new Error('database unreachable');
      },
    };
    const now = new Date();
    await expect(createPaymentLink({ stripe: f.stripe, ledger: failing, now: () => now }, input())).rejects.toThrow('database unreachable');
    const link = await createPaymentLink({ ...f.deps, now: () => now }, input());
    expect(server.count('POST')).toBe(2);
    expect(server.requests[0].idempotencyKey).toBe(server.requests[1].idempotencyKey);
    expect(server.sessions.size).toBe(1);
    expect(link.sessionId).toBe([...server.sessions.keys()].at(-1));
    expect(await f.store.findOpenPaymentRequest(f.account.id)).toMatchObject({ stripeSessionId: link.sessionId });
  });

  it('sells packs at their own price and refuses a pack the project does not offer', async () => {
    f.project.settings.packs = [{ credits: 10, priceMinor: 70000 }];
    const link = await createPaymentLink(f.deps, { project: f.project, accountId: f.account.id, credits: 10, language: 'en' });
    expect(server.requests[0].body).toMatchObject({
      line_items: [{ quantity: '1', price_data: { unit_amount: '70000' } }],
      metadata: { supportgate_credits: '10' },
    });
    expect(link.price).toBe('€700.00');
    const err = await createPaymentLink(f.deps, { project: f.project, accountId: f.account.id, credits: 3 }).catch((e) => e);
    expect(err).toBeInstanceOf(PaymentError);
    expect(err).toMatchObject({ code: 'invalid_argument', field: 'credits' });
    expect(err.message).toContain('packs offered: 10');
  });

  it('charges zero-decimal currencies in whole units', async () => {
    const yen = await makeFixture(server, ledger(), { priceMinor: 8000, currency: 'JPY' });
    const link = await createPaymentLink(yen.deps, { project: yen.project, accountId: yen.account.id, language: 'en' });
    expect(server.requests.at(-1)!.body).toMatchObject({ line_items: [{ price_data: { currency: 'jpy', unit_amount: '8000' } }] });
    expect(link.price).toBe('¥8,000');
  });

  it('refuses an account of another project and records no payment request for it', async () => {
    const other = await makeFixture(server, ledger());
    const err = await createPaymentLink(f.deps, { project: f.project, accountId: other.account.id }).catch((e) => e);
    expect(err).toMatchObject({ name: 'PaymentError', code: 'invalid_argument', field: 'accountId' });
    expect(await other.store.findOpenPaymentRequest(other.account.id)).toBeNull();
  });

  it('names the missing setting before calling Stripe', async () => {
    const bare = await makeFixture(server, ledger(), { settings: { successUrl: 'https://acme.example/ok' } });
    const err = await createPaymentLink(bare.deps, { project: bare.project, accountId: bare.account.id }).catch((e) => e);
    expect(err).toMatchObject({ name: 'PaymentError', code: 'missing_setting', field: 'cancelUrl' });
    expect(err.message).toMatch(/Project "Acme [^"]+" has no cancelUrl setting/);
    expect(server.count()).toBe(0);
  });

  it('turns a Stripe validation error into a PaymentError naming the param', async () => {
    const bad = await makeFixture(server, ledger(), { settings: { ...SETTINGS, cancelUrl: 'ftp://nope' } });
    const err = await createPaymentLink(bad.deps, { project: bad.project, accountId: bad.account.id }).catch((e) => e);
    expect(err).toMatchObject({ code: 'invalid_setting', field: 'cancelUrl' });
    const stripeErr = await bad.stripe.checkout.sessions
      .create({ mode: 'payment', success_url: 'https://x.example', line_items: [], expires_at: 1 })
      .catch((e) => e);
    expect(stripeErr).toMatchObject({ type: 'StripeInvalidRequestError', statusCode: 400, param: 'line_items' });
  });
});
