import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';

interface DomainError extends Error {
  code?: string;
  field?: string;
  /** The HTTP status of an upstream answer (GmailError.status, GraphConnectorError.statusCode, Stripe's statusCode). */
  status?: number;
  statusCode?: number;
}

/** What every SupportGate node throws or puts on its Failed output for one item. */
export type ItemError = NodeOperationError | NodeApiError;

function httpStatusOf(e: DomainError): number | undefined {
  const s = e.status ?? e.statusCode;
  return typeof s === 'number' && s >= 400 && s < 600 ? s : undefined;
}

// n8n replaces a whole error message that merely contains one of these system codes with a
// generic sentence ("The service refused the connection…"), which would hide the host or path
// our message names. Spell them out instead.
const SYSTEM_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  ETIMEDOUT: 'timed out',
  ERRADDRINUSE: 'address in use',
  EADDRNOTAVAIL: 'address not available',
  ECONNABORTED: 'connection aborted',
  EHOSTUNREACH: 'host unreachable',
  EAI_AGAIN: 'DNS lookup failed',
  ENOENT: 'no such file or directory',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  EACCES: 'permission denied',
  EEXIST: 'already exists',
  EPERM: 'operation not permitted',
  GETADDRINFO: 'address lookup failed',
};
const SYSTEM_CODE = new RegExp(Object.keys(SYSTEM_CODES).join('|'), 'gi');

function spellOutSystemCodes(message: string): string {
  return message.replace(SYSTEM_CODE, (code) => SYSTEM_CODES[code.toUpperCase()] ?? code);
}

/**
 * Turns a domain error (LedgerError, EmailInputError, PaymentError…) into n8n's error for one item:
 * a NodeApiError when an upstream service answered with an HTTP error (n8n shows its status and
 * offers retry settings), a NodeOperationError otherwise. Our message, which names the field and the
 * fix, is kept either way.
 */
export function toNodeError(node: INode, error: unknown, itemIndex: number): ItemError {
  if (error instanceof NodeOperationError || error instanceof NodeApiError) return error;
  const e: DomainError = error instanceof Error ? error : new Error(String(error));
  const description = [e.field ? `Field: ${e.field}.` : '', e.code ? `Code: ${e.code}.` : ''].filter(Boolean).join(' ') || undefined;
  const message = spellOutSystemCodes(e.message);
  const status = httpStatusOf(e);
  if (status !== undefined) {
    return new NodeApiError(node, { message, ...(e.code ? { code: e.code } : {}) } as JsonObject, {
      message,
      description,
      httpCode: String(status),
      itemIndex,
    });
  }
  return new NodeOperationError(node, message, { itemIndex, description });
}

/** The json a failed item carries under continueOnFail. */
export function errorJson(error: ItemError): { error: string; description?: string; httpCode?: string } {
  const httpCode = error instanceof NodeApiError ? error.httpCode : null;
  return { error: error.message, ...(error.description ? { description: error.description } : {}), ...(httpCode ? { httpCode } : {}) };
}
