import {
  AuthenticationHandler,
  Client,
  RedirectHandler,
  RedirectHandlerOptions,
  RetryHandler,
  RetryHandlerOptions,
  TelemetryHandler,
  type AuthenticationProvider,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';

export type FetchLike = (input: RequestInfo, init?: RequestInit) => Promise<Response>;

export interface RetryPolicy {
  /** Retries after 429/503/504 (Graph client's RetryHandler). Default 3, at most 10. */
  maxRetries?: number;
  /** A Retry-After longer than this is not waited for: the call fails with THROTTLED. Default 30. */
  maxWaitSeconds?: number;
  /** Delay when the server sends no Retry-After. Default 1 second. */
  delaySeconds?: number;
}

export interface GraphClientOptions {
  authProvider: AuthenticationProvider;
  /** e.g. https://127.0.0.1:PORT in tests. Default https://graph.microsoft.com. */
  baseUrl?: string;
  /** Hostnames (no port) that get the Authorization header besides Graph's own. */
  customHosts?: Set<string>;
  /** Transport; default global fetch. Tests pass one that trusts their self-signed CA. */
  fetch?: FetchLike;
  retry?: RetryPolicy;
}

/** Last link of the middleware chain: like the SDK's HTTPMessageHandler, but with a chosen fetch. */
class FetchHandler implements Middleware {
  constructor(private readonly fetchImpl: FetchLike) {}
  async execute(context: Context): Promise<void> {
    context.response = await this.fetchImpl(context.request, context.options as RequestInit);
  }
}

function retryAfterSeconds(response: Response): number | undefined {
  const value = response.headers?.get('Retry-After');
  if (value === null || value === undefined) return undefined;
  const n = Number(value);
  return Number.isNaN(n) ? Math.max(0, (new Date(value).getTime() - Date.now()) / 1000) : n;
}

/** RetryHandler bounded by maxRetries and by the longest Retry-After we accept to wait. */
export function boundedRetryHandler(policy: RetryPolicy = {}): RetryHandler {
  const maxWait = policy.maxWaitSeconds ?? 30;
  const maxRetries = Math.min(policy.maxRetries ?? 3, 10);
  const shouldRetry = (_delay: number, _attempt: number, _req: RequestInfo, _opts: unknown, response: Response): boolean => {
    const after = retryAfterSeconds(response);
    return after === undefined || after <= maxWait;
  };
  return new RetryHandler(new RetryHandlerOptions(policy.delaySeconds ?? 1, maxRetries, shouldRetry as never));
}

/** A Graph client with an explicit middleware chain: auth → bounded retry → redirect → telemetry → fetch. */
export function createGraphClient(options: GraphClientOptions): Client {
  const chain: Middleware[] = [
    new AuthenticationHandler(options.authProvider),
    boundedRetryHandler(options.retry),
    new RedirectHandler(new RedirectHandlerOptions()),
    new TelemetryHandler(),
    new FetchHandler(options.fetch ?? ((input, init) => fetch(input, init))),
  ];
  for (let i = 0; i < chain.length - 1; i++) chain[i].setNext?.(chain[i + 1]);
  return Client.initWithMiddleware({
    middleware: chain[0],
    baseUrl: options.baseUrl,
    customHosts: options.customHosts,
    defaultVersion: 'v1.0',
  });
}
