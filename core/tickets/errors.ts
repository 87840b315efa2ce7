/** Typed errors of the credits gate: the n8n layer turns them into NodeOperationErrors naming the field. */
export type GateErrorCode = 'ambiguous_project' | 'ambiguous_account' | 'unknown_project' | 'invalid_argument';

export class GateError extends Error {
  readonly code: GateErrorCode;
  /** The input field at fault. */
  readonly field?: string;

  constructor(code: GateErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'GateError';
    this.code = code;
    if (field !== undefined) this.field = field;
  }
}
