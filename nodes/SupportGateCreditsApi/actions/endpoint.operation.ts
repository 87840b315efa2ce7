import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { creditsApi, ledger } from '../../../core';
import { ledgerOf } from '../../shared/ledger-connection';

/** The key of the SupportGate Add-on API credential, read once per execution. */
export interface ApiSetup {
  apiKey: string;
}

/**
 * The ledger, or the API's 503 (database_*) when it cannot be opened: an answer the add-on and the
 * console explain ("try again"), not a failed execution the caller never hears of.
 */
export async function ledgerOrUnavailable(ctx: IExecuteFunctions): Promise<{ store: ledger.Ledger } | { unavailable: IDataObject }> {
  try {
    return { store: await ledgerOf(ctx) };
  } catch (e) {
    if (!ledger.isLedgerError(e)) throw new NodeOperationError(ctx.getNode(), e as Error);
    return { unavailable: { statusCode: 503, body: { error: { code: e.code, message: e.message } } } };
  }
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
      const opened = await ledgerOrUnavailable(ctx);
      if ('unavailable' in opened) return { output: 0, json: opened.unavailable };
      const response = await creditsApi.handleCreditsApi(opened.store, { operation, headers, body: item.body, expectedKey: apiKey });
      return { output: 0, json: { ...response } as IDataObject };
    },
  };
}
