import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { errorJson, toNodeError, type ItemError } from './errors';

/**
 * The output every SupportGate node that can send mail or move money sends failed items to under
 * continue-on-fail. The shipped templates leave it unwired: the mail keeps no SupportGate label,
 * so the reconcile sweep drives it again, and no reply or payment link follows a failure.
 */
export const FAILED_OUTPUT = 'Failed';

/** Where one input item's result goes: the index of one of the node's outputs, and its json. */
export interface Routed {
  output: number;
  json: IDataObject;
  binary?: INodeExecutionData['binary'];
}

export interface OutputLayout {
  /** How many outputs the node has, the failure output included. */
  outputs: number;
  /** Index of the output failed items take: one that leads to no client mail and no money. */
  failedOutput: number;
  /** Fields a failed item carries besides `error` and `description`, for nodes whose failure output has a meaning of its own. */
  failedFields?: (error: ItemError) => IDataObject;
}

/** The one failed-item shape: the input's fields, plus `error` and `description`. */
export function failedItem(ctx: IExecuteFunctions, itemIndex: number, error: ItemError, layout?: OutputLayout): INodeExecutionData {
  const input = ctx.getInputData()[itemIndex]?.json ?? {};
  // Not on item.error: n8n would then replace the whole json with {error}, and the Failed branch
  // (a staff notification, a retry) would lose the mail it is about.
  return { json: { ...input, ...errorJson(error), ...layout?.failedFields?.(error) }, pairedItem: { item: itemIndex } };
}

function emptyOutputs(layout: OutputLayout): INodeExecutionData[][] {
  return Array.from({ length: layout.outputs }, () => []);
}

/**
 * Setup (credentials, database) failed before any item: without continue-on-fail the node stops;
 * with it, every item takes the failure output.
 */
export function failEveryItem(ctx: IExecuteFunctions, layout: OutputLayout, cause: unknown): INodeExecutionData[][] {
  const error = toNodeError(ctx.getNode(), cause, 0);
  if (!ctx.continueOnFail()) throw error;
  const outputs = emptyOutputs(layout);
  ctx.getInputData().forEach((_, i) => outputs[layout.failedOutput].push(failedItem(ctx, i, toNodeError(ctx.getNode(), cause, i), layout)));
  return outputs;
}

/**
 * Runs `handle` for each input item, in order. A thrown error stops the node, or, under
 * continue-on-fail, puts that item on the failure output and goes on with the next.
 */
export async function forEachItem(
  ctx: IExecuteFunctions,
  layout: OutputLayout,
  handle: (itemIndex: number) => Promise<Routed | Routed[]>,
): Promise<INodeExecutionData[][]> {
  const outputs = emptyOutputs(layout);
  const count = ctx.getInputData().length;
  for (let i = 0; i < count; i++) {
    try {
      const results = await handle(i);
      for (const r of Array.isArray(results) ? results : [results]) {
        outputs[r.output].push({ json: r.json, ...(r.binary ? { binary: r.binary } : {}), pairedItem: { item: i } });
      }
    } catch (err) {
      const error = toNodeError(ctx.getNode(), err, i);
      if (!ctx.continueOnFail()) throw error;
      outputs[layout.failedOutput].push(failedItem(ctx, i, error, layout));
    }
  }
  return outputs;
}

/** An operation value the node does not know (an old workflow, a typo in an expression). */
export function unknownOperation(ctx: IExecuteFunctions, value: unknown, known: readonly string[], itemIndex = 0): NodeOperationError {
  return new NodeOperationError(ctx.getNode(), `Unknown operation "${String(value)}"`, {
    itemIndex,
    description: `Field: operation. Choose one of: ${known.join(', ')}.`,
  });
}
