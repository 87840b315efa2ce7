import {
  NodeConnectionTypes,
  type IExecuteFunctions,
  type INodeExecutionData,
  type INodeType,
  type INodeTypeDescription,
} from 'n8n-workflow';
import { payments } from '../../core';
import { FAILED_OUTPUT, failEveryItem, forEachItem, type OutputLayout } from '../shared/item-loop';
import { LEDGER_CREDENTIAL, getLedger, ledgerConfigFrom } from '../shared/ledger-connection';
import { STRIPE_CREDENTIAL, stripeFrom } from '../shared/stripe-connection';
import { properties } from './description';
import { createLinkForItem } from './execute';

/** Link, and Failed: a failed item never reaches the "reply with link" step. */
const LAYOUT: OutputLayout = { outputs: 2, failedOutput: 1 };

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
    properties,
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    let store;
    let stripe;
    try {
      store = await getLedger(ledgerConfigFrom(await this.getCredentials(LEDGER_CREDENTIAL)));
      stripe = stripeFrom(await this.getCredentials(STRIPE_CREDENTIAL));
    } catch (error) {
      return failEveryItem(this, LAYOUT, error);
    }
    const ledger = store;
    const deps = { stripe, ledger: payments.ledgerPaymentPort(ledger) };
    return forEachItem(this, LAYOUT, async (i) => ({ output: 0, json: await createLinkForItem(this, i, ledger, deps) }));
  }
}
