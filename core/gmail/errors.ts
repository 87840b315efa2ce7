/** Typed errors of the Gmail operations; the n8n layer turns them into NodeOperationErrors. */

export type GmailErrorCode =
  | 'gmail_unauthorized'
  | 'gmail_forbidden'
  | 'gmail_not_found'
  | 'gmail_rate_limited'
  | 'gmail_request_failed'
  | 'gmail_invalid_input';

export class GmailError extends Error {
  readonly code: GmailErrorCode;
  readonly field?: string;
  /** HTTP status of the Gmail API answer, when there was one. */
  readonly status?: number;

  constructor(code: GmailErrorCode, message: string, options: { field?: string; status?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GmailError';
    this.code = code;
    if (options.field !== undefined) this.field = options.field;
    if (options.status !== undefined) this.status = options.status;
  }
}

interface HttpLikeError {
  status?: number;
  code?: string | number;
  message?: string;
  response?: { status?: number; data?: { error?: { message?: string } | string; error_description?: string } };
}

/** Any error from the googleapis client → GmailError with a message that says what to do. */
export function toGmailError(error: unknown, action: string): GmailError {
  if (error instanceof GmailError) return error;
  // A GmailError an authorized fetch threw reaches us wrapped by the client (GaxiosError.cause).
  if ((error as { cause?: unknown } | null)?.cause instanceof GmailError) return (error as { cause: GmailError }).cause;
  const e = (error ?? {}) as HttpLikeError;
  const status = e.response?.status ?? (typeof e.status === 'number' ? e.status : undefined);
  const data = e.response?.data;
  const detail =
    (typeof data?.error === 'object' ? data.error?.message : (data?.error_description ?? data?.error)) ?? e.message ?? String(error);
  const base = `Gmail ${action} failed`;
  if (status === 401 || data?.error === 'invalid_grant') {
    return new GmailError(
      'gmail_unauthorized',
      `${base}: Google refused the credentials (${detail}). The access token expired or was revoked: reconnect the Gmail OAuth2 credential (Sign in with Google again).`,
      { field: 'credentials', status, cause: error },
    );
  }
  if (status === 403) {
    return new GmailError(
      'gmail_forbidden',
      `${base}: access denied (${detail}). The credential needs the gmail.modify scope (or full Gmail access): reconnect it with that scope.`,
      { field: 'credentials', status, cause: error },
    );
  }
  if (status === 404)
    return new GmailError('gmail_not_found', `${base}: not found (${detail}). Check the message or thread id.`, { status, cause: error });
  if (status === 429)
    return new GmailError(
      'gmail_rate_limited',
      `${base}: Gmail rate limit reached (${detail}). Retry later or process fewer items per run.`,
      { status, cause: error },
    );
  return new GmailError('gmail_request_failed', `${base}${status ? ` (HTTP ${status})` : ''}: ${detail}`, { status, cause: error });
}
