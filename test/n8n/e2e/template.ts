/**
 * A shipped template made runnable in the test n8n: credentials bound to this run's, Gmail nodes
 * pointed at the local Gmail server, and ONLY its trigger swapped for Webhook → Split Out carrying
 * the trigger's exact name (so `$('Gmail Support Trigger')` still resolves); everything after runs as shipped.
 * The shipped sub-workflows it calls (process-mail.json…) get the same treatment, are imported
 * first and its Execute Workflow nodes pointed at them, as a person does by picking them in the list.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../../scripts/n8n/paths';
import { credentialSlots, type NodeDescription } from '../../../scripts/n8n/credential-slots';
import type { ExecutionResult, WorkflowJson } from '../harness';
import type { N8nClient } from '../harness/n8n-client';

type Binding = { id: string; name: string };
type NodeJson = Record<string, unknown> & {
  name: string;
  type: string;
  parameters: Record<string, unknown>;
  credentials?: Record<string, Binding>;
};

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

export const EXECUTE_WORKFLOW = 'n8n-nodes-base.executeWorkflow';
type WorkflowRef = { __rl: true; mode: string; value: string; cachedResultName?: string; cachedResultUrl?: string };

/** The workflow ids an Execute Workflow node of this workflow calls (source: database). */
export function calledIds(workflow: WorkflowJson): string[] {
  return (workflow.nodes as NodeJson[])
    .filter((n) => n.type === EXECUTE_WORKFLOW && (n.parameters.source ?? 'database') === 'database')
    .map((n) => (n.parameters.workflowId as WorkflowRef).value);
}

/** Shipped templates by their fixed id. */
function templatesById(): Map<string, WorkflowJson> {
  const files = readdirSync(path.join(repoRoot, 'workflows')).filter((f) => f.endsWith('.json'));
  return new Map(files.map((f) => loadTemplate(f)).map((w) => [String(w.id), w]));
}

/** Every shipped sub-workflow the template calls, directly or through another, by template id. */
export function calledTemplates(template: WorkflowJson): Record<string, WorkflowJson> {
  const shipped = templatesById();
  const out: Record<string, WorkflowJson> = {};
  const visit = (w: WorkflowJson) => {
    for (const id of calledIds(w)) {
      if (out[id]) continue;
      const sub = shipped.get(id);
      if (!sub) throw new Error(`${w.name} calls workflow ${id}, which no template in workflows/ carries`);
      out[id] = sub;
      visit(sub);
    }
  };
  visit(template);
  return out;
}

export interface TestCopy {
  workflow: WorkflowJson;
  hook: string;
  /** Test copies (same credentials and options, trigger kept) of the sub-workflows it calls, by template id. */
  calls: Record<string, WorkflowJson>;
}

export function testCopy(template: WorkflowJson, options: TestCopyOptions): TestCopy {
  const hook = `sg-e2e-${randomUUID()}`;
  const nodes = (template.nodes as NodeJson[]).flatMap((node): NodeJson[] => {
    if (node.name === options.trigger) {
      const [x, y] = node.position as [number, number];
      return [
        {
          id: randomUUID(),
          name: 'Test delivery',
          type: 'n8n-nodes-base.webhook',
          typeVersion: 2.1,
          position: [x - 220, y],
          webhookId: randomUUID(),
          parameters: { httpMethod: 'POST', path: hook, responseMode: 'lastNode', responseData: 'noData', options: {} },
        },
        {
          id: node.id as string,
          name: node.name,
          type: 'n8n-nodes-base.splitOut',
          typeVersion: 1,
          position: [x, y],
          parameters: { fieldToSplitOut: 'body.items', options: {} },
        },
      ];
    }
    return [copyNode(node, options)];
  });
  const connections = { ...template.connections, 'Test delivery': { main: [[{ node: options.trigger, type: 'main', index: 0 }]] } };
  const calls = Object.fromEntries(
    Object.entries(calledTemplates(template)).map(([id, sub]) => [
      id,
      renamed(sub, { nodes: (sub.nodes as NodeJson[]).map((n) => copyNode(n, options)) }, hook),
    ]),
  );
  return { workflow: renamed(template, { nodes, connections }, hook), hook, calls };
}

