import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { staff, type ledger } from '../../../../core';
import { done, projectField, ticketNumberField, ticketRef } from '../fields';

const at = { resource: 'ticket', operation: 'get' };
export const description: INodeProperties[] = [projectField(at), ticketNumberField(at)];

export async function execute(ctx: IExecuteFunctions, i: number, store: ledger.Ledger) {
  return done(await staff.ticketByNumber(store, ticketRef(ctx, i)));
}
