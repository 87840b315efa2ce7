import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { staff, type ledger } from '../../../../core';
import { textParam } from '../../../shared/params';
import { done, dryRunField, projectField } from '../fields';

const at = { resource: 'credits', operation: 'expire' };
export const description: INodeProperties[] = [projectField(at), dryRunField(at)];

/** Lots listed in the output; the counts cover them all. */
const LISTED = 100;

// The daily sweep of credit expiry (off unless the project sets creditExpiryMonths): safe to re-run.
export async function execute(ctx: IExecuteFunctions, i: number, store: ledger.Ledger) {
  const r = await staff.expireCredits(store, {
    project: textParam(ctx, 'project', i),
    actor: 'n8n',
    dryRun: ctx.getNodeParameter('dryRun', i, false) as boolean,
  });
  return done({ ...r, expired: r.expired.slice(0, LISTED) });
}
