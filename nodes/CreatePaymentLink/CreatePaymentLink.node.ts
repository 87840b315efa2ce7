import {
  NodeConnectionTypes,
  type IExecuteFunctions,
  type INodeExecutionData,
  type INodeType,
  type INodeTypeDescription,
} from 'n8n-workflow';
import { FAILED_OUTPUT } from '../shared/item-loop';
import { LEDGER_CREDENTIAL } from '../shared/ledger-connection';
import { operationProperties } from '../shared/router';
import { STRIPE_CREDENTIAL } from '../shared/stripe-connection';
import { operations, router } from './actions/router';

// Moves money or sends mail: never an AI agent's tool (a client's mail could steer its arguments).
// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool
export class CreatePaymentLink implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Create Payment Link',
    name: 'createPaymentLink',
    icon: { light: 'file:create-payment-link.svg', dark: 'file:create-payment-link.dark.svg' },
    group: ['transform'],
    version: 1,
    subtitle: '={{"Stripe Checkout, " + $parameter["credits"] + " credit(s)"}}',
    description: 'Stripe Checkout link for a client without credit (one open link per account), with the reply that carries it',
    // An http(s) URL is opened as it is; a codex link gets n8n's tracking query appended after the #.
    documentationUrl: 'https://github.com/supportgate/n8n-nodes-supportgate#payments-stripe',
    defaults: { name: 'Create Payment Link' },
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
    outputNames: ['Link', FAILED_OUTPUT],
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
