/** Reply templates: ids, languages, variables, and the typed error the renderer throws. */

export const TEMPLATE_IDS = [
  'payment_request',
  'payment_received',
  'ticket_opened',
  'ticket_opened_unverified',
  'duplicate_joined',
  'confirm_request',
  'confirmation_expired',
  'not_authorized',
  'not_support',
  'low_balance',
  'statement',
] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * The only placeholders a template may use, written {{name}}. {{balance}} ("3 credits left") is
 * given to ticket_opened, ticket_opened_unverified, duplicate_joined, payment_received and low_balance;
 * {{credits}} ("5 credits") is the size of the top-up pack low_balance offers. statement takes
 * {{period}}, {{opening_balance}}, {{closing_balance}} and {{statement_lines}} (core/templates/statement-mail.ts).
 */
export const TEMPLATE_VARIABLES = [
  'payment_url',
  'price',
  'ticket',
  'project',
  'expires_at',
  'client_name',
  'confirm_code',
  'balance',
  'credits',
  'period',
  'opening_balance',
  'closing_balance',
  'statement_lines',
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
export type TemplateVars = Partial<Record<TemplateVariable, string>>;

/** One template in one language. `html` is optional in overrides: derived from `text` when absent. */
export interface TemplateBody {
  text: string;
  html?: string;
}

export type TemplateErrorCode = 'unknown_template' | 'unknown_variable' | 'missing_variable' | 'invalid_override' | 'invalid_argument';

export class TemplateError extends Error {
  readonly code: TemplateErrorCode;
  readonly field?: string;

  constructor(code: TemplateErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'TemplateError';
    this.code = code;
    if (field !== undefined) this.field = field;
  }
}
