import { z } from 'zod';

export const CATEGORIES = [
  'bug',
  'outage',
  'how_to',
  'configuration',
  'access',
  'billing',
  'sales',
  'spam',
  'newsletter',
  'auto_reply',
  'thanks',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Categories that can never be a support request, whatever a classifier says. */
export const NON_SUPPORT_CATEGORIES: ReadonlySet<Category> = new Set(['spam', 'newsletter', 'auto_reply', 'thanks', 'sales']);

export const URGENCIES = ['low', 'normal', 'high', 'critical'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** The one shape both the LLM and the offline classifier return (also the structured-output schema). */
export const classificationSchema = z.object({
  is_support_request: z.boolean(),
  category: z.enum(CATEGORIES),
  urgency: z.enum(URGENCIES),
  language: z.enum(['fr', 'en', 'other']),
  summary: z.string(),
  confidence: z.number().min(0).max(1),
  reason: z.string(),
});
export type Classification = z.infer<typeof classificationSchema>;

export type Route = 'support' | 'not_support' | 'needs_review';

export interface ClassifyResult {
  route: Route;
  decidedBy: 'rule' | 'llm' | 'offline';
  classification: Classification;
  /** Prompt tokens of the LLM call (API usage when returned, else the local estimate). */
  promptTokens?: number;
  /** Local estimate made before sending. */
  promptTokensEstimate?: number;
  /** Output tokens of the LLM call, as the API reported them. */
  completionTokens?: number;
  /** Pre-filter rule name when decidedBy is 'rule'. */
  rule?: string;
  /** Why the route is needs_review, when it is. */
  reviewReason?: string;
}

export class TriageError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'TriageError';
  }
}

/** The LLM could not be reached or gave no usable answer after retries: route to "Needs review". */
export class ClassifierUnavailableError extends TriageError {
  constructor(
    message: string,
    readonly causeKind: 'rate_limited' | 'server_error' | 'timeout' | 'connection' | 'refusal' | 'invalid_output' | 'auth' | 'other',
    readonly status?: number,
  ) {
    super('CLASSIFIER_UNAVAILABLE', message);
    this.name = 'ClassifierUnavailableError';
  }
}
