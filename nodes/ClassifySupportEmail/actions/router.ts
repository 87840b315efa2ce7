import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { triage } from '../../../core';
import type { OutputLayout } from '../../shared/item-loop';
import { route } from '../../shared/router';
import { AI_CREDENTIAL } from './classify.fields';
import * as classify from './classify.operation';

// Never a category (n8n's Text Classifier sends such items to its first one): an unusable item
// waits for a human in "Needs review", with the original fields and the error.
const LAYOUT: OutputLayout = {
  outputs: 3,
  failedOutput: classify.OUTPUT.needs_review,
  failedFields: (error) => ({ reviewReason: `unusable item: ${error.message}` }),
};

export const operations = { classify };

/** The LLM settings when an AI credential is set; undefined means the offline classifier. */
async function llmConfig(ctx: IExecuteFunctions): Promise<triage.LlmConfig | undefined> {
  if (!ctx.getNode().credentials?.[AI_CREDENTIAL]) return undefined;
  const cred = await ctx.getCredentials<{ apiKey?: string; baseUrl?: string; model?: string }>(AI_CREDENTIAL);
  const options = ctx.getNodeParameter('options', 0, {}) as { maxRetries?: number; timeoutSeconds?: number };
  const apiKey = (cred.apiKey ?? '').trim();
  const model = (cred.model ?? '').trim();
  if (!apiKey)
    throw new NodeOperationError(ctx.getNode(), 'The AI credential has no API key', {
      description:
        'Field: apiKey. Set one (any text for a local server such as Ollama), or remove the credential to use the offline classifier.',
    });
  if (!model)
    throw new NodeOperationError(ctx.getNode(), 'The AI credential names no model', {
      description: 'Field: model. Name a chat model that supports structured output, e.g. gpt-4o-mini.',
    });
  return {
    apiKey,
    model,
    baseURL: (cred.baseUrl ?? '').trim().replace(/\/+$/, '') || undefined,
    maxRetries: options.maxRetries ?? 2,
    timeoutMs: Math.round((options.timeoutSeconds ?? 30) * 1000),
  };
}

export function router(ctx: IExecuteFunctions): Promise<INodeExecutionData[][]> {
  return route(ctx, { layout: LAYOUT, setup: llmConfig, operations });
}
