import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { staff, type ledger } from '../../../../core';
import { done } from '../fields';

/** Every balance against the sum of its journal, and the ledger's other invariants. */
export const description: INodeProperties[] = [];

export async function execute(_ctx: IExecuteFunctions, _i: number, store: ledger.Ledger) {
  return done(await staff.verifyLedger(store));
}
