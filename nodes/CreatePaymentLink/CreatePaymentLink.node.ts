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
import { createLinkForItem } from './execute';

export class CreatePaymentLink implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Create Payment Link',
    name: 'createPaymentLink',
    icon: 'file:supportgate.svg',
    group: ['transform'],
    version: 1,
    subtitle: '={{"Stripe Checkout, " + $parameter["credits"] + " credit(s)"}}',
    description: 'Stripe Checkout link for a client without credit (one open link per account), with the reply that carries it',
    defaults: { name: 'Create Payment Link' },
    usableAsTool: true,
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main],
    credentials: [
      { name: LEDGER_CREDENTIAL, required: true },
      { name: STRIPE_CREDENTIAL, required: true },
    ],
    properties,
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    const items = this.getInputData();
    const out: INodeExecutionData[] = [];
    let store;
    let stripe;
    try {
      store = await getLedger(ledgerConfigFrom(await this.getCredentials(LEDGER_CREDENTIAL)));
      stripe = stripeFrom(await this.getCredentials(STRIPE_CREDENTIAL));
    } catch (error) {
      throw toNodeError(this.getNode(), error, 0);
    }
    const deps = { stripe, ledger: payments.ledgerPaymentPort(store) };
    for (let i = 0; i < items.length; i++) {
      try {
        out.push({ json: await createLinkForItem(this, i, store, deps), pairedItem: { item: i } });
      } catch (error) {
        const nodeError = toNodeError(this.getNode(), error, i);
        if (!this.continueOnFail()) throw nodeError;
        out.push({ json: errorJson(nodeError), pairedItem: { item: i } });
      }
    }
    return [out];
  }
}
