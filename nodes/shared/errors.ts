import { NodeOperationError, type INode } from 'n8n-workflow';

interface DomainError extends Error {
  code?: string;
  field?: string;
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

/** Turns a domain error (LedgerError, EmailInputError, PaymentError…) into n8n's error for one item. */
export function toNodeError(node: INode, error: unknown, itemIndex: number): NodeOperationError {
  if (error instanceof NodeOperationError) return error;
  const e: DomainError = error instanceof Error ? error : new Error(String(error));
  const description = [e.field ? `Field: ${e.field}.` : '', e.code ? `Code: ${e.code}.` : ''].filter(Boolean).join(' ');
  return new NodeOperationError(node, spellOutSystemCodes(e.message), { itemIndex, description: description || undefined });
}

/** The json a failed item carries under continueOnFail. */
export function errorJson(error: NodeOperationError): { error: string; description?: string } {
  return { error: error.message, ...(error.description ? { description: error.description } : {}) };
}
