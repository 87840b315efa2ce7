import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { staff, type ledger } from '../../../../core';
import { textParam } from '../../../shared/params';
import { done, projectField } from '../fields';

export const description: INodeProperties[] = [projectField({ resource: 'recipient', operation: 'list' })];

export async function execute(ctx: IExecuteFunctions, i: number, store: ledger.Ledger) {
  const project = await staff.projectByRef(store, textParam(ctx, 'project', i));
  return done(await store.listRecipients(project.id));
}
