import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { GRAPH_CREDENTIAL } from '../shared/graph-connection';
import { FAILED_OUTPUT } from '../shared/item-loop';
import { LEDGER_CREDENTIAL } from '../shared/ledger-connection';
import { properties, router } from './actions/router';

/** Acts on Outlook mail through Microsoft Graph (app-only): threaded reply, SupportGate category, move, send. */
// Moves money or sends mail: never an AI agent's tool (a client's mail could steer its arguments).
// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool
export class OutlookSupportActions implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Outlook Support Actions',
    name: 'outlookSupportActions',
    icon: { light: 'file:outlook-support-actions.svg', dark: 'file:outlook-support-actions.dark.svg' },
    group: ['output'],
    version: 1,
    subtitle:
      '={{ {"replyInThread": "reply in the client thread", "setCategory": "set the SupportGate category", "moveMessage": "move the message", "sendEmail": "send an email", "listUncategorizedRecent": "list uncategorized recent mail"}[$parameter["operation"]] }}',
    description: 'Reply in the thread with the ticket tag, set a SupportGate category, move or send mail in an Outlook support mailbox',
    // An http(s) URL is opened as it is; a codex link gets n8n's tracking query appended after the #.
    documentationUrl: 'https://github.com/supportgate/n8n-nodes-supportgate#outlook-microsoft-graph',
    defaults: { name: 'Outlook Support Actions' },
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
    outputNames: ['Done', FAILED_OUTPUT],
    credentials: [
      { name: GRAPH_CREDENTIAL, required: true },
      { name: LEDGER_CREDENTIAL, required: true },
    ],
    properties,
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    return router(this);
  }
}