/** A node of a template as the test runs it: this run's credentials, the local Gmail server, or a No Operation. */
function copyNode(node: NodeJson, options: TestCopyOptions): NodeJson {
  if (options.noOps?.includes(node.name)) {
    return { id: node.id as string, name: node.name, type: 'n8n-nodes-base.noOp', typeVersion: 1, position: node.position, parameters: {} };
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
  return copy;
}

/** The template without its fixed id (n8n gives each import its own), named for this run. */
function renamed(template: WorkflowJson, replace: Partial<WorkflowJson>, hook: string): WorkflowJson {
  const { id: _fixedId, ...rest } = template;
  return { ...rest, ...replace, name: `${template.name} (test ${hook.slice(-6)})` } as WorkflowJson;
}

/**
 * Imports each sub-workflow the workflow calls (its own calls first) and publishes it, since
 * n8n 2.x runs the published version of a sub-workflow in a production execution; then points the
 * caller's Execute Workflow nodes at the imported copies. Returns the caller, ready to import.
 */
export async function importCalls(
  api: N8nClient,
  workflow: WorkflowJson,
  calls: Record<string, WorkflowJson>,
  imported: Record<string, string> = {},
): Promise<{ workflow: WorkflowJson; ids: Record<string, string> }> {
  for (const templateId of calledIds(workflow)) {
    if (imported[templateId]) continue;
    const sub = calls[templateId];
    if (!sub) throw new Error(`${workflow.name} calls workflow ${templateId}: no copy of it was given`);
    const { workflow: ready } = await importCalls(api, sub, calls, imported);
    const { id, versionId } = await api.createWorkflow(ready);
    await api.activate(id, versionId);
    imported[templateId] = id;
  }
  const nodes = (workflow.nodes as NodeJson[]).map((n) => {
    if (n.type !== EXECUTE_WORKFLOW || !imported[(n.parameters.workflowId as WorkflowRef)?.value]) return n;
    const ref = n.parameters.workflowId as WorkflowRef;
    const id = imported[ref.value];
    return { ...n, parameters: { ...n.parameters, workflowId: { ...ref, value: id, cachedResultUrl: `/workflow/${id}` } } };
  });
  return { workflow: { ...workflow, nodes }, ids: imported };
}

export interface Deployed {
  id: string;
  /**
   * Delivers trigger items and returns the finished execution; an execution that failed (the
   * webhook answers 500) is returned only when `failed` is allowed, otherwise the delivery throws.
   */
  deliver(items: Array<Record<string, unknown>>, options?: { failed?: 'allowed' }): Promise<ExecutionResult>;
}

export async function deploy(api: N8nClient, copy: Omit<TestCopy, 'calls'> & { calls?: TestCopy['calls'] }): Promise<Deployed> {
  const { workflow } = await importCalls(api, copy.workflow, copy.calls ?? {});
  const { id, versionId } = await api.createWorkflow(workflow);
  await api.activate(id, versionId);
  const post = (items: unknown[]) => api.webhook(copy.hook, { body: { items } });
  return {
    id,
    async deliver(items, options) {
      let res = await post(items);
      for (let i = 0; res.status === 404 && i < 100; i++) {
        await new Promise((r) => setTimeout(r, 100));
        res = await post(items);
      }
      const failedRun = res.status === 500 && options?.failed === 'allowed';
      if (res.status >= 400 && !failedRun) throw new Error(`delivery failed: ${res.status} ${res.text.slice(0, 500)}`);
      return api.lastExecution(id);
    },
  };
}

/** Items a node put on one of its outputs in an execution (all runs of the node, sub-executions included). */
export function outputOf(execution: ExecutionResult, node: string, output = 0): Array<Record<string, any>> {
  return (execution.runs[node] ?? []).flatMap((run) => run.outputs[output] ?? []).map((i) => i.json as Record<string, any>);
}

/** Names of the nodes that ran, for "which path was taken" assertions. */
export const ran = (execution: ExecutionResult): string[] => Object.keys(execution.runs);
