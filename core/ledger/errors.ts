/** Typed errors of the ledger: the n8n layer turns them into NodeOperationErrors. */
export type LedgerErrorCode =
  | 'invalid_address'
  | 'invalid_domain'
  | 'invalid_credits'
  | 'invalid_argument'
  | 'unknown_project'
  | 'unknown_account'
  | 'unknown_ticket'
  | 'unknown_payment_request'
  | 'unknown_intake_entry'
  | 'unknown_template'
  | 'duplicate'
  | 'idempotency_conflict'
  | 'invalid_transition'
  | 'not_charged'
  | 'database_unreachable'
  | 'database_error';

export class LedgerError extends Error {
  readonly code: LedgerErrorCode;
  /** The input field at fault, when there is one. */
  readonly field?: string;

  constructor(code: LedgerErrorCode, message: string, field?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LedgerError';
    this.code = code;
    if (field !== undefined) this.field = field;
  }
}

export function isLedgerError(e: unknown): e is LedgerError {
  return e instanceof LedgerError;
}

/** The errors several modules raise, worded once. */
export const unknownAccountError = (accountId: unknown): LedgerError =>
  new LedgerError('unknown_account', `account "${String(accountId)}" does not exist: give the id of an existing account.`, 'accountId');

export const keyConflictError = (key: string, usedKind: string, usedAccount: string): LedgerError =>
  new LedgerError(
    'idempotency_conflict',
    `idempotencyKey "${key}" was already used for a ${usedKind} on account ${usedAccount}: use a new key for a different movement.`,
    'idempotencyKey',
  );
