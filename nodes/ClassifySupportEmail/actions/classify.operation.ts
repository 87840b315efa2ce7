import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { triage } from '../../../core';
import { supportEmailOf } from '../../shared/gate-json';
import { properties } from './classify.fields';

/** Output indexes, in the order of the node's outputNames. */
export const OUTPUT: Record<triage.TriageOutput, number> = { support: 0, not_support: 1, needs_review: 2 };

export const description = properties;

/** One item → its output and json: the item's fields, its SupportEmail, and this node's fresh results. */
export async function classifyItem(item: Pick<INodeExecutionData, 'json' | 'binary'>, options: triage.ClassifyOptions) {
  const email = await supportEmailOf(item.json, item.binary);
  const base: IDataObject = { ...item.json };
  for (const f of triage.TRIAGE_FIELDS) delete base[f];
  const routed = await triage.routeForTriage(email, options, { confirms: item.json.confirms === true });
  return {
    output: OUTPUT[routed.output],
    json: { ...base, email, ...routed.fields } as IDataObject,
    ...(item.binary ? { binary: item.binary } : {}),
  };
}

export async function execute(ctx: IExecuteFunctions, i: number, llm: triage.LlmConfig | undefined) {
  return classifyItem(ctx.getInputData()[i], {
    llm,
    projectInstructions: (ctx.getNodeParameter('projectInstructions', i, '') as string).trim() || undefined,
    confidenceThreshold: ctx.getNodeParameter('confidenceThreshold', i, 0.6) as number,
  });
}
