/**
 * For wherever a raw Stripe webhook body reaches our code (an n8n Webhook node with raw body,
 * a newer Stripe Trigger): signature and age checked by the SDK, then a replay guard by event id.
 */
import Stripe from 'stripe';
import { PaymentDeps } from './checkout';
import { PaymentError } from './errors';
import { PaymentEventOutcome, processStripeEvent } from './events';
import { PaymentLedgerPort } from './ports';

export type ReplayGuard = Pick<PaymentLedgerPort, 'recordEventOnce'>;

/**
 * Returns the verified event. Throws PaymentError 'invalid_signature' for a forged, altered or
 * stale (older than toleranceSeconds) body, and 'replayed_event' for an event id seen before
 * (when a guard is given). Pass the body exactly as received: re-serialized JSON fails the check.
 */
export async function verifyStripeWebhook(
  rawBody: string | Buffer,
  signatureHeader: string | undefined,
  secret: string,
  toleranceSeconds = 300,
  guard?: ReplayGuard,
): Promise<Stripe.Event> {
  if (!secret)
    throw new PaymentError(
      'missing_setting',
      "The Stripe webhook signing secret is empty: copy the endpoint's whsec_… secret from the Stripe dashboard.",
      'webhookSecret',
    );
  if (!signatureHeader)
    throw new PaymentError(
      'invalid_signature',
      'The request has no Stripe-Signature header: it did not come from Stripe.',
      'stripe-signature',
    );
  let event: Stripe.Event;
  try {
    event = Stripe.webhooks.constructEvent(rawBody, signatureHeader, secret, toleranceSeconds);
  } catch (e) {
    throw new PaymentError('invalid_signature', `Stripe webhook rejected: ${(e as Error).message}`, 'stripe-signature', { cause: e });
  }
  if (guard && !(await guard.recordEventOnce(event.id))) {
    throw new PaymentError('replayed_event', `Stripe event ${event.id} was already received: replay rejected, nothing done twice.`, 'id');
  }
  return event;
}

/** Verify, reject replays, then process. */
export async function processSignedStripeWebhook(
  deps: PaymentDeps,
  rawBody: string | Buffer,
  signatureHeader: string | undefined,
  secret: string,
  toleranceSeconds = 300,
): Promise<PaymentEventOutcome> {
  const event = await verifyStripeWebhook(rawBody, signatureHeader, secret, toleranceSeconds, deps.ledger);
  return processStripeEvent(deps, event);
}
