import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ledger } from '../../../../core';
import { listParam, textParam } from '../../../shared/params';
import { done, shownAt } from '../fields';
import { pricingFields, pricingOf } from './settings';

const at = { resource: 'project', operation: 'create' };
export const description: INodeProperties[] = [
  { displayName: 'Name', name: 'name', type: 'string', required: true, default: '', displayOptions: shownAt(at) },
  {
    displayName: 'Support Addresses',
    name: 'supportAddresses',
    type: 'string',
    default: '',
    placeholder: 'support@agency.fr, support+acme@agency.fr',
    description:
      'Comma-separated addresses clients write to, created with the project (all or none). A plus-address (support+acme@) reaches the same mailbox and can be tied to one client.',
    displayOptions: shownAt(at),
  },
  ...pricingFields(at),
];

export async function execute(ctx: IExecuteFunctions, i: number, store: ledger.Ledger) {
  const recipients = listParam(ctx, 'supportAddresses', i);
  return done(await store.createProject({ name: textParam(ctx, 'name', i), ...pricingOf(ctx, i), recipients }));
}
