import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { tickets, type ledger } from '../../../core';
import { decisionJson, supportEmailOf } from '../../shared/gate-json';

/** Output index of each gate route, in the order of the node's outputNames. */
const OUTPUT_OF: Record<tickets.GateRoute, number> = { has_credit: 0, no_credit: 1, follow_up: 2, not_authorized: 3 };

export const description: INodeProperties[] = [
  {
    displayName: 'Project',
    name: 'project',
    type: 'string',
    default: '',
    placeholder: 'acme-support',
    description: 'Project name or ID. Leave empty to find the project from the recipient address (To, Cc, Delivered-To).',
  },
  {
    displayName: 'Options',
    name: 'options',
    type: 'collection',
    placeholder: 'Add Option',
    default: {},
    options: [
      {
        displayName: 'Ticket Tag Format',
        name: 'tagFormat',
        type: 'string',
        default: '',
        placeholder: '[SG-{{number}}]',
        description: 'Overrides the project setting ticketTagFormat; must contain {{number}}, e.g. [{{number}}]',
      },
      {
        displayName: 'Trusted Authserv-ID',
        name: 'trustedAuthservId',
        type: 'string',
        default: '',
        placeholder: 'mx.google.com',
        description:
          'Receiving host whose Authentication-Results are trusted. Default: project setting trustedAuthservId, else the topmost header.',
      },
      {
        displayName: 'Reply to Closed Ticket Is Follow-Up',
        name: 'followUpClosed',
        type: 'boolean',
        default: false,
        description: 'Whether a reply in the thread of a closed ticket is a free follow-up (off: it is a new request)',
      },
    ],
  },
];

/** The gate decides (core/tickets); the node only reads its parameters and picks the output. */
export async function execute(ctx: IExecuteFunctions, i: number, store: ledger.Ledger) {
  const item = ctx.getInputData()[i];
  const options = ctx.getNodeParameter('options', i, {}) as { tagFormat?: string; trustedAuthservId?: string; followUpClosed?: boolean };
  const project = (ctx.getNodeParameter('project', i, '') as string).trim() || null;
  const email = await supportEmailOf(item.json, item.binary);
  const decision = await tickets.checkSender(store, email, { project, ...options });
  const format = tickets.tagFormatOf(decision.project, options.tagFormat);
  // Every mail the gate sees is journaled: a run n8n loses can be found and driven again.
  const intake = await tickets.recordIntake(store, email, decision);
  return { output: OUTPUT_OF[decision.route], json: { ...decisionJson(email, decision, format), intake: { ...intake } } };
}
