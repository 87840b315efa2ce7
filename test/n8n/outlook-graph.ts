/** Shared pieces of the Outlook n8n tests: a local Graph that can call n8n's plain-http webhook. */
import { randomUUID } from 'node:crypto';
import type { FetchLike } from '../../graph-connector/client';
import { GraphTestServer, httpsFetch, makeCert } from '../support/graph-server';
import { n8n, type Item } from './harness';

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
  const list = await api.rest<{ data: { results: Array<{ id: string; status: string }> } }>('GET', `/rest/executions?filter=${filter}&limit=100`);
  const done = list.data.results.filter((e) => !['new', 'running', 'waiting'].includes(e.status)).reverse();
  return Promise.all(done.map(async (e) => ({ id: e.id, status: e.status, items: (await api.execution(e.id)).runs[node]?.[0]?.outputs[0] ?? [] })));
}
