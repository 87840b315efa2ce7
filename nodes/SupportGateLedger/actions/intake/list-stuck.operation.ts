import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ledger } from '../../../../core';
import { done } from '../fields';
import { ageFields } from './age';

/**
 * Replies and notifications a run claimed and never finished (it died between the claim and the
 * send): never sent again automatically, so staff can check and answer by hand.
 */
export const description: INodeProperties[] = ageFields({ resource: 'intake', operation: 'listStuck' });

export async function execute(ctx: IExecuteFunctions, i: number, store: ledger.Ledger) {
  const claimedBefore = new Date(Date.now() - (ctx.getNodeParameter('olderThanMinutes', i, 30) as number) * 60_000);
  return done(await store.listStuckEffects({ claimedBefore, limit: ctx.getNodeParameter('limit', i, 50) as number }));
}
