/** The fields several Ledger operations show, each built for one resource and operation. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { Routed } from '../../shared/item-loop';
import { textParam } from '../../shared/params';

export interface At {
  resource: string;
  operation: string;
}

export const shownAt = (at: At) => ({ show: { resource: [at.resource], operation: [at.operation] } });

export const projectField = (at: At): INodeProperties => ({
  displayName: 'Project',
  name: 'project',
  type: 'string',
  required: true,
  default: '',
  placeholder: 'acme-support',
  description: 'Project name or ID',
  displayOptions: shownAt(at),
});
export const senderField = (at: At): INodeProperties => ({
  displayName: 'Sender',
  name: 'sender',
  type: 'string',
  required: true,
  default: '',
  placeholder: 'jane@client.fr',
  displayOptions: shownAt(at),
});
export const noteField = (at: At): INodeProperties => ({
  displayName: 'Note',
  name: 'note',
  type: 'string',
  default: '',
  displayOptions: shownAt(at),
});
export const actorField = (at: At): INodeProperties => ({
  displayName: 'Actor',
  name: 'actor',
  type: 'string',
  default: 'n8n',
  description: 'Who does this, for the journal',
  displayOptions: shownAt(at),
});
export const limitField = (at: At): INodeProperties => ({
  displayName: 'Limit',
  name: 'limit',
  type: 'number',
  typeOptions: { minValue: 1 },
  default: 50,
  description: 'Max number of results to return',
  displayOptions: shownAt(at),
});
export const ticketNumberField = (at: At): INodeProperties => ({
  displayName: 'Ticket Number',
  name: 'ticketNumber',
  type: 'number',
  required: true,
  default: 0,
  displayOptions: shownAt(at),
});

export const dryRunField = (at: At): INodeProperties => ({
  displayName: 'Dry Run',
  name: 'dryRun',
  type: 'boolean',
  default: false,
  description: 'Whether to only count what the sweep would do, changing nothing',
  displayOptions: shownAt(at),
});

/** The names staff give (project, sender) as the staff operations of the core take them. */
export const senderRef = (ctx: IExecuteFunctions, i: number) => ({
  project: textParam(ctx, 'project', i),
  sender: textParam(ctx, 'sender', i),
});
export const ticketRef = (ctx: IExecuteFunctions, i: number) => ({
  project: textParam(ctx, 'project', i),
  ticketNumber: ctx.getNodeParameter('ticketNumber', i) as number,
});
export const actorOf = (ctx: IExecuteFunctions, i: number) => textParam(ctx, 'actor', i) || 'n8n';

/** Every Ledger result goes to Done, one item per record. */
export const done = (result: object | object[]): Routed[] =>
  (Array.isArray(result) ? result : [result]).map((json) => ({ output: 0, json: { ...json } as IDataObject }));

/** The operation selector of one resource. */
export const operationSelector = (resource: string, options: Array<[string, string, string]>, dflt: string): INodeProperties => ({
  displayName: 'Operation',
  name: 'operation',
  type: 'options',
  noDataExpression: true,
  displayOptions: { show: { resource: [resource] } },
  options: options.map(([name, value, action]) => ({ name, value, action })),
  default: dflt,
});
