import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ledger } from '../../../../core';
import { done } from '../fields';

export const description: INodeProperties[] = [];

export async function execute(_ctx: IExecuteFunctions, _i: number, store: ledger.Ledger) {
  return done(await store.listProjects());
}
