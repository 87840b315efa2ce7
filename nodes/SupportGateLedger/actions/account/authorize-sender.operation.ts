import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { staff, type ledger } from '../../../../core';
import { actorField, actorOf, done, projectField, senderField, senderRef, shownAt } from '../fields';

const at = { resource: 'account', operation: 'authorizeSender' };
export const description: INodeProperties[] = [
  projectField(at),
  senderField(at),
  {
    displayName: 'Whole Domain',
    name: 'wholeDomain',
    type: 'boolean',
    default: false,
    description: 'Whether every sender of this domain belongs to the account',
    displayOptions: shownAt(at),
  },
  {
    displayName: 'Initial Credits',
    name: 'initialCredits',
    type: 'number',
    default: 0,
    displayOptions: shownAt(at),
    description: 'Granted once, when this sender is first authorized; authorizing it again grants nothing. 0 for none.',
  },
  actorField(at),
];

export async function execute(ctx: IExecuteFunctions, i: number, store: ledger.Ledger) {
  const r = await staff.authorizeSender(store, {
    ...senderRef(ctx, i),
    initialCredits: ctx.getNodeParameter('initialCredits', i, 0) as number,
    wholeDomain: ctx.getNodeParameter('wholeDomain', i, false) as boolean,
    actor: actorOf(ctx, i),
  });
  return done({ sender: r.sender, account: r.account, created: r.created, balance: r.balance, domain: r.domain });
}
