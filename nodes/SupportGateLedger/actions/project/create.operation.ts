import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ledger } from '../../../../core';
import { textParam } from '../../../shared/params';
import { done, shownAt } from '../fields';
import { pricingFields, pricingOf } from './settings';

const at = { resource: 'project', operation: 'create' };
export const description: INodeProperties[] = [
  { displayName: 'Name', name: 'name', type: 'string', required: true, default: '', displayOptions: shownAt(at) },
  ...pricingFields(at),
];

export async function execute(ctx: IExecuteFunctions, i: number, store: ledger.Ledger) {
  return done(await store.createProject({ name: textParam(ctx, 'name', i), ...pricingOf(ctx, i) }));
}
