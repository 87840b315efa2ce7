/**
 * Payment links: one Stripe Checkout Session per unpaid account at a time. A client who writes
 * five times before paying gets the same open link five times, and Stripe is called once.
 */
import type Stripe from 'stripe';
import { PaymentError, stripeFailure } from './errors';
import { METADATA } from './keys';
import { formatPrice, normalizeCurrency } from './money';
import { PaymentLedgerPort, PaymentProject, PaymentRequestRecord } from './ports';
import { priceFor, readPaymentSettings } from './settings';

export interface PaymentDeps {
  stripe: Stripe;
  ledger: PaymentLedgerPort;
  /** Clock, for tests and the benchmark. */
  now?: () => Date;
}

export interface PaymentLinkInput {
  project: PaymentProject;
  accountId: string;
  /** The ticket held until payment; it moves to waiting_payment. */
  ticketId?: string | null;
  customerEmail?: string | null;
  /** Credits to buy: 1 (default) at the project price, or the size of one of the project's packs. */
  credits?: number;
  /** Language of the checkout page and of the formatted price. */
  language?: 'fr' | 'en';
  actor?: string;
}

export interface PaymentLink {
  /** True when an open link already existed: no Stripe call was made. */
  reused: boolean;
  request: PaymentRequestRecord;
  url: string;
  sessionId: string;
  credits: number;
  amountMinor: number;
  currency: string;
  /** The amount for people: "80,00 €", "€80.00", "¥8,000". */
  price: string;
  expiresAt: string;
}

/** A link closer than this to its expiry is not sent again: the client could not use it. */
export const MIN_REMAINING_MS = 10 * 60 * 1000;
/** Retries inside one window share an idempotency key (and thus identical parameters). */
export const IDEMPOTENCY_WINDOW_SECONDS = 300;

function toLink(request: PaymentRequestRecord, reused: boolean, language: string): PaymentLink {
  return {
    reused,
    request,
    url: request.url,
    sessionId: request.stripeSessionId,
    credits: request.credits,
    amountMinor: request.amountMinor,
    currency: request.currency,
    price: formatPrice(request.amountMinor, request.currency, language),
    expiresAt: request.expiresAt,
  };
}

async function holdTicket(ledger: PaymentLedgerPort, ticketId: string, actor: string, note: string): Promise<void> {
  const ticket = await ledger.getTicket(ticketId);
  if (!ticket)
    throw new PaymentError(
      'invalid_argument',
      `Ticket "${ticketId}" does not exist: pass the id of the ticket to hold until payment.`,
      'ticketId',
    );
  if (ticket.status !== 'waiting_payment') await ledger.setTicketStatus(ticketId, 'waiting_payment', actor, note);
}

/** Builds the Checkout Session parameters exactly as sent to Stripe (exported for review and tests). */
export function checkoutParams(
  input: PaymentLinkInput,
  amountMinor: number,
  credits: number,
  expiresAt: number,
): Stripe.Checkout.SessionCreateParams {
  const { project } = input;
  const settings = readPaymentSettings(project);
  const { checkout } = settings;
  const fr = input.language === 'fr';
  const name =
    credits === 1
      ? fr
        ? `Intervention support — ${project.name}`
        : `Support request — ${project.name}`
      : fr
        ? `${credits} interventions support — ${project.name}`
        : `${credits} support requests — ${project.name}`;
  const metadata: Record<string, string> = {
    [METADATA.project]: project.id,
    [METADATA.account]: input.accountId,
    [METADATA.credits]: String(credits),
    ...(input.ticketId ? { [METADATA.ticket]: input.ticketId } : {}),
  };
  return {
    mode: 'payment',
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: normalizeCurrency(project.currency, 'project.currency'),
          unit_amount: amountMinor,
          product_data: { name },
          // Stripe Tax needs to know whether the price already contains the tax.
          ...(checkout.automaticTax ? { tax_behavior: checkout.taxBehavior } : {}),
        },
      },
    ],
    metadata,
    payment_intent_data: { metadata, description: name },
    client_reference_id: `${project.id}:${input.accountId}`.slice(0, 200),
    ...(input.customerEmail ? { customer_email: input.customerEmail } : {}),
    ...(input.language ? { locale: input.language } : {}),
    expires_at: expiresAt,
    success_url: settings.successUrl,
    cancel_url: settings.cancelUrl,
    ...(checkout.invoiceCreation ? { invoice_creation: { enabled: true, invoice_data: { description: name, metadata } } } : {}),
    ...(checkout.automaticTax ? { automatic_tax: { enabled: true } } : {}),
    ...(checkout.allowPromotionCodes ? { allow_promotion_codes: true } : {}),
    ...(checkout.collectBillingAddress ? { billing_address_collection: 'required' as const } : {}),
    ...(checkout.collectTaxId ? { tax_id_collection: { enabled: true } } : {}),
  };
}

