/**
 * Credits API client. Synchronous on purpose: Apps Script card callbacks must return a card, and
 * UrlFetchApp blocks. Every response is validated with the same zod schemas the n8n workflows
 * use, and every failure becomes an ApiClientError whose `kind` tells the UI what to suggest.
 */
import type { ZodType, ZodTypeDef } from 'zod';
import {
  ApiError,
  AuthorizeSenderRequest,
  AuthorizeSenderResponse,
  GrantRequest,
  MoneyResponse,
  RevokeRequest,
  SenderCreditsRequest,
  SenderCreditsResponse,
  SetTicketStatusRequest,
  SetTicketStatusResponse,
  WaiveTicketRequest,
  WaiveTicketResponse,
} from '../../core/ledger/api-schemas';

export interface HttpRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}
export interface HttpResponse {
  status: number;
  body: string;
}

/** One synchronous POST. Throws FetchFailure when no HTTP response arrived at all. */
export interface Fetcher {
  post(request: HttpRequest): HttpResponse;
}

export class FetchFailure extends Error {
  constructor(
    readonly reason: 'timeout' | 'network',
    message: string,
  ) {
    super(message);
    this.name = 'FetchFailure';
  }
}

export type ApiErrorKind =
  | 'not_configured'
  | 'timeout'
  | 'network'
  | 'unauthorized'
  | 'not_found'
  | 'invalid_request'
  | 'server'
  | 'bad_response';

export class ApiClientError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status?: number,
    readonly field?: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ApiClientError';
  }
}

export interface ApiSettings {
  baseUrl: string;
  apiKey: string;
}

export const ENDPOINTS = {
  sender: 'supportgate/credits/sender',
  grant: 'supportgate/credits/grant',
  revoke: 'supportgate/credits/revoke',
  authorize: 'supportgate/credits/authorize',
  ticketStatus: 'supportgate/tickets/status',
  waive: 'supportgate/tickets/waive',
} as const;

export interface ApiClient {
  senderCredits(input: SenderCreditsRequest): SenderCreditsResponse;
  grant(input: GrantRequest): MoneyResponse;
  revoke(input: RevokeRequest): MoneyResponse;
  authorize(input: AuthorizeSenderRequest): AuthorizeSenderResponse;
  setTicketStatus(input: SetTicketStatusRequest): SetTicketStatusResponse;
  waive(input: WaiveTicketRequest): WaiveTicketResponse;
}

type Schema<T> = ZodType<T, ZodTypeDef, unknown>;

export function endpointUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${path}`;
}

export function createApiClient(fetcher: Fetcher, settings: ApiSettings): ApiClient {
  const call = <I, O>(path: string, requestSchema: Schema<I>, responseSchema: Schema<O>, input: unknown): O => {
    if (!settings.baseUrl || !settings.apiKey) {
      throw new ApiClientError('not_configured', 'The Credits API URL or key is not set. Open Settings and fill both in.');
    }
    const parsedInput = requestSchema.safeParse(input);
    if (!parsedInput.success) {
      const issue = parsedInput.error.issues[0];
      const field = issue?.path.join('.') || undefined;
      throw new ApiClientError(
        'invalid_request',
        `${field ?? 'input'}: ${issue?.message ?? 'invalid'}`,
        undefined,
        field,
        'invalid_request',
      );
    }
    let response: HttpResponse;
    try {
      response = fetcher.post({
        url: endpointUrl(settings.baseUrl, path),
        headers: { 'Content-Type': 'application/json', 'X-SupportGate-Key': settings.apiKey },
        body: JSON.stringify(parsedInput.data),
      });
    } catch (error) {
      if (error instanceof FetchFailure) {
        throw new ApiClientError(
          error.reason,
          error.reason === 'timeout'
            ? 'The Credits API did not answer in time. Check that n8n is running, then retry.'
            : `The Credits API could not be reached (${error.message}). Check the URL in Settings and that the host is in appsscript.json urlFetchWhitelist.`,
        );
      }
      throw error;
    }
    return interpret(response, responseSchema);
  };
  return {
    senderCredits: (input) => call(ENDPOINTS.sender, SenderCreditsRequest, SenderCreditsResponse, input),
    grant: (input) => call(ENDPOINTS.grant, GrantRequest, MoneyResponse, input),
    revoke: (input) => call(ENDPOINTS.revoke, RevokeRequest, MoneyResponse, input),
    authorize: (input) => call(ENDPOINTS.authorize, AuthorizeSenderRequest, AuthorizeSenderResponse, input),
    setTicketStatus: (input) => call(ENDPOINTS.ticketStatus, SetTicketStatusRequest, SetTicketStatusResponse, input),
    waive: (input) => call(ENDPOINTS.waive, WaiveTicketRequest, WaiveTicketResponse, input),
  };
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** Turns an HTTP answer into the typed response, or the ApiClientError a person can act on. */
export function interpret<O>(response: HttpResponse, schema: Schema<O>): O {
  const json = parseJson(response.body);
  if (response.status >= 200 && response.status < 300) {
    const parsed = schema.safeParse(json);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    throw new ApiClientError(
      'bad_response',
      `The Credits API answered in an unexpected shape (${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'not JSON'}). Update the n8n Credits API workflow to this add-on's version.`,
      response.status,
    );
  }
  const apiError = ApiError.safeParse(json);
  const detail = apiError.success ? apiError.data.error : undefined;
  const status = response.status;
  if (status === 401 || status === 403) {
    throw new ApiClientError(
      'unauthorized',
      'The Credits API refused the key. Open Settings and paste the key configured in the n8n Credits API workflow.',
      status,
      undefined,
      detail?.code,
    );
  }
  if (status === 404) {
    throw new ApiClientError(
      'not_found',
      detail?.message ?? 'Not found: check the project name in Settings and the Credits API URL.',
      status,
      detail?.field,
      detail?.code,
    );
  }
  if (status === 400 || status === 422 || status === 409) {
    throw new ApiClientError(
      'invalid_request',
      detail?.message ?? `The Credits API rejected the request (HTTP ${status}).`,
      status,
      detail?.field,
      detail?.code,
    );
  }
  throw new ApiClientError(
    'server',
    `The Credits API failed (HTTP ${status}${detail ? `: ${detail.message}` : ''}). Check the n8n execution log, then retry.`,
    status,
    detail?.field,
    detail?.code,
  );
}
