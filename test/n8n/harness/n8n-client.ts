import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { runtimeDir } from '../../../scripts/n8n/paths';

// n8n stores execution data in the "flatted" format; use n8n's own copy to read it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const flatted: { parse(text: string): unknown } = require(
  require.resolve('flatted', { paths: [path.join(runtimeDir, 'node_modules', 'n8n')] }),
);

export interface Item {
  json: Record<string, unknown>;
  binary?: Record<string, unknown>;
  pairedItem?: unknown;
}

export interface NodeRun {
  /** One list of items per node output (main[0], main[1], …). */
  outputs: Item[][];
  error?: { message: string; description?: string };
}

/** One run of a node as n8n stores it (the parts read here). */
export interface RawRun {
  startTime: number;
  executionTime: number;
  data?: { main?: Array<Item[] | null> };
  error?: NodeRun['error'] & { errorResponse?: { executionId?: string; workflowId?: string } };
  /** Set by an Execute Workflow node that waited for its sub-workflow ("run once with all items"). */
  metadata?: { subExecution?: { executionId: string | number; workflowId: string } };
}

export interface ExecutionResult {
  id: string;
  status: string;
  error?: { message: string; description?: string; node?: { name: string } };
  runs: Record<string, NodeRun[]>;
}

export interface WorkflowJson {
  name: string;
  nodes: Array<Record<string, unknown>>;
  connections: Record<string, unknown>;
  settings?: Record<string, unknown>;
  [key: string]: unknown;
}

const OWNER = { email: 'owner@supportgate.test', firstName: 'Test', lastName: 'Owner', password: 'Sup-port-Gate-1' };

/** Talks to a running n8n over its REST API as the instance owner. */
export interface N8nSession {
  cookie: string;
  browserId: string;
}

export class N8nClient {
  private cookie: string;
  private readonly browserId: string;

  /** With a session from another process (global setup): n8n rate-limits /rest/login. */
  constructor(
    readonly baseUrl: string,
    session?: N8nSession,
  ) {
    this.cookie = session?.cookie ?? '';
    this.browserId = session?.browserId ?? randomUUID();
  }

  session(): N8nSession {
    return { cookie: this.cookie, browserId: this.browserId };
  }

