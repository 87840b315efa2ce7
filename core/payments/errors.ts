/** Typed errors of the payments domain: the n8n layer turns them into NodeOperationErrors. */
export type PaymentErrorCode =
  | 'missing_setting'
  | 'invalid_setting'
  | 'invalid_argument'
  | 'unknown_session'
  | 'unknown_charge'
  | 'session_mismatch'
  | 'invalid_event'
  | 'invalid_signature'
  | 'replayed_event'
  | 'stripe_error';

export class PaymentError extends Error {
  readonly code: PaymentErrorCode;
  /** The setting, input field or event field at fault, when there is one. */
  readonly field?: string;

  constructor(code: PaymentErrorCode, message: string, field?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PaymentError';
    this.code = code;
    if (field !== undefined) this.field = field;
  }
}

export function isPaymentError(e: unknown): e is PaymentError {
  return e instanceof PaymentError;
}

/** Wraps an SDK error (network, Stripe-side validation) with what we were doing. */
export function stripeFailure(action: string, e: unknown): PaymentError {
  const err = e as { type?: string; message?: string; param?: string; statusCode?: number };
  const detail = err?.message ?? String(e);
  const param = err?.param ? ` (param ${err.param})` : '';
  return new PaymentError('stripe_error', `Stripe refused to ${action}: ${detail}${param}`, err?.param, { cause: e });
}
