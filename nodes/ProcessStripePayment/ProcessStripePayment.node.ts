import {
  NodeConnectionTypes,
  type IExecuteFunctions,
  type INodeExecutionData,
  type INodeType,
  type INodeTypeDescription,
} from 'n8n-workflow';
import { LEDGER_CREDENTIAL } from '../shared/ledger-connection';
import { operationProperties } from '../shared/router';
import { STRIPE_CREDENTIAL } from '../shared/stripe-connection';
import { OUTPUTS, operations, router } from './actions/router';

// Moves money or sends mail: never an AI agent's tool (a client's mail could steer its arguments).
// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool
export class ProcessStripePayment implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Process Stripe Payment',
    name: 'processStripePayment',
    icon: { light: 'file:process-stripe-payment.svg', dark: 'file:process-stripe-payment.dark.svg' },
    group: ['transform'],
    version: 1,
    subtitle: '={{$parameter["mode"] === "rawWebhook" ? "signed webhook" : "Stripe event"}}',
    description:
      'Grants paid credits once (re-fetched from Stripe), releases the held tickets of the account, handles expiries and refunds',
    // An http(s) URL is opened as it is; a codex link gets n8n's tracking query appended after the #.
    documentationUrl: 'https://github.com/supportgate/n8n-nodes-supportgate#payments-stripe',
    defaults: { name: 'Process Stripe Payment' },
    inputs: [NodeConnectionTypes.Main],
    outputs: OUTPUTS.map(() => NodeConnectionTypes.Main),
    outputNames: [...OUTPUTS],
    credentials: [
      { name: LEDGER_CREDENTIAL, required: true },
      { name: STRIPE_CREDENTIAL, required: true },
    ],
    properties: operationProperties(operations),
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    return router(this);
  }
}
