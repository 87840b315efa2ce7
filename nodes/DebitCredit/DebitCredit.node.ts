import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { FAILED_OUTPUT } from '../shared/item-loop';
import { LEDGER_CREDENTIAL } from '../shared/ledger-connection';
import { operationProperties } from '../shared/router';
import { operations, router } from './actions/router';

/** One credit per request: opens ticket [SG-n] and debits, idempotently per project and Message-ID. */
// Moves money or sends mail: never an AI agent's tool (a client's mail could steer its arguments).
// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool
export class DebitCredit implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Debit Credit',
    name: 'debitCredit',
    icon: { light: 'file:debit-credit.svg', dark: 'file:debit-credit.dark.svg' },
    group: ['transform'],
    version: 1,
    subtitle: 'one credit per request',
    description:
      'Open a ticket and debit one credit (never twice for one email; duplicates join the open ticket; an unauthenticated sender confirms first)',
    // An http(s) URL is opened as it is; a codex link gets n8n's tracking query appended after the #.
    documentationUrl: 'https://github.com/supportgate/n8n-nodes-supportgate#the-ledger',
    defaults: { name: 'Debit Credit' },
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main],
    outputNames: ['Debited', 'No credit', 'Needs confirmation', FAILED_OUTPUT],
    credentials: [{ name: LEDGER_CREDENTIAL, required: true }],
    properties: operationProperties(operations),
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    return router(this);
  }
}
