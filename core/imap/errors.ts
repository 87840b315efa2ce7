/** Typed errors of the IMAP/SMTP operations; the n8n layer turns them into NodeOperationErrors. */

export type ImapErrorCode = 'imap_invalid_input' | 'imap_connection_failed' | 'imap_not_found' | 'imap_command_failed' | 'smtp_failed';

export class ImapSupportError extends Error {
  readonly code: ImapErrorCode;
  readonly field?: string;

  constructor(code: ImapErrorCode, message: string, options: { field?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ImapSupportError';
    this.code = code;
    if (options.field !== undefined) this.field = options.field;
  }
}

/** imapflow puts the server's answer in responseText; its message alone is often "Command failed". */
export function describe(error: unknown): string {
  const e = (error ?? {}) as { message?: string; responseText?: string; response?: string; code?: string };
  return (
    [e.message, e.responseText ?? (typeof e.response === 'string' ? e.response : undefined), e.code].filter(Boolean).join(': ') ||
    String(error)
  );
}

export function wrap(code: ImapErrorCode, action: string, error: unknown, field?: string): ImapSupportError {
  if (error instanceof ImapSupportError) return error;
  return new ImapSupportError(code, `${action} failed: ${describe(error)}`, { field, cause: error });
}
