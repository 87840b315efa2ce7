import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { ledger } from '../../../core';
import type { OutputLayout } from '../../shared/item-loop';
import { ledgerOf } from '../../shared/ledger-connection';
import { route, type NodeOperation } from '../../shared/router';
import * as account from './account';
import * as credits from './credits';
import * as intake from './intake';
import * as project from './project';
import * as recipient from './recipient';
import * as ticket from './ticket';

const resources = { project, recipient, account, credits, ticket, intake };

/** Done, and Failed: a failed grant or status change never looks like a done one downstream. */
const LAYOUT: OutputLayout = { outputs: 2, failedOutput: 1 };

/** Every operation by `resource/operation`. */
const operations: Record<string, NodeOperation<ledger.Ledger>> = Object.fromEntries(
  Object.entries(resources).flatMap(([name, r]) => Object.entries(r.operations).map(([op, impl]) => [`${name}/${op}`, impl])),
);

export const resourceProperty: INodeProperties = {
  displayName: 'Resource',
  name: 'resource',
  type: 'options',
  noDataExpression: true,
  options: [
    { name: 'Account', value: 'account', description: 'A client: its senders and domains share one balance' },
    { name: 'Credit', value: 'credits' },
    { name: 'Intake Journal', value: 'intake', description: 'Every mail an intake saw, and what was sent for it' },
    { name: 'Project', value: 'project' },
    { name: 'Recipient', value: 'recipient', description: 'An authorized support address of a project' },
    { name: 'Ticket', value: 'ticket' },
  ],
  default: 'credits',
};

/** The node's fields: the resource, each resource's operation selector, then each operation's own fields. */
export const properties: INodeProperties[] = [
  resourceProperty,
  ...Object.values(resources).map((r) => r.operationProperty),
  ...Object.values(operations).flatMap((op) => op.description),
];

export function router(ctx: IExecuteFunctions): Promise<INodeExecutionData[][]> {
  return route(ctx, { layout: LAYOUT, setup: ledgerOf, operations });
}
