import type { ICredentialDataDecryptedObject, IExecuteFunctions } from 'n8n-workflow';
import { payments } from '../../core';
import { ledgerOf } from './ledger-connection';

export const STRIPE_CREDENTIAL = 'supportGateStripeApi';

/** The Stripe client a "SupportGate Stripe" credential describes. */
export function stripeFrom(credential: ICredentialDataDecryptedObject): ReturnType<typeof payments.stripeClient> {
  return payments.stripeClient({ secretKey: String(credential.secretKey ?? ''), apiBaseUrl: String(credential.apiBaseUrl ?? '') });
}

/** A router setup for the nodes that move money: the ledger and Stripe, as the payments core takes them. */
export async function paymentsSetupOf(ctx: IExecuteFunctions) {
  const store = await ledgerOf(ctx);
  const credential = await ctx.getCredentials(STRIPE_CREDENTIAL);
  const deps = { stripe: stripeFrom(credential), ledger: payments.ledgerPaymentPort(store) };
  return { store, deps, webhookSecret: String(credential.webhookSigningSecret ?? '') };
}
export type PaymentsSetup = Awaited<ReturnType<typeof paymentsSetupOf>>;
