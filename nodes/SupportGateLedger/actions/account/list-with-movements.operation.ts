/** List With Movements: the project's accounts with journal entries in a period (default the previous month), one item each: whom a statement goes to. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { staff, type ledger } from '../../../../core';
import { textParam } from '../../../shared/params';
import { done, projectField } from '../fields';
import { periodFields, periodOf } from '../period';

const at = { resource: 'account', operation: 'listWithMovements' };
export const description: INodeProperties[] = [projectField(at), ...periodFields(at)];

export async function execute(ctx: IExecuteFunctions, i: number, store: ledger.Ledger) {
  return done(await staff.accountsForStatements(store, { project: textParam(ctx, 'project', i), ...periodOf(ctx, i) }));
}
