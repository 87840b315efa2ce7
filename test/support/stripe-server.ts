/**
 * A local server speaking the slice of Stripe's HTTP API that SupportGate uses, so tests and the
 * benchmark drive the real `stripe` SDK. Bodies are form-encoded like Stripe's (`a[b][0][c]=v`),
 * errors are Stripe-shaped, Idempotency-Key replays the first response, and every request is
 * recorded so callers can count API calls. Objects are typed with the SDK's own types.
 */
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import Stripe from 'stripe';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, unknown>;
  body: Record<string, unknown>;
  rawBody: string;
  idempotencyKey: string | null;
}

type Params = Record<string, unknown>;

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly param?: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** Stripe's form encoding back to nested objects; numeric keys become arrays. */
export function parseStripeForm(raw: string): Params {
  const root: Params = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const parts = key.split('[').map((p) => p.replace(/\]$/, ''));
    let node: Record<string, unknown> = root;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) node[part] = value;
      else node = (node[part] ??= /^\d+$/.test(parts[i + 1]) ? [] : {}) as Record<string, unknown>;
    });
  }
  return root;
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);
const randomId = (prefix: string): string => `${prefix}_test_${Math.random().toString(36).slice(2, 12)}${Date.now().toString(36)}`;

function int(value: unknown, param: string): number {
  const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n)) throw new ApiError(400, 'invalid_request_error', `Invalid integer: ${String(value)}`, param);
  return n;
}

/** A form-encoded boolean ("true" / "false"), as the SDK sends it. */
function flag(v: unknown, name: string): boolean {
  if (v === undefined) return false;
  if (v !== 'true' && v !== 'false') throw new ApiError(400, 'invalid_request_error', `Invalid boolean: ${String(v)}`, name);
  return v === 'true';
}

function required(params: Params, name: string): string {
  const v = params[name];
  if (typeof v !== 'string' || v === '') throw new ApiError(400, 'invalid_request_error', `Missing required param: ${name}.`, name);
  return v;
}

