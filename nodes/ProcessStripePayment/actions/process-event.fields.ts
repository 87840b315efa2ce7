import type { INodeProperties } from 'n8n-workflow';

export const properties: INodeProperties[] = [
  {
    displayName: 'Input',
    name: 'mode',
    type: 'options',
    noDataExpression: true,
    options: [
      {
        name: 'Stripe Event (Stripe Trigger Output)',
        value: 'event',
        description: 'The item is the Stripe event; its objects are fetched again from Stripe',
      },
      {
        name: 'Raw Webhook Body (Signed)',
        value: 'rawWebhook',
        description: 'From a Webhook node with the Raw Body option: Stripe-Signature is verified and replays are rejected',
      },
    ],
    default: 'event',
  },
  {
    displayName: 'Raw Body Binary Property',
    name: 'binaryProperty',
    type: 'string',
    default: 'data',
    description: 'Where the Webhook node put the raw body (option "Raw Body")',
    displayOptions: { show: { mode: ['rawWebhook'] } },
  },
  {
    displayName: 'Stripe-Signature Header',
    name: 'signature',
    type: 'string',
    default: '={{ $json.headers["stripe-signature"] }}',
    displayOptions: { show: { mode: ['rawWebhook'] } },
  },
  {
    displayName: 'Tolerance (Seconds)',
    name: 'toleranceSeconds',
    type: 'number',
    typeOptions: { minValue: 1 },
    default: 300,
    description: 'Signatures older than this are rejected as replays',
    displayOptions: { show: { mode: ['rawWebhook'] } },
  },
];
