/** What every Credits API handler shares: the answer shape, the failure shape and request parsing. */
import type { ZodError, ZodTypeAny } from 'zod';
import type { Ledger } from '../../ledger';

export interface ApiResponse {
  statusCode: number;
  body: Record<string, unknown>;
}

/** One operation: the parsed body in, the response body out; errors are thrown (InvalidRequest, LedgerError). */
export type ApiHandler = (ledger: Ledger, body: unknown, actor: string) => Promise<Record<string, unknown>>;

export const fail = (statusCode: number, code: string, message: string, field?: string, extra?: Record<string, unknown>): ApiResponse => ({
  statusCode,
  body: { error: { code, message, ...(field ? { field } : {}), ...extra } },
});

export class InvalidRequest extends Error {
  constructor(readonly response: ApiResponse) {
    super('invalid request');
  }
}

/**
 * The body as the schema reads it, or a 400 naming the first field at fault; `issues` lists every
 * field at fault, so a form can mark them all after one submission.
 */
export function parse<T extends ZodTypeAny>(schema: T, body: unknown): T['_output'] {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const issues = (result.error as ZodError).issues.map((i) => ({ field: i.path.join('.') || 'body', message: i.message }));
  const [first] = issues;
  throw new InvalidRequest(fail(400, 'invalid_request', `${first.field}: ${first.message}`, first.field, { issues }));
}
