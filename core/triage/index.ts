export * from './types';
export { classify, inconsistency, type ClassifyOptions } from './classify';
export { prefilter, type PrefilterDecision, type PrefilterRule } from './prefilter';
export { classifyWithLlm, createLlmClient, type LlmConfig, type LlmOutcome } from './llm';
export { buildPrompt, estimateTokens, truncateToTokens, MAX_BODY_TOKENS, DEFAULT_SUPPORT_DEFINITION, type Prompt } from './prompt';
export { classifyOffline, SUPPORT_CATEGORIES, firstSentences } from './offline';
export { routeForTriage, TRIAGE_FIELDS, type TriageOutput, type TriageRoute } from './route';
