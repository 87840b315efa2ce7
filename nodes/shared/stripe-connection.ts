import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { payments } from '../../core';

export const STRIPE_CREDENTIAL = 'supportGateStripeApi';

/** The Stripe client a "SupportGate Stripe" credential describes. */
export function stripeFrom(credential: ICredentialDataDecryptedObject): ReturnType<typeof payments.stripeClient> {
  return payments.stripeClient({ secretKey: String(credential.secretKey ?? ''), apiBaseUrl: String(credential.apiBaseUrl ?? '') });
}
