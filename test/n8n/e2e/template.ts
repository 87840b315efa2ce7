/**
 * A shipped template made runnable in the test n8n: credentials bound to this run's, Gmail nodes
 * pointed at the local Gmail server, and ONLY its trigger swapped for Webhook → Split Out carrying
 * the trigger's exact name (so `$('Gmail Trigger')` still resolves); everything after runs as shipped.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../../scripts/n8n/paths';
import { credentialSlots, type NodeDescription } from '../../../scripts/n8n/credential-slots';
import type { ExecutionResult, WorkflowJson } from '../harness';
import type { N8nClient } from '../harness/n8n-client';

type Binding = { id: string; name: string };
type NodeJson = Record<string, unknown> & { name: string; type: string; parameters: Record<string, unknown>; credentials?: Record<string, Binding> };

export function loadTemplate(file: string): WorkflowJson {
  return JSON.parse(readFileSync(path.join(repoRoot, 'workflows', file), 'utf8')) as WorkflowJson;
}

export interface TestCopyOptions {
  /** Nodes replaced by a No Operation node of the same name (the demo without a Stripe key). */
  noOps?: string[];
  /**
   * Credential type → this run's credential, put in every slot of that type (the templates ship
   * with none); a type bound to null stays unset (e.g. no AI → offline classifier).
   */
  credentials: Record<string, Binding | null>;
  /** The node types as n8n loaded them (harness: loadedNodeDescriptions()), for each node's slots. */
  nodeTypes: NodeDescription[];
  trigger: string;
  gmailRootUrl?: string;
}

export function testCopy(template: WorkflowJson, options: TestCopyOptions): { workflow: WorkflowJson; hook: string } {
  const hook = `sg-e2e-${randomUUID()}`;
  const nodes = (template.nodes as NodeJson[]).flatMap((node): NodeJson[] => {
    if (node.name === options.trigger) {
      const [x, y] = node.position as [number, number];
      return [
        { id: randomUUID(), name: 'Test delivery', type: 'n8n-nodes-base.webhook', typeVersion: 2.1, position: [x - 220, y], webhookId: randomUUID(), parameters: { httpMethod: 'POST', path: hook, responseMode: 'lastNode', responseData: 'noData', options: {} } },
        { id: node.id as string, name: node.name, type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [x, y], parameters: { fieldToSplitOut: 'body.items', options: {} } },
      ];
    }
    if (options.noOps?.includes(node.name)) {
      return [{ id: node.id as string, name: node.name, type: 'n8n-nodes-base.noOp', typeVersion: 1, position: node.position, parameters: {} }];
    }
    const copy: NodeJson = structuredClone(node);
    if (copy.credentials) throw new Error(`template node ${node.name} ships a credential: templates ship with every slot unset`);
    const bound = credentialSlots(node, options.nodeTypes).flatMap(({ type }) => {
      if (!(type in options.credentials)) throw new Error(`no test credential for ${type} (node ${node.name})`);
      const b = options.credentials[type];
      return b ? [[type, b] as const] : [];
    });
    if (bound.length) copy.credentials = Object.fromEntries(bound);
    if (copy.type === 'n8n-nodes-supportgate.gmailSupportActions' && options.gmailRootUrl) {
      copy.parameters = { ...copy.parameters, options: { ...(copy.parameters.options as object), apiRootUrl: options.gmailRootUrl } };
    }
    return [copy];
  });
  const connections = { ...template.connections, 'Test delivery': { main: [[{ node: options.trigger, type: 'main', index: 0 }]] } };
  const { id: _fixedId, ...rest } = template;
  return { workflow: { ...rest, name: `${template.name} (test ${hook.slice(-6)})`, nodes, connections } as WorkflowJson, hook };
}

export interface Deployed {
  id: string;
  /** Delivers trigger items and returns the finished execution. */
  deliver(items: Array<Record<string, unknown>>): Promise<ExecutionResult>;
}

export async function deploy(api: N8nClient, workflow: WorkflowJson, hook: string): Promise<Deployed> {
  const { id, versionId } = await api.createWorkflow(workflow);
  await api.activate(id, versionId);
  const post = (items: unknown[]) => api.webhook(hook, { body: { items } });
  return {
    id,
    async deliver(items) {
      let res = await post(items);
      for (let i = 0; res.status === 404 && i < 100; i++) {
        await new Promise((r) => setTimeout(r, 100));
        res = await post(items);
      }
      if (res.status >= 400) throw new Error(`delivery failed: ${res.status} ${res.text.slice(0, 500)}`);
      return api.lastExecution(id);
    },
  };
}

/** Items a node put on one of its outputs in an execution (all runs of the node). */
export function outputOf(execution: ExecutionResult, node: string, output = 0): Array<Record<string, any>> {
  return (execution.runs[node] ?? []).flatMap((run) => run.outputs[output] ?? []).map((i) => i.json as Record<string, any>);
}

/** Names of the nodes that ran, for "which path was taken" assertions. */
export const ran = (execution: ExecutionResult): string[] => Object.keys(execution.runs);