/**
 * Returns the account's open payment link, or creates one through Stripe. Either way the ticket
 * (when given) waits for payment.
 */
export async function createPaymentLink(deps: PaymentDeps, input: PaymentLinkInput): Promise<PaymentLink> {
  const { ledger, stripe } = deps;
  const now = deps.now?.() ?? new Date();
  const actor = input.actor ?? 'supportgate';
  const language = input.language ?? 'en';
  const credits = input.credits ?? 1;
  if (!input.accountId)
    throw new PaymentError('invalid_argument', 'accountId is required: the client account that will receive the credits.', 'accountId');
  if (!Number.isSafeInteger(credits) || credits < 1)
    throw new PaymentError('invalid_argument', `credits must be a whole number ≥ 1, got ${credits}.`, 'credits');
  const settings = readPaymentSettings(input.project);
  const amountMinor = priceFor(input.project, settings, credits);

  const open = await ledger.findOpenPaymentRequest(input.accountId, now);
  if (open && open.credits === credits && Date.parse(open.expiresAt) - now.getTime() >= MIN_REMAINING_MS) {
    if (input.ticketId) await holdTicket(ledger, input.ticketId, actor, `Waiting for payment (link ${open.stripeSessionId})`);
    return toLink(open, true, language);
  }

  // expires_at and the key come from the same time window, so a retry sends identical parameters.
  const windowStart = Math.floor(now.getTime() / 1000 / IDEMPOTENCY_WINDOW_SECONDS) * IDEMPOTENCY_WINDOW_SECONDS;
  const expiresAt = windowStart + settings.linkLifetimeSeconds;
  const params = checkoutParams(input, amountMinor, credits, expiresAt);
  const idempotencyKey = `supportgate:checkout:${input.project.id}:${input.accountId}:${input.ticketId ?? 'none'}:${credits}:${windowStart}`;
  let session: Stripe.Checkout.Session;
  try {
    session = await stripe.checkout.sessions.create(params, { idempotencyKey });
    // Same window, same key: Stripe replays its first response, even for a session expired or
    // paid since. Our ledger knows; then a derived key buys a fresh session.
    const known = await ledger.getPaymentRequestBySession(session.id);
    if (known && known.status !== 'open') {
      session = await stripe.checkout.sessions.create(params, { idempotencyKey: `${idempotencyKey}:after:${session.id}` });
    }
  } catch (e) {
    throw e instanceof PaymentError ? e : stripeFailure('create the Checkout Session', e);
  }
  if (!session.url || session.amount_total === null || !session.currency) {
    throw new PaymentError('stripe_error', `Stripe returned Checkout Session ${session.id} without url, amount_total or currency.`);
  }
  const request = await ledger.createPaymentRequest({
    projectId: input.project.id,
    accountId: input.accountId,
    ticketId: input.ticketId ?? null,
    stripeSessionId: session.id,
    url: session.url,
    credits,
    amountMinor: session.amount_total,
    currency: session.currency,
    expiresAt: new Date(session.expires_at * 1000),
  });
  if (input.ticketId) await holdTicket(ledger, input.ticketId, actor, `Waiting for payment (link ${session.id})`);
  return toLink(request, false, language);
}
