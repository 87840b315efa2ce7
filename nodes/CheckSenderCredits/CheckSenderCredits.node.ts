import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { tickets } from '../../core';
import { FAILED_OUTPUT, forEachItemOnLedger, type OutputLayout } from '../shared/item-loop';
import { LEDGER_CREDENTIAL } from '../shared/ledger-connection';
import { decisionJson, supportEmailOf } from '../shared/gate-json';

const OUTPUTS: Record<tickets.GateRoute, number> = { has_credit: 0, no_credit: 1, follow_up: 2, not_authorized: 3 };
// An item we could not check is never routed as paid-up nor labelled "ignored": it takes Failed,
// stays unlabelled, and the reconcile sweep drives it again.
const LAYOUT: OutputLayout = { outputs: 5, failedOutput: 4 };

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
    outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main],
    outputNames: ['Has credit', 'No credit', 'Follow-up', 'Not authorized', FAILED_OUTPUT],
    credentials: [{ name: LEDGER_CREDENTIAL, required: true }],
    properties: [
      { displayName: 'Project', name: 'project', type: 'string', default: '', placeholder: 'acme-support', description: 'Project name or ID. Leave empty to find the project from the recipient address (To, Cc, Delivered-To).' },
      {
        displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {},
        options: [
          { displayName: 'Ticket Tag Format', name: 'tagFormat', type: 'string', default: '', placeholder: '[SG-{{number}}]', description: 'Overrides the project setting ticketTagFormat; must contain {{number}}, e.g. [{{number}}]' },
          { displayName: 'Trusted Authserv-ID', name: 'trustedAuthservId', type: 'string', default: '', placeholder: 'mx.google.com', description: 'Receiving host whose Authentication-Results are trusted. Default: project setting trustedAuthservId, else the topmost header.' },
          { displayName: 'Reply to Closed Ticket Is Follow-Up', name: 'followUpClosed', type: 'boolean', default: false, description: 'Whether a reply in the thread of a closed ticket is a free follow-up (off: it is a new request)' },
        ],
      },
    ],
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    return forEachItemOnLedger(this, LAYOUT, async (ledger, i) => {
      const item = this.getInputData()[i];
      const options = this.getNodeParameter('options', i, {}) as { tagFormat?: string; trustedAuthservId?: string; followUpClosed?: boolean };
      const project = (this.getNodeParameter('project', i, '') as string).trim() || null;
      const email = await supportEmailOf(item.json, item.binary);
      const decision = await tickets.checkSender(ledger, email, { project, ...options });
      const format = tickets.tagFormatOf(decision.project, options.tagFormat);
      return { output: OUTPUTS[decision.route], json: decisionJson(email, decision, format) };
    });
  }
}
