import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { staff, type ledger } from '../../../../core';
import { textParam } from '../../../shared/params';
import { done, dryRunField, projectField } from '../fields';

const at = { resource: 'ticket', operation: 'purgeMailData' };
export const description: INodeProperties[] = [projectField(at), dryRunField(at)];

// The daily sweep of data retention (project setting retentionMonths, default 24): safe to re-run.
export async function execute(ctx: IExecuteFunctions, i: number, store: ledger.Ledger) {
  const r = await staff.purgeOldMailData(store, {
    project: textParam(ctx, 'project', i),
    dryRun: ctx.getNodeParameter('dryRun', i, false) as boolean,
  });
  return done({ ...r, ticketNumbers: r.ticketNumbers.slice(0, 100) });
}
