import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { OutputLayout } from '../../shared/item-loop';
import { route } from '../../shared/router';
import { paymentsSetupOf } from '../../shared/stripe-connection';
import * as createLink from './create-link.operation';

/** Link, and Failed: a failed item never reaches the "reply with link" step. */
const LAYOUT: OutputLayout = { outputs: 2, failedOutput: 1 };

export const operations = { createLink };

export function router(ctx: IExecuteFunctions): Promise<INodeExecutionData[][]> {
  return route(ctx, { layout: LAYOUT, setup: paymentsSetupOf, operations });
}
