import type { SupportEmail } from '../email/types';
import { classifyWithLlm, type LlmConfig } from './llm';
import { classifyOffline, firstSentences } from './offline';
import { prefilter } from './prefilter';
import { NON_SUPPORT_CATEGORIES, type Classification, type ClassifyResult } from './types';

export interface ClassifyOptions {
  /** When set (with an apiKey), the LLM classifies; otherwise the embedded offline classifier. */
  llm?: LlmConfig;
  /** What this agency counts as support; goes to the LLM as policy, never mixed with the email. */
  projectInstructions?: string;
  /** Below this confidence the mail goes to "Needs review". Default 0.6. */
  confidenceThreshold?: number;
}

/** Checks the code makes on its own, whatever a classifier said. Returns why a review is needed. */
export function inconsistency(c: Classification): string | undefined {
  if (c.is_support_request && NON_SUPPORT_CATEGORIES.has(c.category)) {
    return `inconsistent output: is_support_request with category ${c.category}`;
  }
  return undefined;
}

/**
 * Pre-filter rules first (no LLM spent on mail we would ignore), then the LLM if configured,
 * else the offline classifier. Low confidence or inconsistent output → needs_review.
 * A ClassifierUnavailableError from the LLM path propagates: the caller routes to "Needs review".
 */
export async function classify(email: SupportEmail, options: ClassifyOptions = {}): Promise<ClassifyResult> {
  const threshold = options.confidenceThreshold ?? 0.6;
  const rule = prefilter(email);
  if (rule.decided) {
    return {
      route: 'not_support',
      decidedBy: 'rule',
      rule: rule.rule,
      classification: {
        is_support_request: false,
        category: rule.category,
        urgency: 'low',
        language: email.language,
        summary: firstSentences(email.text) || email.subject,
        confidence: 1,
        reason: `pre-filter rule ${rule.rule}: ${rule.reason}`,
      },
    };
  }

  let result: ClassifyResult;
  if (options.llm?.apiKey) {
    const out = await classifyWithLlm(email, options.llm, options.projectInstructions);
    result = {
      route: 'support',
      decidedBy: 'llm',
      classification: out.classification,
      promptTokens: out.promptTokens,
      promptTokensEstimate: out.promptTokensEstimate,
      completionTokens: out.completionTokens,
    };
  } else {
    result = { route: 'support', decidedBy: 'offline', classification: classifyOffline(email) };
  }
  const c = result.classification;
  const problem = inconsistency(c) ?? (c.confidence < threshold ? `confidence ${c.confidence} below ${threshold}` : undefined);
  if (problem) return { ...result, route: 'needs_review', reviewReason: problem };
  return { ...result, route: c.is_support_request ? 'support' : 'not_support' };
}
