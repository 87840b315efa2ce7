import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { OutputLayout } from '../../shared/item-loop';
import { ledgerOf } from '../../shared/ledger-connection';
import { route } from '../../shared/router';
import * as check from './check.operation';

// An item we could not check is never routed as paid-up nor labelled "ignored": it takes Failed,
// stays unlabelled, and the reconcile sweep drives it again.
const LAYOUT: OutputLayout = { outputs: 5, failedOutput: 4 };

export const operations = { check };

export function router(ctx: IExecuteFunctions): Promise<INodeExecutionData[][]> {
  return route(ctx, { layout: LAYOUT, setup: ledgerOf, operations });
}
