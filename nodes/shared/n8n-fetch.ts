/**
 * The Gmail client's transport inside n8n. Every request goes through n8n's credential helper for
 * the Gmail OAuth2 credential, which signs it with the stored access token and, when Google answers
 * 401, refreshes that token with the refresh token, saves it back to the credential and retries.
 * Google access tokens last an hour: without this, a workflow with no n8n Gmail node in it (payment
 * confirmations, the reconcile sweep) fails once the token it was given has expired.
 * Shared by Gmail Support Actions (execute) and Gmail Support Trigger (poll, webhook, activation hooks).
 */
import type {
  IAllExecuteFunctions,
  IDataObject,
  IHttpRequestMethods,
  IHttpRequestOptions,
  IN8nHttpFullResponse,
  JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { gmail } from '../../core';

interface HttpAnswer {
  status: number;
  statusText?: string;
  headers: IDataObject;
  body: unknown;
}

// n8n signs the request itself; axios sets the length and undoes any content encoding.
const DROPPED_REQUEST_HEADERS = new Set(['authorization', 'content-length', 'host']);
const DROPPED_RESPONSE_HEADERS = new Set(['content-encoding', 'content-length', 'transfer-encoding']);
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

function requestHeaders(init: HeadersInit | undefined): IDataObject {
  const headers: IDataObject = {};
  new Headers(init).forEach((value, name) => {
    if (!DROPPED_REQUEST_HEADERS.has(name)) headers[name] = value;
  });
  return headers;
}

function requestBody(body: BodyInit | null | undefined): string | Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || Buffer.isBuffer(body)) return body;
  if (body instanceof Uint8Array) return Buffer.from(body);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  // SupportGate sends JSON (raw MIME inside); media uploads would need a stream, which n8n cannot resend after a refresh.
  throw new TypeError(`Gmail request body of type ${Object.prototype.toString.call(body)} is not supported through n8n`);
}

function toResponse(answer: HttpAnswer): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(answer.headers ?? {})) {
    if (value === undefined || value === null || DROPPED_RESPONSE_HEADERS.has(name.toLowerCase())) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, String(v));
  }
  const raw = answer.body;
  const body =
    NULL_BODY_STATUSES.has(answer.status) || raw === undefined || raw === null
      ? null
      : typeof raw === 'string'
        ? raw
        : raw instanceof Uint8Array || raw instanceof ArrayBuffer
          ? new Uint8Array(raw)
          : JSON.stringify(raw);
  return new Response(body, { status: answer.status, statusText: answer.statusText, headers });
}

/** Google's HTTP answer inside n8n's error (NodeApiError → the axios error), if Google answered at all. */
function answerIn(error: unknown): HttpAnswer | undefined {
  for (
    let e = error as
        | { response?: { status?: unknown; statusText?: string; headers?: IDataObject; data?: unknown }; cause?: unknown }
        | undefined,
      depth = 0;
    e && depth < 4;
    e = e.cause as typeof e, depth++
  ) {
    const r = e.response;
    if (r && typeof r.status === 'number') return { status: r.status, statusText: r.statusText, headers: r.headers ?? {}, body: r.data };
  }
  return undefined;
}

/** n8n's verdict that the credential can no longer be refreshed (Google refused the refresh token). */
function refreshRefusal(error: unknown): Error | undefined {
  for (
    let e = error as { failure?: { cause?: string }; cause?: unknown } | undefined, depth = 0;
    e && depth < 4;
    e = e.cause as typeof e, depth++
  ) {
    if (e.failure?.cause === 'credential-invalid') return e as Error;
  }
  return undefined;
}

/** A fetch for the official Gmail client that authenticates with, and refreshes, the named n8n credential. */
export function n8nAuthorizedFetch(ctx: IAllExecuteFunctions, credentialType: string): gmail.AuthorizedFetch {
  return async (input, init = {}) => {
    const request: IHttpRequestOptions = {
      url: input instanceof Request ? input.url : String(input),
      method: (init.method ?? 'GET').toUpperCase() as IHttpRequestMethods,
      headers: requestHeaders(init.headers),
      body: requestBody(init.body),
      encoding: 'arraybuffer',
      json: false,
      returnFullResponse: true,
    };
    try {
      const full = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, credentialType, request)) as IN8nHttpFullResponse;
      return toResponse({ status: full.statusCode, statusText: full.statusMessage, headers: full.headers, body: full.body });
    } catch (error) {
      // Google's error answers go back to the client as responses, so its errors keep their meaning.
      const answer = answerIn(error);
      if (answer) return toResponse(answer);
      const refusal = refreshRefusal(error);
      if (refusal) {
        throw new gmail.GmailError(
          'gmail_unauthorized',
          `Google refused to renew the Gmail access token (${refusal.message}): reconnect the Gmail OAuth2 credential (Sign in with Google again).`,
          { field: 'credentials', cause: error },
        );
      }
      // The helper already wraps its failures (unreachable host…) in a NodeApiError, which this hands back as is.
      throw new NodeApiError(ctx.getNode(), error as JsonObject);
    }
  };
}
