import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { staff, type ledger } from '../../../../core';
import { textParam } from '../../../shared/params';
import { done, projectField } from '../fields';
import { addressField } from './address';

const at = { resource: 'recipient', operation: 'add' };
export const description: INodeProperties[] = [projectField(at), addressField(at)];

export async function execute(ctx: IExecuteFunctions, i: number, store: ledger.Ledger) {
  const project = await staff.projectByRef(store, textParam(ctx, 'project', i));
  return done(await store.addRecipient(project.id, textParam(ctx, 'address', i)));
}
