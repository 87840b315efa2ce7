/**
 * Which output of Classify Support Email a mail takes, and the fields it carries there. Only the
 * code decides the route (rules, schema, consistency, threshold); an LLM that fails after retries
 * sends the mail to "Needs review", never to a category. Other errors are thrown to the caller.
 */
import type { SupportEmail } from '../email/types';
import { classify, type ClassifyOptions } from './classify';
import { ClassifierUnavailableError } from './types';

export type TriageOutput = 'support' | 'not_support' | 'needs_review';

/** The fields Classify writes on an item: a re-classified item drops them first so none goes stale. */
export const TRIAGE_FIELDS = ['classification', 'decidedBy', 'rule', 'promptTokens', 'reviewReason', 'classifierError'] as const;

export interface TriageRoute {
  output: TriageOutput;
  fields: Record<string, unknown>;
}

function isUnavailable(err: unknown): err is ClassifierUnavailableError {
  return err instanceof ClassifierUnavailableError || (err as { code?: string })?.code === 'CLASSIFIER_UNAVAILABLE';
}

export async function routeForTriage(email: SupportEmail, options: ClassifyOptions, { confirms = false } = {}): Promise<TriageRoute> {
  // A sender's confirmation ("yes, that was me") was classified with its request: it goes on to
  // Debit Credit, which checks the confirmation again against the held ticket before charging.
  if (confirms) return { output: 'support', fields: { classification: null, decidedBy: 'confirmation' } };

  const result = await classify(email, options).catch((err: unknown) => (isUnavailable(err) ? err : Promise.reject(err)));
  if (isUnavailable(result)) {
    return {
      output: 'needs_review',
      fields: {
        classification: null,
        decidedBy: 'llm',
        reviewReason: `AI classifier unavailable: ${result.message}`,
        classifierError: {
          kind: result.causeKind,
          ...(result.status !== undefined ? { status: result.status } : {}),
          message: result.message,
        },
      },
    };
  }
  const fields: Record<string, unknown> = { classification: result.classification, decidedBy: result.decidedBy };
  if (result.rule !== undefined) fields.rule = result.rule;
  if (result.promptTokens !== undefined) fields.promptTokens = result.promptTokens;
  if (result.reviewReason !== undefined) fields.reviewReason = result.reviewReason;
  return { output: result.route, fields };
}