  /** Logs in as the owner, creating it on a fresh instance. */
  async login(): Promise<this> {
    const setup = await this.raw('POST', '/rest/owner/setup', OWNER);
    if (setup.status !== 200) {
      const login = await this.raw('POST', '/rest/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password });
      if (login.status !== 200) throw new Error(`cannot log into n8n: ${login.status} ${await login.text()}`);
    }
    return this;
  }

  async createWorkflow(workflow: WorkflowJson): Promise<{ id: string; versionId: string }> {
    const body = { settings: { executionOrder: 'v1' }, ...workflow, active: false };
    const { data } = await this.rest<{ data: { id: string; versionId: string } }>('POST', '/rest/workflows', body);
    return data;
  }

  /** Publishes (activates) a workflow so its webhooks answer. */
  async activate(id: string, versionId: string): Promise<void> {
    await this.rest('POST', `/rest/workflows/${id}/activate`, { versionId });
  }

  /** Tries to publish a workflow; n8n's answer, refusal included (it names the nodes it rejects). */
  async tryActivate(id: string, versionId: string): Promise<{ status: number; message: string }> {
    const res = await this.raw('POST', `/rest/workflows/${id}/activate`, { versionId });
    const text = await res.text();
    let message = text;
    try {
      message = (JSON.parse(text) as { message?: string }).message ?? text;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, message };
  }

  async deleteWorkflow(id: string): Promise<void> {
    await this.rest('POST', `/rest/workflows/${id}/archive`, {}).catch(() => undefined);
  }

  async createCredential(name: string, type: string, data: Record<string, unknown>): Promise<{ id: string; name: string }> {
    const { data: created } = await this.rest<{ data: { id: string; name: string } }>('POST', '/rest/credentials', { name, type, data });
    return { id: created.id, name: created.name };
  }

  async nodeTypes(): Promise<string[]> {
    const { data } = await this.rest<{ data: Array<{ name: string }> }>('POST', '/rest/node-types', { nodeInfos: [] }).catch(() => ({
      data: [],
    }));
    return data.map((n) => n.name);
  }

  /** Calls a production webhook of an active workflow. */
  async webhook(
    pathSuffix: string,
    init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; body: unknown; text: string }> {
    const res = await fetch(`${this.baseUrl}/webhook/${pathSuffix}`, {
      method: init.method ?? 'POST',
      headers: { 'content-type': 'application/json', ...init.headers },
      body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body, text };
  }

  /** The newest execution of a workflow, with every node's output items. */
  async lastExecution(workflowId: string): Promise<ExecutionResult> {
    const filter = encodeURIComponent(JSON.stringify({ workflowId }));
    for (let attempt = 0; attempt < 50; attempt++) {
      const list = await this.rest<{ data: { results: Array<{ id: string; status: string }> } }>(
        'GET',
        `/rest/executions?filter=${filter}&limit=1`,
      );
      const newest = list.data.results[0];
      if (newest && !['new', 'running', 'waiting'].includes(newest.status)) return this.execution(newest.id);
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no finished execution of workflow ${workflowId}`);
  }

  async execution(id: string): Promise<ExecutionResult> {
    const { status, error, runData } = await this.runData(id);
    const runs: ExecutionResult['runs'] = {};
    for (const [node, nodeRuns] of Object.entries(runData)) {
      runs[node] = nodeRuns.map((r) => ({ outputs: (r.data?.main ?? []).map((o) => o ?? []), error: r.error }));
    }
    return { id, status, error, runs };
  }

  /**
   * An execution's run data with that of the sub-executions it waited for (Execute Workflow nodes,
   * recursively) merged in, node by node, in the order they ran: a template that hands each mail to
   * a sub-workflow is asserted on as if its nodes were its own, a failed sub-execution included. The first sub-execution that did not
   * succeed gives the status and error when the caller's own say success.
   */
  async runData(id: string): Promise<{ status: string; error?: ExecutionResult['error']; runData: Record<string, RawRun[]> }> {
    const { data } = await this.rest<{ data: { id: string; status: string; data: string } }>('GET', `/rest/executions/${id}`);
    const parsed = flatted.parse(data.data) as { resultData: { error?: ExecutionResult['error']; runData: Record<string, RawRun[]> } };
    let status = data.status;
    let error = parsed.resultData.error;
    const runData: Record<string, RawRun[]> = {};
    const add = (node: string, runs: RawRun[]) => (runData[node] ??= []).push(...runs);
    for (const [node, runs] of Object.entries(parsed.resultData.runData)) {
      add(node, runs);
      for (const run of runs) {
        // A sub-execution that failed is named by the error instead (what n8n's parseErrorMetadata reads).
        const sub = run.metadata?.subExecution?.executionId ?? run.error?.errorResponse?.executionId;
        if (!sub) continue;
        const child = await this.runData(String(sub));
        for (const [childNode, childRuns] of Object.entries(child.runData)) add(childNode, childRuns);
        if (status === 'success' && child.status !== 'success') ({ status, error } = child);
      }
    }
    return { status, error, runData };
  }

  async rest<T = unknown>(method: string, urlPath: string, body?: unknown): Promise<T> {
    const res = await this.raw(method, urlPath, body);
    const text = await res.text();
    if (!res.ok) throw new Error(`n8n ${method} ${urlPath} → ${res.status}: ${text.slice(0, 2000)}`);
    return (text ? JSON.parse(text) : {}) as T;
  }

  private async raw(method: string, urlPath: string, body?: unknown): Promise<Response> {
    const res = await fetch(`${this.baseUrl}${urlPath}`, {
      method,
      headers: { 'content-type': 'application/json', 'browser-id': this.browserId, cookie: this.cookie },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = res.headers.getSetCookie?.() ?? [];
    const auth = setCookie.map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
    if (auth) this.cookie = auth;
    return res;
  }
}
