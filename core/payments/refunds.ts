/**
 * charge.refunded: take back the credits a refund paid for, but only the unused ones. A refund
 * never revokes more than (credits granted by the session − credits debited or revoked since).
 * Each Stripe refund is journaled once under its own key, so replays move nothing.
 */
import type Stripe from 'stripe';
import { PaymentDeps } from './checkout';
import { PaymentError, stripeFailure } from './errors';
import { refundRevokeKey, sessionGrantKey, STRIPE_ACTOR } from './keys';
import { formatPrice } from './money';
import { ownedSession } from './session-context';

export interface RefundLine {
  refundId: string;
  amountMinor: number;
  /** Credits this refund pays back, proportionally to the amount (a full refund: all of them). */
  creditsRefunded: number;
  creditsRevoked: number;
  status: 'revoked' | 'already_done' | 'nothing_unused' | 'not_granted';
}

export interface RefundOutcome {
  kind: 'refunded';
  eventId: string | null;
  chargeId: string;
  sessionId: string;
  accountId: string;
  ticketId: string | null;
  amountRefundedMinor: number;
  fullyRefunded: boolean;
  refunds: RefundLine[];
  balance: number;
}

/** Credits covered by a cumulative refunded amount: rounded down, all of them once fully refunded. */
export function creditsCovered(credits: number, amountPaid: number, refundedSoFar: number): number {
  if (refundedSoFar >= amountPaid) return credits;
  return Math.floor((credits * refundedSoFar) / amountPaid);
}

async function retrieveCharge(stripe: Stripe, chargeId: string): Promise<Stripe.Charge> {
  try {
    return await stripe.charges.retrieve(chargeId, { expand: ['refunds'] });
  } catch (e) {
    if ((e as { statusCode?: number }).statusCode === 404) {
      throw new PaymentError(
        'unknown_charge',
        `Stripe has no charge "${chargeId}": the event did not come from this Stripe account, or the secret key is for the other mode (test vs live).`,
        'data.object.id',
        { cause: e },
      );
    }
    throw stripeFailure(`retrieve charge ${chargeId}`, e);
  }
}

async function sessionForCharge(stripe: Stripe, charge: Stripe.Charge): Promise<Stripe.Checkout.Session> {
  const pi = typeof charge.payment_intent === 'string' ? charge.payment_intent : charge.payment_intent?.id;
  if (!pi)
    throw new PaymentError(
      'unknown_session',
      `Charge ${charge.id} has no payment intent, so it did not come from a Checkout Session of SupportGate.`,
      'payment_intent',
    );
  let list: Stripe.ApiList<Stripe.Checkout.Session>;
  try {
    list = await stripe.checkout.sessions.list({ payment_intent: pi, limit: 1 });
  } catch (e) {
    throw stripeFailure(`list Checkout Sessions of payment intent ${pi}`, e);
  }
  if (list.data.length === 0)
    throw new PaymentError(
      'unknown_session',
      `No Checkout Session paid charge ${charge.id} (payment intent ${pi}): it was not a SupportGate payment.`,
      'payment_intent',
    );
  return list.data[0];
}

export async function processRefund(deps: PaymentDeps, chargeId: string, eventId: string | null): Promise<RefundOutcome> {
  const { stripe, ledger } = deps;
  const charge = await retrieveCharge(stripe, chargeId);
  const owned = await ownedSession(ledger, await sessionForCharge(stripe, charge));
  const { accountId, credits } = owned;
  const grantKey = sessionGrantKey(owned.session.id);
  const granted = await ledger.hasJournalEntry(accountId, grantKey);
  const refunds = (charge.refunds?.data ?? [])
    .filter((r) => r.status === 'succeeded' || r.status === 'pending')
    .sort((a, b) => a.created - b.created || a.id.localeCompare(b.id));
  const lines: RefundLine[] = [];
  let cumulative = 0;
  for (const refund of refunds) {
    const before = creditsCovered(credits, charge.amount, cumulative);
    cumulative += refund.amount;
    const creditsRefunded = creditsCovered(credits, charge.amount, cumulative) - before;
    const key = refundRevokeKey(refund.id);
    const line = { refundId: refund.id, amountMinor: refund.amount, creditsRefunded };
    if (!granted) {
      lines.push({ ...line, creditsRevoked: 0, status: 'not_granted' });
      continue;
    }
    if (await ledger.hasJournalEntry(accountId, key)) {
      lines.push({ ...line, creditsRevoked: 0, status: 'already_done' });
      continue;
    }
    // Unused only shrinks over time (debits and revokes only add up), so a replay never asks for more.
    const usage = await ledger.usageSince(accountId, grantKey);
    const unused = Math.max(0, credits - usage.debited - usage.revoked);
    const toRevoke = Math.min(creditsRefunded, unused);
    if (toRevoke === 0) {
      lines.push({ ...line, creditsRevoked: 0, status: 'nothing_unused' });
      continue;
    }
    const price = formatPrice(refund.amount, charge.currency, 'en');
    const note =
      `Stripe refund ${refund.id} of ${price} on charge ${charge.id} (Checkout Session ${owned.session.id}): ` +
      `revoking ${toRevoke} of ${credits} credit(s) bought; ${usage.debited} used and ${usage.revoked} already taken back since the purchase.`;
    const moved = await ledger.revoke(accountId, toRevoke, key, STRIPE_ACTOR, note);
    lines.push({ ...line, creditsRevoked: moved.credits, status: moved.status === 'done' ? 'revoked' : 'already_done' });
  }
  if (charge.refunded && owned.request.status !== 'refunded') await ledger.markPaymentRequest(owned.session.id, 'refunded');
  return {
    kind: 'refunded',
    eventId,
    chargeId: charge.id,
    sessionId: owned.session.id,
    accountId,
    ticketId: owned.ticketId,
    amountRefundedMinor: charge.amount_refunded,
    fullyRefunded: charge.refunded,
    refunds: lines,
    balance: await ledger.balance(accountId),
  };
}