export class StripeTestServer {
  readonly requests: RecordedRequest[] = [];
  readonly sessions = new Map<string, Stripe.Checkout.Session>();
  readonly paymentIntents = new Map<string, Stripe.PaymentIntent>();
  readonly charges = new Map<string, Stripe.Charge>();
  readonly refunds = new Map<string, Stripe.Refund>();
  private readonly idempotent = new Map<string, { fingerprint: string; status: number; body: string }>();
  private server: Server | null = null;
  port = 0;

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }

  /** An SDK client pointed at this server. */
  client(key = 'sk_test_supportgate'): Stripe {
    return new Stripe(key, { host: '127.0.0.1', port: this.port, protocol: 'http', maxNetworkRetries: 0 });
  }

  count(method?: string, pathPrefix?: string): number {
    return this.requests.filter((r) => (!method || r.method === method) && (!pathPrefix || r.path.startsWith(pathPrefix))).length;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const idempotencyKey = (req.headers['idempotency-key'] as string | undefined) ?? null;
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      query: parseStripeForm(url.search.slice(1)),
      body: parseStripeForm(rawBody),
      rawBody,
      idempotencyKey,
    };
    this.requests.push(record);
    const send = (status: number, body: string, replayed = false): void => {
      res.writeHead(status, {
        'content-type': 'application/json',
        'request-id': randomId('req'),
        ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
      });
      res.end(body);
    };
    const idemKey = idempotencyKey && method === 'POST' ? `${req.headers.authorization}|${idempotencyKey}` : null;
    const fingerprint = `${method} ${url.pathname} ${rawBody}`;
    if (idemKey) {
      const seen = this.idempotent.get(idemKey);
      if (seen && seen.fingerprint !== fingerprint) {
        const err = new ApiError(
          400,
          'idempotency_error',
          `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
        );
        return send(err.status, this.errorBody(err));
      }
      if (seen) return send(seen.status, seen.body, true);
    }
    let status = 200;
    let body: string;
    try {
      if (!/^Bearer sk_/.test(req.headers.authorization ?? '')) {
        throw new ApiError(
          401,
          'invalid_request_error',
          'You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth.',
        );
      }
      body = JSON.stringify(this.route(method, url.pathname, method === 'GET' ? record.query : record.body));
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(500, 'api_error', String(e));
      status = err.status;
      body = this.errorBody(err);
    }
    // Stripe does not save the result of a request rejected by validation (400) — but does for 200 and 402.
    if (idemKey && status < 400) this.idempotent.set(idemKey, { fingerprint, status, body });
    send(status, body);
  }

  private errorBody(err: ApiError): string {
    return JSON.stringify({
      error: { type: err.type, message: err.message, ...(err.param ? { param: err.param } : {}), ...(err.code ? { code: err.code } : {}) },
    });
  }

  private route(method: string, path: string, params: Params): unknown {
    let m: RegExpMatchArray | null;
    if (method === 'POST' && path === '/v1/checkout/sessions') return this.createSession(params);
    if (method === 'GET' && path === '/v1/checkout/sessions') return this.listSessions(params);
    if (method === 'GET' && (m = path.match(/^\/v1\/checkout\/sessions\/([^/]+)$/)))
      return this.find(this.sessions, m[1], 'checkout.session', 'session');
    if (method === 'POST' && (m = path.match(/^\/v1\/checkout\/sessions\/([^/]+)\/expire$/))) return this.expireSession(m[1]);
    if (method === 'GET' && (m = path.match(/^\/v1\/charges\/([^/]+)$/)))
      return this.chargeView(this.find(this.charges, m[1], 'charge', 'charge'), params);
    if (method === 'GET' && (m = path.match(/^\/v1\/payment_intents\/([^/]+)$/)))
      return this.find(this.paymentIntents, m[1], 'payment_intent', 'intent');
    throw new ApiError(404, 'invalid_request_error', `Unrecognized request URL (${method}: ${path}).`);
  }

  private find<T>(map: Map<string, T>, id: string, objectName: string, param: string): T {
    const found = map.get(decodeURIComponent(id));
    if (!found) throw new ApiError(404, 'invalid_request_error', `No such ${objectName}: '${id}'`, param, 'resource_missing');
    return found;
  }

  private createSession(p: Params): Stripe.Checkout.Session {
    const mode = required(p, 'mode');
    if (!['payment', 'setup', 'subscription'].includes(mode))
      throw new ApiError(400, 'invalid_request_error', `Invalid mode: must be one of payment, setup, or subscription`, 'mode');
    const successUrl = required(p, 'success_url');
    for (const name of ['success_url', 'cancel_url']) {
      const v = p[name];
      if (v !== undefined && (typeof v !== 'string' || !/^https?:\/\//.test(v)))
        throw new ApiError(400, 'invalid_request_error', `Not a valid URL`, name);
    }
    const items = Array.isArray(p.line_items) ? (p.line_items as Params[]) : [];
    if (mode === 'payment' && items.length === 0)
      throw new ApiError(400, 'invalid_request_error', 'You must provide at least one line item in `payment` mode.', 'line_items');
    let currency: string | null = null;
    let total = 0;
    items.forEach((item, i) => {
      const pd = item.price_data as Params | undefined;
      if (!pd)
        throw new ApiError(
          400,
          'invalid_request_error',
          `You must specify either \`price\` or \`price_data\` in \`line_items[${i}]\`.`,
          `line_items[${i}]`,
        );
      const cur = required(pd, 'currency').toLowerCase();
      if (currency && cur !== currency)
        throw new ApiError(
          400,
          'invalid_request_error',
          'All line items must use the same currency.',
          `line_items[${i}][price_data][currency]`,
        );
      currency = cur;
      const unit = int(pd.unit_amount, `line_items[${i}][price_data][unit_amount]`);
      if (unit < 0)
        throw new ApiError(
          400,
          'invalid_request_error',
          'This value must be greater than or equal to 0.',
          `line_items[${i}][price_data][unit_amount]`,
        );
      if (!(pd.product_data as Params | undefined)?.name)
        throw new ApiError(
          400,
          'invalid_request_error',
          'Missing required param: line_items[0][price_data][product_data][name].',
          `line_items[${i}][price_data][product_data][name]`,
        );
      total += unit * int(item.quantity, `line_items[${i}][quantity]`);
    });
    const now = nowSeconds();
    const expiresAt = p.expires_at === undefined ? now + 86400 : int(p.expires_at, 'expires_at');
    if (expiresAt < now + 1800 || expiresAt > now + 86400) {
      throw new ApiError(
        400,
        'invalid_request_error',
        'The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.',
        'expires_at',
      );
    }
    const metadata = (p.metadata ?? {}) as Record<string, string>;
    for (const [k, v] of Object.entries(metadata)) {
      if (k.length > 40)
        throw new ApiError(400, 'invalid_request_error', 'Metadata keys can have a maximum length of 40 characters.', `metadata[${k}]`);
      if (String(v).length > 500)
        throw new ApiError(400, 'invalid_request_error', 'Metadata values can have a maximum length of 500 characters.', `metadata[${k}]`);
    }
    const invoiceParams = p.invoice_creation as Params | undefined;
    const invoiceCreation = flag(invoiceParams?.enabled, 'invoice_creation[enabled]')
      ? {
          enabled: true,
          invoice_data: {
            account_tax_ids: null,
            custom_fields: null,
            description: ((invoiceParams?.invoice_data as Params | undefined)?.description as string) ?? null,
            footer: null,
            issuer: null,
            metadata: ((invoiceParams?.invoice_data as Params | undefined)?.metadata ?? {}) as Record<string, string>,
            rendering_options: null,
          },
        }
      : null;
    if (invoiceCreation && mode !== 'payment')
      throw new ApiError(400, 'invalid_request_error', 'You can only set `invoice_creation` in `payment` mode.', 'invoice_creation');
    const id = randomId('cs');
    const session: Stripe.Checkout.Session = {
      id,
      object: 'checkout.session',
      adaptive_pricing: null,
      after_expiration: null,
      allow_promotion_codes: flag(p.allow_promotion_codes, 'allow_promotion_codes') ? true : null,
      allowed_payment_method_types: null,
      amount_subtotal: total,
      amount_total: total,
      automatic_tax: flag((p.automatic_tax as Params | undefined)?.enabled, 'automatic_tax[enabled]')
        ? { enabled: true, liability: { type: 'self' }, provider: 'stripe', status: 'requires_location_inputs' }
        : { enabled: false, liability: null, provider: null, status: null },
      billing_address_collection: (p.billing_address_collection as Stripe.Checkout.Session.BillingAddressCollection | undefined) ?? null,
      cancel_url: (p.cancel_url as string | undefined) ?? null,
      client_reference_id: (p.client_reference_id as string | undefined) ?? null,
      client_secret: null,
      collected_information: null,
      consent: null,
      consent_collection: null,
      created: now,
      currency,
      currency_conversion: null,
      custom_fields: [],
      custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
      customer: null,
      customer_account: null,
      customer_creation: 'if_required',
      customer_details: null,
      customer_email: (p.customer_email as string | undefined) ?? null,
      discounts: [],
      expires_at: expiresAt,
      integration_identifier: null,
      invoice: null,
      invoice_creation: invoiceCreation,
      livemode: false,
      locale: (p.locale as Stripe.Checkout.Session.Locale | undefined) ?? null,
      managed_payments: null,
      metadata,
      mode: mode as Stripe.Checkout.Session.Mode,
      origin_context: null,
      payment_intent: null,
      payment_link: null,
      payment_method_collection: 'if_required',
      payment_method_configuration_details: null,
      payment_method_options: null,
      payment_method_types: ['card'],
      payment_status: 'unpaid',
      permissions: null,
      recovered_from: null,
      saved_payment_method_options: null,
      setup_intent: null,
      shipping_address_collection: null,
      shipping_cost: null,
      shipping_options: [],
      status: 'open',
      submit_type: null,
      tax_id_collection: flag((p.tax_id_collection as Params | undefined)?.enabled, 'tax_id_collection[enabled]')
        ? { enabled: true, required: 'never' }
        : undefined,
      subscription: null,
      success_url: successUrl,
      total_details: null,
      ui_mode: 'hosted',
      url: `https://checkout.stripe.com/c/pay/${id}`,
      wallet_options: null,
    };
    this.sessions.set(id, session);
    return session;
  }

  private listSessions(q: Params): Stripe.ApiList<Stripe.Checkout.Session> {
    const limit = q.limit === undefined ? 10 : int(q.limit, 'limit');
    const all = [...this.sessions.values()].filter((s) => q.payment_intent === undefined || s.payment_intent === q.payment_intent);
    return { object: 'list', data: all.slice(0, limit), has_more: all.length > limit, url: '/v1/checkout/sessions' };
  }

  private expireSession(id: string): Stripe.Checkout.Session {
    const s = this.find(this.sessions, id, 'checkout.session', 'session');
    if (s.status !== 'open')
      throw new ApiError(
        400,
        'invalid_request_error',
        'Only Checkout Sessions with a status in ["open"] can be expired.',
        undefined,
        'checkout_session_not_expirable',
      );
    Object.assign(s, { status: 'expired', url: null });
    return s;
  }

  private chargeView(charge: Stripe.Charge, q: Params): Stripe.Charge {
    const expand = Array.isArray(q.expand) ? q.expand : [];
    if (!expand.includes('refunds')) return { ...charge, refunds: undefined };
    const data = [...this.refunds.values()].filter((r) => r.charge === charge.id).sort((a, b) => b.created - a.created);
    return { ...charge, refunds: { object: 'list', data, has_more: false, url: `/v1/refunds?charge=${charge.id}` } };
  }

  // ---- test helpers: what the customer and the Stripe dashboard would do ----

  /** The customer pays: creates a succeeded PaymentIntent and Charge. `async: true` leaves the payment pending. */
  pay(sessionId: string, options: { async?: boolean } = {}): { session: Stripe.Checkout.Session; charge: Stripe.Charge } {
    const s = this.find(this.sessions, sessionId, 'checkout.session', 'session');
    const piId = randomId('pi');
    const chargeId = randomId('ch');
    const amount = s.amount_total ?? 0;
    const currency = s.currency ?? 'eur';
    const created = nowSeconds();
    const charge: Stripe.Charge = {
      id: chargeId,
      object: 'charge',
      amount,
      amount_captured: amount,
      amount_refunded: 0,
      application: null,
      application_fee: null,
      application_fee_amount: null,
      balance_transaction: null,
      billing_details: { address: null, email: s.customer_email, name: null, phone: null, tax_id: null },
      calculated_statement_descriptor: 'SUPPORTGATE',
      captured: true,
      created,
      currency,
      customer: null,
      description: null,
      disputed: false,
      failure_balance_transaction: null,
      failure_code: null,
      failure_message: null,
      fraud_details: {},
      livemode: false,
      metadata: {},
      on_behalf_of: null,
      outcome: null,
      paid: true,
      payment_intent: piId,
      payment_method: randomId('pm'),
      payment_method_details: null,
      receipt_email: s.customer_email,
      receipt_number: null,
      receipt_url: null,
      refunded: false,
      review: null,
      shipping: null,
      source: null,
      source_transfer: null,
      statement_descriptor: null,
      statement_descriptor_suffix: null,
      status: options.async ? 'pending' : 'succeeded',
      transfer_data: null,
      transfer_group: null,
    };
    const pi: Stripe.PaymentIntent = {
      id: piId,
      object: 'payment_intent',
      allowed_payment_method_types: null,
      amount,
      amount_capturable: 0,
      amount_received: options.async ? 0 : amount,
      application: null,
      application_fee_amount: null,
      automatic_payment_methods: null,
      canceled_at: null,
      cancellation_reason: null,
      capture_method: 'automatic',
      client_secret: null,
      confirmation_method: 'automatic',
      created,
      currency,
      customer: null,
      customer_account: null,
      description: null,
      excluded_payment_method_types: null,
      last_payment_error: null,
      latest_charge: chargeId,
      livemode: false,
      managed_payments: null,
      metadata: { ...(s.metadata ?? {}) },
      next_action: null,
      on_behalf_of: null,
      payment_method: charge.payment_method,
      payment_method_configuration_details: null,
      payment_method_options: null,
      payment_method_types: ['card'],
      payment_record: null,
      processing: null,
      receipt_email: s.customer_email,
      review: null,
      setup_future_usage: null,
      shipping: null,
      source: null,
      statement_descriptor: null,
      statement_descriptor_suffix: null,
      status: options.async ? 'processing' : 'succeeded',
      transfer_group: null,
    };
    this.charges.set(chargeId, charge);
    this.paymentIntents.set(piId, pi);
    Object.assign(s, { status: 'complete', payment_status: options.async ? 'unpaid' : 'paid', payment_intent: piId, url: null });
    return { session: s, charge };
  }

  /** The delayed payment (SEPA debit…) clears. */
  settle(sessionId: string): Stripe.Checkout.Session {
    const s = this.find(this.sessions, sessionId, 'checkout.session', 'session');
    const pi = this.find(this.paymentIntents, String(s.payment_intent), 'payment_intent', 'intent');
    Object.assign(pi, { status: 'succeeded', amount_received: pi.amount });
    Object.assign(this.find(this.charges, String(pi.latest_charge), 'charge', 'charge'), { status: 'succeeded' });
    return Object.assign(s, { payment_status: 'paid' });
  }

  /** Time runs out on an open session. */
  expire(sessionId: string): Stripe.Checkout.Session {
    return this.expireSession(sessionId);
  }

  /** A refund made from the dashboard; `amount` defaults to what is left to refund. */
  refund(chargeId: string, amount?: number): { charge: Stripe.Charge; refund: Stripe.Refund } {
    const charge = this.find(this.charges, chargeId, 'charge', 'charge');
    const value = amount ?? charge.amount - charge.amount_refunded;
    const refund: Stripe.Refund = {
      id: randomId('re'),
      object: 'refund',
      amount: value,
      balance_transaction: null,
      charge: chargeId,
      created: nowSeconds() + this.refunds.size,
      currency: charge.currency,
      customer: null,
      customer_account: null,
      metadata: {},
      payment_intent: charge.payment_intent,
      payment_method: charge.payment_method,
      reason: 'requested_by_customer',
      receipt_number: null,
      source_transfer_reversal: null,
      status: 'succeeded',
      transfer_reversal: null,
    };
    this.refunds.set(refund.id, refund);
    Object.assign(charge, { amount_refunded: charge.amount_refunded + value, refunded: charge.amount_refunded + value >= charge.amount });
    return { charge, refund };
  }

  /** The Event Stripe would send (and n8n's Stripe Trigger would output) for an object. */
  event<T extends Stripe.Event.Type>(type: T, object: unknown): Stripe.Event {
    return {
      id: randomId('evt'),
      object: 'event',
      api_version: '2025-01-01',
      created: nowSeconds(),
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
      data: { object: JSON.parse(JSON.stringify(object)) },
    } as Stripe.Event;
  }
}

export async function startStripeServer(): Promise<StripeTestServer> {
  return new StripeTestServer().start();
}
