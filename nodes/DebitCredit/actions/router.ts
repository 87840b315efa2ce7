import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { OutputLayout } from '../../shared/item-loop';
import { ledgerOf } from '../../shared/ledger-connection';
import { route } from '../../shared/router';
import * as debit from './debit.operation';

/** Debited, No credit, Needs confirmation, and Failed: a failed item never reaches a reply or a payment link. */
const LAYOUT: OutputLayout = { outputs: 4, failedOutput: 3 };

export const operations = { debit };

export function router(ctx: IExecuteFunctions): Promise<INodeExecutionData[][]> {
  return route(ctx, { layout: LAYOUT, setup: ledgerOf, operations });
}
