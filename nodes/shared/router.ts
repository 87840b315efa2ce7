import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { failEveryItem, forEachItem, unknownOperation, type OutputLayout, type Routed } from './item-loop';

/**
 * One operation of a node, in `actions/<op>.operation.ts` (or `actions/<resource>/<op>.operation.ts`):
 * the fields it shows, and what it does with one item given what the node set up once.
 */
export interface NodeOperation<Setup = void> {
  /** The node properties this operation adds (with their displayOptions when the node has several). */
  description: INodeProperties[];
  execute(ctx: IExecuteFunctions, itemIndex: number, setup: Setup): Promise<Routed | Routed[]>;
}

export interface Router<Setup> {
  layout: OutputLayout;
  /** Operations by key: `operation`, or `resource/operation` for nodes with resources. */
  operations: Record<string, NodeOperation<Setup>>;
  /** What every item shares (a ledger, an API client), built once; when it fails every item fails. */
  setup?: (ctx: IExecuteFunctions) => Promise<Setup>;
  /** Releases what setup opened (an IMAP session), whatever the items did. */
  teardown?: (setup: Setup) => Promise<void>;
  /** The key of item i; by default the node's `resource`/`operation` parameters, or its only operation. */
  keyOf?: (ctx: IExecuteFunctions, itemIndex: number) => string;
}

function defaultKey(ctx: IExecuteFunctions, i: number, keys: string[]): string {
  if (keys.length === 1) return keys[0];
  const operation = String(ctx.getNodeParameter('operation', i));
  return keys.some((k) => k.includes('/')) ? `${String(ctx.getNodeParameter('resource', i))}/${operation}` : operation;
}

/** Every node's execute: setup once, then each item to its operation through the one item loop. */
export async function route<Setup>(ctx: IExecuteFunctions, router: Router<Setup>): Promise<INodeExecutionData[][]> {
  let setup: Setup;
  try {
    setup = router.setup ? await router.setup(ctx) : (undefined as Setup);
  } catch (error) {
    return failEveryItem(ctx, router.layout, error);
  }
  const keys = Object.keys(router.operations);
  try {
    return await forEachItem(ctx, router.layout, async (i) => {
      const key = router.keyOf ? router.keyOf(ctx, i) : defaultKey(ctx, i, keys);
      const operation = Object.hasOwn(router.operations, key) ? router.operations[key] : undefined;
      if (!operation) throw unknownOperation(ctx, key, keys, i);
      return operation.execute(ctx, i, setup);
    });
  } finally {
    await router.teardown?.(setup);
  }
}

/** The properties of all operations, in order, for the node's description. */
export function operationProperties(operations: Record<string, NodeOperation<never>>): INodeProperties[] {
  return Object.values(operations).flatMap((op) => op.description);
}

/** Fields shown only for one operation: each operation file owns its fields, shared ones included. */
export function onlyFor(operation: string, fields: INodeProperties[]): INodeProperties[] {
  return fields.map((field) => ({ ...field, displayOptions: { show: { operation: [operation] } } }));
}
