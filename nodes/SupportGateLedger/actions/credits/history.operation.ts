import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { staff, type ledger } from '../../../../core';
import { textParam } from '../../../shared/params';
import { done, limitField, projectField, senderField, senderRef, shownAt } from '../fields';

const at = { resource: 'credits', operation: 'history' };
export const description: INodeProperties[] = [
  projectField(at),
  senderField(at),
  limitField(at),
  {
    displayName: 'Cursor',
    name: 'cursor',
    type: 'string',
    default: '',
    description: 'The nextCursor of the previous page',
    displayOptions: shownAt(at),
  },
];

export async function execute(ctx: IExecuteFunctions, i: number, store: ledger.Ledger) {
  return done(
    await staff.creditHistory(store, {
      ...senderRef(ctx, i),
      limit: ctx.getNodeParameter('limit', i) as number,
      cursor: textParam(ctx, 'cursor', i),
    }),
  );
}
