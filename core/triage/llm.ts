import OpenAI from 'openai';
import { ContentFilterFinishReasonError, LengthFinishReasonError } from 'openai/error';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { SupportEmail } from '../email/types';
import { buildPrompt } from './prompt';
import { ClassifierUnavailableError, classificationSchema, TriageError, type Classification } from './types';

export interface LlmConfig {
  apiKey: string;
  /** Any OpenAI-compatible endpoint, e.g. http://127.0.0.1:11434/v1. */
  baseURL?: string;
  model: string;
  /** SDK retries (honouring Retry-After) on 408/409/429/5xx and connection errors. Default 2. */
  maxRetries?: number;
  timeoutMs?: number;
}

export interface LlmOutcome {
  classification: Classification;
  promptTokens: number;
  promptTokensEstimate: number;
  /** Output tokens the API reported (0 when it reports no usage). */
  completionTokens: number;
}

export function createLlmClient(config: LlmConfig): OpenAI {
  if (!config.apiKey)
    throw new TriageError(
      'LLM_CONFIG',
      'The AI credential has no API key: set one, or remove the credential to use the offline classifier.',
      'apiKey',
    );
  if (!config.model) throw new TriageError('LLM_CONFIG', 'No model is set: name the chat model to use (e.g. gpt-4o-mini).', 'model');
  return new OpenAI({
    apiKey: config.apiKey,
    baseURL: config.baseURL,
    maxRetries: config.maxRetries ?? 2,
    timeout: config.timeoutMs ?? 30_000,
  });
}

function unavailable(err: unknown): ClassifierUnavailableError {
  const detail = (err as Error)?.message ?? String(err);
  if (err instanceof OpenAI.RateLimitError)
    return new ClassifierUnavailableError(`The AI provider kept rate-limiting (429) after retries: ${detail}`, 'rate_limited', 429);
  if (err instanceof OpenAI.InternalServerError)
    return new ClassifierUnavailableError(`The AI provider failed (${err.status}) after retries: ${detail}`, 'server_error', err.status);
  if (err instanceof OpenAI.APIConnectionTimeoutError)
    return new ClassifierUnavailableError(`The AI provider did not answer in time after retries: ${detail}`, 'timeout');
  if (err instanceof OpenAI.APIConnectionError)
    return new ClassifierUnavailableError(`The AI provider could not be reached: ${detail}`, 'connection');
  if (err instanceof OpenAI.AuthenticationError || err instanceof OpenAI.PermissionDeniedError) {
    return new ClassifierUnavailableError(`The AI provider refused the credential (${err.status}): check the API key.`, 'auth', err.status);
  }
  if (err instanceof OpenAI.APIError)
    return new ClassifierUnavailableError(`The AI provider answered ${err.status}: ${detail}`, 'other', err.status);
  if (err instanceof LengthFinishReasonError || err instanceof ContentFilterFinishReasonError) {
    return new ClassifierUnavailableError(`The AI answer was cut or filtered: ${detail}`, 'invalid_output');
  }
  // JSON that does not parse, or breaks the schema (ZodError).
  return new ClassifierUnavailableError(`The AI answer was not a valid classification: ${detail}`, 'invalid_output');
}

/** One classification through chat.completions.parse with a zod response format. */
export async function classifyWithLlm(
  email: SupportEmail,
  config: LlmConfig,
  projectInstructions?: string,
  client = createLlmClient(config),
): Promise<LlmOutcome> {
  const prompt = buildPrompt(email, projectInstructions);
  let completion;
  try {
    completion = await client.chat.completions.parse({
      model: config.model,
      messages: prompt.messages,
      response_format: zodResponseFormat(classificationSchema, 'classification'),
      temperature: 0,
    });
  } catch (err) {
    throw unavailable(err);
  }
  const message = completion.choices[0]?.message;
  if (message?.refusal) throw new ClassifierUnavailableError(`The AI model refused to classify: ${message.refusal}`, 'refusal');
  // Validate again: parse() trusts the schema, we want our own check on what we act on.
  const checked = classificationSchema.safeParse(message?.parsed);
  if (!checked.success)
    throw new ClassifierUnavailableError(
      `The AI answer was not a valid classification: ${checked.error.issues[0]?.message ?? 'empty'}`,
      'invalid_output',
    );
  return {
    classification: checked.data,
    promptTokens: completion.usage?.prompt_tokens ?? prompt.estimatedTokens,
    promptTokensEstimate: prompt.estimatedTokens,
    completionTokens: completion.usage?.completion_tokens ?? 0,
  };
}
