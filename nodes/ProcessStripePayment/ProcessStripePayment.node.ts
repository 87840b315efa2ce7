import {
  NodeConnectionTypes,
  type IExecuteFunctions,
  type INodeExecutionData,
  type INodeType,
  type INodeTypeDescription,
} from 'n8n-workflow';
import { payments } from '../../core';
import { failEveryItem, forEachItem, type OutputLayout } from '../shared/item-loop';
import { LEDGER_CREDENTIAL, getLedger, ledgerConfigFrom } from '../shared/ledger-connection';
import { STRIPE_CREDENTIAL, stripeFrom } from '../shared/stripe-connection';
import { properties } from './description';
import { OUTPUTS, processItem } from './execute';

// Never on "Paid" (it confirms to the client and tells staff money arrived): a failure is Ignored.
const LAYOUT: OutputLayout = { outputs: OUTPUTS.length, failedOutput: OUTPUTS.indexOf('Ignored') };

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
    description: 'Grants paid credits once (re-fetched from Stripe), releases the held tickets of the account, handles expiries and refunds',
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
    properties,
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    let store;
    let stripe;
    let secret;
    try {
      store = await getLedger(ledgerConfigFrom(await this.getCredentials(LEDGER_CREDENTIAL)));
      const credential = await this.getCredentials(STRIPE_CREDENTIAL);
      stripe = stripeFrom(credential);
      secret = String(credential.webhookSigningSecret ?? '');
    } catch (error) {
      return failEveryItem(this, LAYOUT, error);
    }
    const ledger = store;
    const deps = { stripe, ledger: payments.ledgerPaymentPort(ledger) };
    return forEachItem(this, LAYOUT, async (i) => {
      const [output, json] = await processItem(this, i, ledger, deps, secret);
      return { output, json };
    });
  }
}
