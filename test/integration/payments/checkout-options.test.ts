// Issue 15: receipts and tax, per project. Each option reaches Stripe through the official SDK as
// Stripe documents it, and the local Stripe server keeps it on the session as Stripe would.
/* eslint-disable @typescript-eslint/no-explicit-any */
import { createPaymentLink, PaymentError } from '../../../core/payments';
import { StripeTestServer } from '../../support/stripe-server';
import { makeFixture, SETTINGS, startStripeServer, useLedger } from './fixture';

describe('Checkout options of a project (SQLite ledger, local Stripe)', () => {
  const ledger = useLedger('sqlite', 'pay_checkout_options');
  let server: StripeTestServer;
  beforeEach(async () => {
    server = await startStripeServer();
  });
  afterEach(() => server.stop());

  async function linkWith(settings: Record<string, unknown>) {
    const f = await makeFixture(server, ledger(), { settings: { ...SETTINGS, ...settings } });
    const link = await createPaymentLink(f.deps, { project: f.project, accountId: f.account.id, language: 'en' });
    // The form body as the server parsed it (nested objects of strings).
    return { body: server.requests.at(-1)!.body as Record<string, any>, session: server.sessions.get(link.sessionId)! };
  }

  it('none by default: no invoice, no tax, no promotion codes, no address or tax id asked', async () => {
    const { body, session } = await linkWith({});
    for (const param of ['invoice_creation', 'automatic_tax', 'allow_promotion_codes', 'billing_address_collection', 'tax_id_collection'])
      expect(body).not.toHaveProperty(param);
    expect(session).toMatchObject({
      invoice_creation: null,
      automatic_tax: { enabled: false },
      allow_promotion_codes: null,
      billing_address_collection: null,
    });
  });

  it('invoiceCreation: Stripe emails an invoice PDF for the one-off payment, described like the line item', async () => {
    const { body, session } = await linkWith({ invoiceCreation: true });
    expect(body.invoice_creation).toMatchObject({
      enabled: 'true',
      invoice_data: { description: expect.stringMatching(/^Support request — Acme/) },
    });
    expect(session.invoice_creation).toMatchObject({ enabled: true, invoice_data: { metadata: { supportgate_credits: '1' } } });
  });

  it('automaticTax: Stripe Tax on, the price tax-exclusive by default, inclusive when asked', async () => {
    const exclusive = await linkWith({ automaticTax: true });
    expect(exclusive.body.automatic_tax).toEqual({ enabled: 'true' });
    expect(exclusive.body.line_items[0].price_data.tax_behavior).toBe('exclusive');
    expect(exclusive.session.automatic_tax).toMatchObject({ enabled: true, status: 'requires_location_inputs' });
    expect((await linkWith({ automaticTax: true, taxBehavior: 'inclusive' })).body.line_items[0].price_data.tax_behavior).toBe('inclusive');
  });

  it('allowPromotionCodes, collectBillingAddress, collectTaxId', async () => {
    expect((await linkWith({ allowPromotionCodes: true })).session.allow_promotion_codes).toBe(true);
    expect((await linkWith({ collectBillingAddress: true })).session.billing_address_collection).toBe('required');
    expect((await linkWith({ collectTaxId: true })).session.tax_id_collection).toMatchObject({ enabled: true });
  });

  it('a setting that is not true or false is refused naming it, before any Stripe call', async () => {
    const before = server.requests.length;
    const err = await linkWith({ invoiceCreation: 'yes' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PaymentError);
    expect(err).toMatchObject({ code: 'invalid_setting', field: 'invoiceCreation' });
    expect(await linkWith({ taxBehavior: 'sometimes', automaticTax: true }).catch((e: unknown) => e)).toMatchObject({
      field: 'taxBehavior',
    });
    expect(server.requests.length).toBe(before);
  });
});
