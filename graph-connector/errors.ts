/** Typed connector errors: `code` is stable, `field` names the option or input to fix. */
export type GraphConnectorErrorCode =
  | 'CONFIG_INVALID'
  | 'THROTTLED'
  | 'SUBSCRIPTION_FAILED'
  | 'DELTA_FAILED'
  | 'MESSAGE_FETCH_FAILED'
  | 'ACTION_FAILED'
  | 'STATE_CORRUPT';

export class GraphConnectorError extends Error {
  constructor(
    readonly code: GraphConnectorErrorCode,
    message: string,
    readonly field?: string,
    readonly statusCode?: number,
  ) {
    super(message);
    this.name = 'GraphConnectorError';
  }
}

/** HTTP status of a GraphError (or anything shaped like one), if any. */
export function statusOf(err: unknown): number | undefined {
  if (err && typeof err === 'object' && 'statusCode' in err) {
    const s = (err as { statusCode: unknown }).statusCode;
    return typeof s === 'number' ? s : undefined;
  }
  return undefined;
}

/** Wraps a Graph SDK error into a GraphConnectorError, keeping the HTTP status. */
export function wrapGraphError(code: GraphConnectorErrorCode, what: string, err: unknown): GraphConnectorError {
  if (err instanceof GraphConnectorError) return err;
  const status = statusOf(err);
  const detail = err instanceof Error ? err.message : String(err);
  const fix =
    status === 401 || status === 403
      ? ' Check the credential and that Mail.ReadWrite / Mail.Send are granted (with admin consent for app-only) and the application access policy covers this mailbox.'
      : status === 429
        ? ' Microsoft Graph is throttling this mailbox; retry later.'
        : '';
  return new GraphConnectorError(
    status === 429 ? 'THROTTLED' : code,
    `${what} failed${status ? ` (HTTP ${status})` : ''}: ${detail}.${fix}`,
    undefined,
    status,
  );
}
