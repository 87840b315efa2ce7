import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { ledger, staff } from '../../../../core';
import { textParam } from '../../../shared/params';
import { done, limitField, projectField, shownAt } from '../fields';

const at = { resource: 'ticket', operation: 'listByProject' };
const label = (s: string) => s.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
export const description: INodeProperties[] = [
  projectField(at),
  {
    displayName: 'Status',
    name: 'status',
    type: 'options',
    options: [{ name: 'All', value: '' }, ...[...ledger.TICKET_STATUSES].sort().map((s) => ({ name: label(s), value: s }))],
    default: '',
    displayOptions: shownAt(at),
  },
  limitField(at),
];

export async function execute(ctx: IExecuteFunctions, i: number, store: ledger.Ledger) {
  const status = textParam(ctx, 'status', i) as ledger.TicketStatus | '';
  return done(
    await staff.projectTickets(store, {
      projectId: textParam(ctx, 'project', i),
      status: status || undefined,
      limit: ctx.getNodeParameter('limit', i) as number,
    }),
  );
}
