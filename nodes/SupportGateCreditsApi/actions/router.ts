import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { creditsApi } from '../../../core';
import type { OutputLayout } from '../../shared/item-loop';
import { route } from '../../shared/router';
import { endpoint, type ApiSetup } from './endpoint.operation';
import * as fromPath from './from-path.operation';
import * as consolePage from './consolePage.operation';

// One output: an HTTP endpoint answers its failures too. Under continue-on-fail a database
// outage is a 503 the add-on explains ("try again"), not a hanging request.
const LAYOUT: OutputLayout = {
  outputs: 1,
  failedOutput: 0,
  failedFields: (error) => ({ statusCode: 503, body: { error: { code: 'unavailable', message: error.message } } }),
};

// One endpoint node per add-on operation (credits-api.json), or every operation from the request path (console.json).
const operations = { ...Object.fromEntries(creditsApi.ADDON_OPERATIONS.map((op) => [op, endpoint(op)])), fromPath, consolePage };

async function apiKeyOf(ctx: IExecuteFunctions): Promise<ApiSetup> {
  // The page itself is public (its calls carry the key): that node has no credential to read.
  if (ctx.getNodeParameter('operation', 0) === 'consolePage') return { apiKey: '' };
  return { apiKey: String((await ctx.getCredentials('supportGateAddonApi')).apiKey ?? '') };
}

export function router(ctx: IExecuteFunctions): Promise<INodeExecutionData[][]> {
  return route(ctx, { layout: LAYOUT, setup: apiKeyOf, operations });
}
