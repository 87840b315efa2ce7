import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { FAILED_OUTPUT } from '../shared/item-loop';
import { LEDGER_CREDENTIAL } from '../shared/ledger-connection';
import { GMAIL_CREDENTIAL } from './actions/fields';
import { properties, router } from './actions/router';

/** Gmail operations n8n's Gmail node lacks: threaded auto-replies, nested labels, reconcile sweep. */
// Moves money or sends mail: never an AI agent's tool (a client's mail could steer its arguments).
// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool
export class GmailSupportActions implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Gmail Support Actions',
    name: 'gmailSupportActions',
    icon: { light: 'file:gmail-support-actions.svg', dark: 'file:gmail-support-actions.dark.svg' },
    group: ['output'],
    version: 1,
    subtitle:
      '={{ {"replyInThread": "reply in the client thread", "labelMessage": "label the message", "sendEmail": "send an email", "listUnlabeledRecent": "list unlabeled recent mail"}[$parameter["operation"]] }}',
    description: "Reply in the client's Gmail thread, label messages, list recent unhandled mail",
    // An http(s) URL is opened as it is; a codex link gets n8n's tracking query appended after the #.
    documentationUrl: 'https://github.com/supportgate/n8n-nodes-supportgate#nodes-and-credentials',
    defaults: { name: 'Gmail Support Actions' },
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
    outputNames: ['Done', FAILED_OUTPUT],
    credentials: [
      { name: GMAIL_CREDENTIAL, required: true },
      { name: LEDGER_CREDENTIAL, required: true },
    ],
    properties,
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    return router(this);
  }
}
