/**
 * `npm run eval -- --llm`: the real heldout side through the LLM path (pre-filter, then any
 * OpenAI-compatible endpoint), the same figures as the offline path plus tokens and cost.
 */
import { classify } from '../../core/triage/classify';
import type { LlmConfig } from '../../core/triage/llm';
import { ClassifierUnavailableError } from '../../core/triage/types';
import { figures, printFigures, printKinds, round, type Outcome } from './metrics';
import { parseOrNull, type Labelled } from './offline-eval';

export interface LlmEvalConfig {
  llm: LlmConfig;
  /** US dollars per million input / output tokens, for the cost figure (0 when unknown). */
  usdPerMTokIn: number;
  usdPerMTokOut: number;
  concurrency: number;
}

export function llmConfigFromEnv(env: NodeJS.ProcessEnv): LlmEvalConfig {
  const apiKey = env.EVAL_LLM_API_KEY ?? env.OPENAI_API_KEY ?? '';
  const model = env.EVAL_LLM_MODEL ?? '';
  if (!apiKey || !model) {
    throw new Error(
      'npm run eval -- --llm needs EVAL_LLM_API_KEY (or OPENAI_API_KEY) and EVAL_LLM_MODEL; EVAL_LLM_BASE_URL for a non-OpenAI endpoint, EVAL_LLM_USD_PER_MTOK_IN/_OUT for the cost figure.',
    );
  }
  return {
    llm: { apiKey, model, baseURL: env.EVAL_LLM_BASE_URL ?? env.OPENAI_BASE_URL, maxRetries: 2, timeoutMs: 60_000 },
    usdPerMTokIn: Number(env.EVAL_LLM_USD_PER_MTOK_IN ?? 0),
    usdPerMTokOut: Number(env.EVAL_LLM_USD_PER_MTOK_OUT ?? 0),
    concurrency: Math.max(1, Number(env.EVAL_LLM_CONCURRENCY ?? 4)),
  };
}

export interface LlmEvalResult {
  outcomes: Outcome[];
  calls: number;
  unavailable: number;
  promptTokens: number;
  completionTokens: number;
  usdPer1000Mails: number;
}

export async function runLlmEval(items: Labelled[], config: LlmEvalConfig, log: (line: string) => void): Promise<LlmEvalResult> {
  const outcomes: Outcome[] = new Array(items.length);
  let calls = 0;
  let unavailable = 0;
  let promptTokens = 0;
  let completionTokens = 0;
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      const item = items[index];
      const email = await parseOrNull(item.raw);
      const base = { isSupport: item.isSupport, kind: item.kind };
      if (!email) {
        outcomes[index] = { ...base, route: 'needs_review', byRule: false };
        continue;
      }
      try {
        const r = await classify(email, { llm: config.llm });
        if (r.decidedBy === 'llm') {
          calls++;
          promptTokens += r.promptTokens ?? 0;
          completionTokens += r.completionTokens ?? 0;
        }
        outcomes[index] = { ...base, route: r.route, byRule: r.decidedBy === 'rule' };
      } catch (err) {
        if (!(err instanceof ClassifierUnavailableError)) throw err;
        // What Classify does: an unreachable classifier sends the mail to Needs review.
        calls++;
        unavailable++;
        outcomes[index] = { ...base, route: 'needs_review', byRule: false };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(config.concurrency, items.length) }, worker));

  printFigures('real_llm', figures(outcomes), log);
  printKinds('real_llm', outcomes, log);
  const usd = (promptTokens * config.usdPerMTokIn + completionTokens * config.usdPerMTokOut) / 1e6;
  const per1000 = (usd / Math.max(1, items.length)) * 1000;
  log(`# real_llm: model ${config.llm.model}, ${calls} calls (${unavailable} unavailable → Needs review) for ${items.length} mails`);
  log(`figure real_llm_prompt_tokens_per_1000_mails = ${Math.round((promptTokens / Math.max(1, items.length)) * 1000)} tokens`);
  log(`figure real_llm_completion_tokens_per_1000_mails = ${Math.round((completionTokens / Math.max(1, items.length)) * 1000)} tokens`);
  log(`figure real_llm_usd_per_1000_mails = ${round(per1000)} USD`);
  return { outcomes, calls, unavailable, promptTokens, completionTokens, usdPer1000Mails: per1000 };
}
