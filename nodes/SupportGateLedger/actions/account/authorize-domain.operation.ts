import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { staff, type ledger } from '../../../../core';
import { done, projectField, senderField, senderRef } from '../fields';

const at = { resource: 'account', operation: 'authorizeDomain' };
export const description: INodeProperties[] = [projectField(at), senderField(at)];

export async function execute(ctx: IExecuteFunctions, i: number, store: ledger.Ledger) {
  return done(await staff.authorizeDomain(store, senderRef(ctx, i)));
}
