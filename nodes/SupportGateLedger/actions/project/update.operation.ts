import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { staff, type ledger } from '../../../../core';
import { textParam } from '../../../shared/params';
import { done, projectField } from '../fields';
import { pricingFields, pricingOf } from './settings';

const at = { resource: 'project', operation: 'update' };
export const description: INodeProperties[] = [projectField(at), ...pricingFields(at)];

export async function execute(ctx: IExecuteFunctions, i: number, store: ledger.Ledger) {
  const project = await staff.projectByRef(store, textParam(ctx, 'project', i));
  return done(await store.updateProject(project.id, pricingOf(ctx, i, project.currency)));
}
