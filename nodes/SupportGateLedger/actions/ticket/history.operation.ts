import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { staff, type ledger } from '../../../../core';
import { done, projectField, ticketNumberField, ticketRef } from '../fields';

const at = { resource: 'ticket', operation: 'history' };
export const description: INodeProperties[] = [projectField(at), ticketNumberField(at)];

export async function execute(ctx: IExecuteFunctions, i: number, store: ledger.Ledger) {
  const ticket = await staff.ticketByNumber(store, ticketRef(ctx, i));
  return done(await store.ticketHistory(ticket.id));
}
