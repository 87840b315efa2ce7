import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { creditsApi } from '../../../core';
import { ledgerOrUnavailable, type ApiSetup } from './endpoint.operation';

/**
 * One Webhook for every operation (the console's `supportgate/console/api/:operation`): the
 * operation is the path parameter n8n puts in `params.operation`. The key is checked first, then
 * an unknown operation is a 400 naming `operation`, like a wrong field.
 */
export const description: INodeProperties[] = [];

export async function execute(ctx: IExecuteFunctions, i: number, { apiKey }: ApiSetup) {
  const item = ctx.getInputData()[i].json;
  const headers = (item.headers ?? {}) as Record<string, unknown>;
  if (!creditsApi.apiKeyMatches(headers[creditsApi.API_KEY_HEADER], apiKey))
    return { output: 0, json: { ...creditsApi.UNAUTHORIZED } as IDataObject };
  const operation = String(((item.params ?? {}) as IDataObject).operation ?? '');
  const opened = await ledgerOrUnavailable(ctx);
  if ('unavailable' in opened) return { output: 0, json: opened.unavailable };
  const response = await creditsApi.handleCreditsApi(opened.store, {
    operation,
    headers,
    body: item.body,
    expectedKey: apiKey,
    actor: 'console',
  });
  return { output: 0, json: { ...response } as IDataObject };
}
