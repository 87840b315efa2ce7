import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { staff, type ledger } from '../../../../core';
import { textParam } from '../../../shared/params';
import { actorField, actorOf, done, noteField, projectField, shownAt, ticketNumberField, ticketRef } from '../fields';

const at = { resource: 'ticket', operation: 'setStatus' };
export const description: INodeProperties[] = [
  projectField(at),
  ticketNumberField(at),
  {
    displayName: 'Status',
    name: 'status',
    type: 'options',
    default: 'in_progress',
    displayOptions: shownAt(at),
    options: [
      { name: 'Closed', value: 'closed' },
      { name: 'In Progress', value: 'in_progress' },
      { name: 'New', value: 'new' },
      { name: 'Resolved', value: 'resolved' },
      { name: 'Waiting for Client', value: 'waiting_client' },
      { name: 'Waiting for Payment', value: 'waiting_payment' },
    ],
  },
  noteField(at),
  actorField(at),
];

export async function execute(ctx: IExecuteFunctions, i: number, store: ledger.Ledger) {
  const status = ctx.getNodeParameter('status', i) as ledger.TicketStatus;
  return done(
    await staff.setTicketStatus(store, { ...ticketRef(ctx, i), status, actor: actorOf(ctx, i), note: textParam(ctx, 'note', i) }),
  );
}
