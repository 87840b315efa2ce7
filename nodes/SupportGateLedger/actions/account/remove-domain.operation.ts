import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { staff, type ledger } from '../../../../core';
import { textParam } from '../../../shared/params';
import { done, projectField, shownAt } from '../fields';

const at = { resource: 'account', operation: 'removeDomain' };
export const description: INodeProperties[] = [
  projectField(at),
  {
    displayName: 'Domain',
    name: 'domain',
    type: 'string',
    required: true,
    default: '',
    placeholder: 'client.fr',
    description: "Its senders are no longer the client's, except those authorized one by one",
    displayOptions: shownAt(at),
  },
];

export async function execute(ctx: IExecuteFunctions, i: number, store: ledger.Ledger) {
  const domain = textParam(ctx, 'domain', i);
  return done({ ...(await staff.removeDomain(store, { project: textParam(ctx, 'project', i), domain })), domain });
}
