/** Shared pieces of the Outlook n8n tests: a local Graph that can call n8n's plain-http webhook. */
import { randomUUID } from 'node:crypto';
import type { FetchLike } from '../../graph-connector/client';
import { GraphTestServer, httpsFetch, makeCert } from '../support/graph-server';
import { bindByType } from './harness/node-types';
import { n8n, type ExecutionResult, type Item, type WorkflowJson } from './harness';

/** Graph calls notification URLs over https; n8n in the tests listens on http://localhost, so those go through global fetch. */
export class LocalGraph extends GraphTestServer {
  override get fetch(): FetchLike {
    const https = httpsFetch(this.tls.cert);
    return (input, init) => (new Request(input, init).url.startsWith('http:') ? fetch(input, init) : https(input, init));
  }
}

export async function startGraph(): Promise<LocalGraph> {
  return new LocalGraph(makeCert()).start();
}

/** A "SupportGate Microsoft Graph (App)" credential pointed at the local Graph (its CA trusted through the credential). */
export async function graphCredential(graph: GraphTestServer, clientSecret = 'app-secret') {
  const api = await n8n();
  return api.createCredential(`Graph ${randomUUID()}`, 'supportGateGraphAppApi', {
    tenantId: 'tenant-1',
    clientId: 'client-1',
    clientSecret,
    mailbox: graph.mailbox,
    customEndpoints: true,
    graphBaseUrl: graph.url,
    authorityHost: graph.url,
    scope: '',
    caPem: graph.tls.cert,
  });
}

export async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, tries = 150): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Every finished execution of a workflow, oldest first, with one node's first-output items. */
export async function finishedExecutions(workflowId: string, node: string): Promise<Array<{ id: string; status: string; items: Item[] }>> {
  const api = await n8n();
  const filter = encodeURIComponent(JSON.stringify({ workflowId }));
  const list = await api.rest<{ data: { results: Array<{ id: string; status: string }> } }>(
    'GET',
    `/rest/executions?filter=${filter}&limit=100`,
  );
  const done = list.data.results.filter((e) => !['new', 'running', 'waiting'].includes(e.status)).reverse();
  return Promise.all(
    done.map(async (e) => ({ id: e.id, status: e.status, items: (await api.execution(e.id)).runs[node]?.[0]?.outputs[0] ?? [] })),
  );
}

type Binding = { id: string; name: string };

/**
 * A shipped template with its REAL trigger, made runnable here: credentials bound to this run's,
 * the fixed workflow id dropped and each trigger given a fresh webhookId (its webhook path), so
 * reruns against the same n8n never collide. Nothing else changes.
 */
export function withRealTrigger(template: WorkflowJson, credentials: Record<string, Binding>): WorkflowJson {
  const nodes = (
    bindByType(template, credentials).nodes as Array<Record<string, unknown> & { name: string; credentials?: Record<string, Binding> }>
  ).map((node) => {
    const copy = structuredClone(node);
    if (copy.webhookId) copy.webhookId = randomUUID();
    return copy;
  });
  const { id: _fixedId, ...rest } = template;
  return { ...rest, name: `${template.name} (test ${randomUUID().slice(0, 6)})`, nodes };
}

/** Collects a workflow's finished executions once each, to find the one that handled a mail. */
export class ExecutionLog {
  readonly done = new Map<string, ExecutionResult>();
  constructor(private readonly workflowId: string) {}

  async refresh(): Promise<ExecutionResult[]> {
    const api = await n8n();
    const filter = encodeURIComponent(JSON.stringify({ workflowId: this.workflowId }));
    const list = await api.rest<{ data: { results: Array<{ id: string; status: string }> } }>(
      'GET',
      `/rest/executions?filter=${filter}&limit=100`,
    );
    for (const e of list.data.results) {
      if (!this.done.has(e.id) && !['new', 'running', 'waiting'].includes(e.status)) this.done.set(e.id, await api.execution(e.id));
    }
    return [...this.done.values()];
  }

  /** Trigger items (any execution) whose graph.id is `graphId`. */
  triggerItemsFor(trigger: string, graphId: string): Item[] {
    return [...this.done.values()]
      .flatMap((x) => x.runs[trigger]?.[0]?.outputs[0] ?? [])
      .filter((i) => (i.json.graph as { id?: string } | undefined)?.id === graphId);
  }

  /** Waits for the finished execution whose trigger emitted the mail with this Graph id. */
  executionFor(trigger: string, graphId: string): Promise<ExecutionResult> {
    const has = (x: ExecutionResult) =>
      (x.runs[trigger]?.[0]?.outputs[0] ?? []).some((i) => (i.json.graph as { id?: string } | undefined)?.id === graphId);
    return until(`the execution of ${graphId}`, async () => (await this.refresh()).find(has), 300);
  }
}
