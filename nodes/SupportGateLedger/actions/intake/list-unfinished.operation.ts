import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ledger } from '../../../../core';
import { done } from '../fields';
import { ageFields } from './age';

/** Mail an intake received or decided and no run finished: what a sweep or a person looks at. */
export const description: INodeProperties[] = ageFields({ resource: 'intake', operation: 'listUnfinished' });

export async function execute(ctx: IExecuteFunctions, i: number, store: ledger.Ledger) {
  const olderThan = new Date(Date.now() - (ctx.getNodeParameter('olderThanMinutes', i, 30) as number) * 60_000);
  return done(await store.listUnfinishedIntake({ olderThan, limit: ctx.getNodeParameter('limit', i, 50) as number }));
}
