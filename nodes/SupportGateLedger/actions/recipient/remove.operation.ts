import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { staff, type ledger } from '../../../../core';
import { textParam } from '../../../shared/params';
import { done, projectField } from '../fields';
import { addressField } from './address';

const at = { resource: 'recipient', operation: 'remove' };
export const description: INodeProperties[] = [projectField(at), addressField(at)];

export async function execute(ctx: IExecuteFunctions, i: number, store: ledger.Ledger) {
  const project = await staff.projectByRef(store, textParam(ctx, 'project', i));
  const address = textParam(ctx, 'address', i);
  return done({ removed: await store.removeRecipient(project.id, address), address });
}
