import {
  NodeConnectionTypes,
  type IExecuteFunctions,
  type INodeExecutionData,
  type INodeType,
  type INodeTypeDescription,
} from 'n8n-workflow';
import { payments } from '../../core';
import { errorJson, toNodeError } from '../shared/errors';
import { LEDGER_CREDENTIAL, getLedger, ledgerConfigFrom } from '../shared/ledger-connection';
import { STRIPE_CREDENTIAL, stripeFrom } from '../shared/stripe-connection';
import { properties } from './description';
import { OUTPUTS, processItem } from './execute';

export class ProcessStripePayment implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Process Stripe Payment',
    name: 'processStripePayment',
    icon: 'file:supportgate.svg',
    group: ['transform'],
    version: 1,
    subtitle: '={{$parameter["mode"] === "rawWebhook" ? "signed webhook" : "Stripe event"}}',
    description: 'Grants paid credits once (re-fetched from Stripe), releases the held tickets of the account, handles expiries and refunds',
    defaults: { name: 'Process Stripe Payment' },
    usableAsTool: true,
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
    const items = this.getInputData();
    const out: INodeExecutionData[][] = OUTPUTS.map(() => []);
    let store;
    let stripe;
    let secret;
    try {
      store = await getLedger(ledgerConfigFrom(await this.getCredentials(LEDGER_CREDENTIAL)));
      const credential = await this.getCredentials(STRIPE_CREDENTIAL);
      stripe = stripeFrom(credential);
      secret = String(credential.webhookSigningSecret ?? '');
    } catch (error) {
      throw toNodeError(this.getNode(), error, 0);
    }
    const deps = { stripe, ledger: payments.ledgerPaymentPort(store) };
    for (let i = 0; i < items.length; i++) {
      try {
        const [output, json] = await processItem(this, i, store, deps, secret);
        out[output].push({ json, pairedItem: { item: i } });
      } catch (error) {
        const nodeError = toNodeError(this.getNode(), error, i);
        if (!this.continueOnFail()) throw nodeError;
        // Never on "Paid" (it confirms to the client and tells staff money arrived): with Ignored.
        out[OUTPUTS.indexOf('Ignored')].push({ json: errorJson(nodeError), pairedItem: { item: i } });
      }
    }
    return out;
  }
}
