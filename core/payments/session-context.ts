/**
 * Fetching a Checkout Session from Stripe and proving it is ours. Event bodies are never trusted
 * (n8n's Stripe Trigger verifies nothing in older versions): only the ids they carry are used,
 * and everything else comes from Stripe's API and our own ledger.
 */
import type Stripe from 'stripe';
import { PaymentError, stripeFailure } from './errors';
import { METADATA } from './keys';
import { PaymentLedgerPort, PaymentRequestRecord } from './ports';

export interface OwnedSession {
  session: Stripe.Checkout.Session;
  request: PaymentRequestRecord;
  projectId: string;
  accountId: string;
  ticketId: string | null;
  credits: number;
}

function isMissing(e: unknown): boolean {
  const err = e as { statusCode?: number; code?: string };
  return err?.statusCode === 404 || err?.code === 'resource_missing';
}

export async function retrieveSession(stripe: Stripe, sessionId: string): Promise<Stripe.Checkout.Session> {
  try {
    return await stripe.checkout.sessions.retrieve(sessionId);
  } catch (e) {
    if (isMissing(e)) {
      throw new PaymentError(
        'unknown_session',
        `Stripe has no Checkout Session "${sessionId}": the event did not come from this Stripe account, or the secret key is for the other mode (test vs live).`,
        'data.object.id',
        { cause: e },
      );
    }
    throw stripeFailure(`retrieve Checkout Session ${sessionId}`, e);
  }
}

/** Checks the session carries SupportGate metadata that matches a payment request of ours. */
export async function ownedSession(ledger: PaymentLedgerPort, session: Stripe.Checkout.Session): Promise<OwnedSession> {
  const meta = session.metadata ?? {};
  for (const key of [METADATA.project, METADATA.account, METADATA.credits]) {
    if (!meta[key]) {
      throw new PaymentError(
        'unknown_session',
        `Checkout Session ${session.id} was not created by SupportGate: its metadata has no ${key}. Ignore this event or filter the Stripe trigger to SupportGate sessions.`,
        `metadata.${key}`,
      );
    }
  }
  const request = await ledger.getPaymentRequestBySession(session.id);
  if (!request) {
    throw new PaymentError(
      'unknown_session',
      `Checkout Session ${session.id} (project ${meta[METADATA.project]}) has no payment request in this ledger: it was created by another SupportGate instance or database.`,
      'data.object.id',
    );
  }
  const credits = Number(meta[METADATA.credits]);
  if (request.projectId !== meta[METADATA.project] || request.accountId !== meta[METADATA.account] || request.credits !== credits) {
    throw new PaymentError(
      'session_mismatch',
      `Checkout Session ${session.id}: Stripe metadata (project ${meta[METADATA.project]}, account ${meta[METADATA.account]}, ${meta[METADATA.credits]} credits) disagrees with the payment request (project ${request.projectId}, account ${request.accountId}, ${request.credits} credits); nothing was granted.`,
      'metadata',
    );
  }
  return {
    session,
    request,
    projectId: request.projectId,
    accountId: request.accountId,
    ticketId: request.ticketId ?? meta[METADATA.ticket] ?? null,
    credits,
  };
}
