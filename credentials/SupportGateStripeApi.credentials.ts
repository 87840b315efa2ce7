import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * Stripe for SupportGate. n8n's own "Stripe API" credential holds only the secret key and always
 * talks to api.stripe.com; this one adds the webhook signing secret (raw-webhook mode) and the API
 * base URL (a proxy, or a local Stripe-protocol server in tests).
 */
export class SupportGateStripeApi implements ICredentialType {
  name = 'supportGateStripeApi';

  displayName = 'SupportGate Stripe API';

  icon: Icon = { light: 'file:supportgate-stripe-api.svg', dark: 'file:supportgate-stripe-api.dark.svg' };

  documentationUrl = 'https://github.com/supportgate/n8n-nodes-supportgate#payments-stripe';

  properties: INodeProperties[] = [
    {
      displayName: 'Secret Key',
      name: 'secretKey',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      required: true,
      placeholder: 'sk_live_…',
      description:
        'Stripe dashboard → Developers → API keys. A restricted key (rk_…) needs write access to Checkout Sessions and read access to Charges.',
    },
    {
      displayName: 'Webhook Signing Secret',
      name: 'webhookSigningSecret',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      placeholder: 'whsec_…',
      description: 'Only for Process Stripe Payment in "Raw Webhook Body" mode: the signing secret of the webhook endpoint',
    },
    {
      displayName: 'API Base URL',
      name: 'apiBaseUrl',
      type: 'string',
      default: 'https://api.stripe.com',
      description: 'Leave as is unless Stripe is reached through a proxy',
    },
  ];

  authenticate: IAuthenticateGeneric = {
    type: 'generic',
    properties: { headers: { Authorization: '=Bearer {{$credentials.secretKey}}' } },
  };

  /** "Test" reads the account balance: proves the key and the base URL without side effects. */
  test: ICredentialTestRequest = {
    request: { baseURL: '={{$credentials.apiBaseUrl || "https://api.stripe.com"}}', url: '/v1/balance' },
  };
}
