import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { OutputLayout } from '../../shared/item-loop';
import { route } from '../../shared/router';
import { paymentsSetupOf } from '../../shared/stripe-connection';
import * as processEvent from './process-event.operation';

export const { OUTPUTS } = processEvent;
// Never on "Paid" (it confirms to the client and tells staff money arrived): a failure is Ignored.
const LAYOUT: OutputLayout = { outputs: OUTPUTS.length, failedOutput: OUTPUTS.indexOf('Ignored') };

export const operations = { processEvent };

export function router(ctx: IExecuteFunctions): Promise<INodeExecutionData[][]> {
  return route(ctx, { layout: LAYOUT, setup: paymentsSetupOf, operations });
}
