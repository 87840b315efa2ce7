import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { triage } from '../../core';
import { errorJson, toNodeError } from '../shared/errors';
import { classifyItem, OUTPUT, type InputItem } from './classify-item';
import { AI_CREDENTIAL } from './description';

/** The LLM settings when an AI credential is set; undefined means the offline classifier. */
async function llmConfig(ctx: IExecuteFunctions): Promise<triage.LlmConfig | undefined> {
  if (!ctx.getNode().credentials?.[AI_CREDENTIAL]) return undefined;
  const cred = await ctx.getCredentials<{ apiKey?: string; baseUrl?: string; model?: string }>(AI_CREDENTIAL);
  const options = ctx.getNodeParameter('options', 0, {}) as { maxRetries?: number; timeoutSeconds?: number };
  const apiKey = (cred.apiKey ?? '').trim();
  const model = (cred.model ?? '').trim();
  if (!apiKey) throw new NodeOperationError(ctx.getNode(), 'The AI credential has no API key', { description: 'Field: apiKey. Set one (any text for a local server such as Ollama), or remove the credential to use the offline classifier.' });
  if (!model) throw new NodeOperationError(ctx.getNode(), 'The AI credential names no model', { description: 'Field: model. Name a chat model that supports structured output, e.g. gpt-4o-mini.' });
  return {
    apiKey,
    model,
    baseURL: (cred.baseUrl ?? '').trim().replace(/\/+$/, '') || undefined,
    maxRetries: options.maxRetries ?? 2,
    timeoutMs: Math.round((options.timeoutSeconds ?? 30) * 1000),
  };
}

export async function executeClassify(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
  const items = this.getInputData();
  const outputs: INodeExecutionData[][] = [[], [], []];
  const llm = await llmConfig(this);

  for (let i = 0; i < items.length; i++) {
    try {
      const options: triage.ClassifyOptions = {
        llm,
        projectInstructions: (this.getNodeParameter('projectInstructions', i, '') as string).trim() || undefined,
        confidenceThreshold: this.getNodeParameter('confidenceThreshold', i, 0.6) as number,
      };
      const routed = await classifyItem(items[i] as InputItem, options);
      outputs[routed.output].push({ json: routed.json as IDataObject, ...(items[i].binary ? { binary: items[i].binary } : {}), pairedItem: { item: i } });
    } catch (err) {
      const nodeError = toNodeError(this.getNode(), err, i);
      if (!this.continueOnFail()) throw nodeError;
      // Never a category (n8n's Text Classifier sends such items to its first one): an unusable
      // item waits for a human in "Needs review", with the original fields and the error.
      outputs[OUTPUT.needs_review].push({
        json: { ...items[i].json, ...errorJson(nodeError), reviewReason: `unusable item: ${nodeError.message}` },
        pairedItem: { item: i },
      });
    }
  }
  return outputs;
}
