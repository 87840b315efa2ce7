import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { staff, type ledger } from '../../../../core';
import { textParam } from '../../../shared/params';
import { done, projectField } from '../fields';

export const description: INodeProperties[] = [projectField({ resource: 'ticket', operation: 'expireUnconfirmed' })];

// Held requests also expire on the next hold; this closes them on a schedule too.
export async function execute(ctx: IExecuteFunctions, i: number, store: ledger.Ledger) {
  return done(await staff.expireUnconfirmed(store, { project: textParam(ctx, 'project', i), actor: 'n8n' }));
}
