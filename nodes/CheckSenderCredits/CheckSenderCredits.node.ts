import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { FAILED_OUTPUT } from '../shared/item-loop';
import { LEDGER_CREDENTIAL } from '../shared/ledger-connection';
import { operationProperties } from '../shared/router';
import { operations, router } from './actions/router';

/**
 * The credits gate, before any paid call: is the mail for one of our support addresses, from an
 * authorized and authentic client, a follow-up (free) or a new request, and is there credit?
 */
export class CheckSenderCredits implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Check Sender Credits',
    name: 'checkSenderCredits',
    icon: { light: 'file:check-sender-credits.svg', dark: 'file:check-sender-credits.dark.svg' },
    group: ['transform'],
    version: 1,
    subtitle: '={{$parameter["project"] ? "project " + $parameter["project"] : "project from recipient"}}',
    description: 'Route an incoming email: has credit, no credit, follow-up to a ticket, or not authorized',
    // An http(s) URL is opened as it is; a codex link gets n8n's tracking query appended after the #.
    documentationUrl: 'https://github.com/supportgate/n8n-nodes-supportgate#sender-authentication',
    defaults: { name: 'Check Sender Credits' },
    usableAsTool: true,
    inputs: [NodeConnectionTypes.Main],
    outputs: [
      NodeConnectionTypes.Main,
      NodeConnectionTypes.Main,
      NodeConnectionTypes.Main,
      NodeConnectionTypes.Main,
      NodeConnectionTypes.Main,
    ],
    outputNames: ['Has credit', 'No credit', 'Follow-up', 'Not authorized', FAILED_OUTPUT],
    credentials: [{ name: LEDGER_CREDENTIAL, required: true }],
    properties: operationProperties(operations),
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    return router(this);
  }
}
