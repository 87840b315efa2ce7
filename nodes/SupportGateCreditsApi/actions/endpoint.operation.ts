import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { creditsApi } from '../../../core';
import { ledgerOf } from '../../shared/ledger-connection';

/** The key of the SupportGate Add-on API credential, read once per execution. */
export interface ApiSetup {
  apiKey: string;
}

/**
 * Every Credits API operation is one endpoint of the same shape: a Webhook item ({headers, body})
 * in, {statusCode, body} out for a Respond to Webhook node. The core serves it (core/staff), so
 * each operation is the one the Ledger node runs.
 */
export function endpoint(operation: creditsApi.CreditsApiOperation) {
  return {
    description: [] as INodeProperties[],
    async execute(ctx: IExecuteFunctions, i: number, { apiKey }: ApiSetup) {
      const item = ctx.getInputData()[i].json;
      const headers = (item.headers ?? {}) as Record<string, unknown>;
      // The key is checked before the database is even opened.
      if (!creditsApi.apiKeyMatches(headers[creditsApi.API_KEY_HEADER], apiKey))
        return { output: 0, json: { ...creditsApi.UNAUTHORIZED } as IDataObject };
      const response = await creditsApi.handleCreditsApi(await ledgerOf(ctx), { operation, headers, body: item.body, expectedKey: apiKey });
      return { output: 0, json: { ...response } as IDataObject };
    },
  };
}
