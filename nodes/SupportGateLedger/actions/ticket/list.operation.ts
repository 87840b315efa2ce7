import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { staff, type ledger } from '../../../../core';
import { done, limitField, projectField, senderField, senderRef } from '../fields';

const at = { resource: 'ticket', operation: 'list' };
export const description: INodeProperties[] = [projectField(at), senderField(at), limitField(at)];

export async function execute(ctx: IExecuteFunctions, i: number, store: ledger.Ledger) {
  const account = await staff.clientOfSender(store, senderRef(ctx, i));
  return done(await store.listTickets(account.id, { limit: ctx.getNodeParameter('limit', i) as number }));
}
