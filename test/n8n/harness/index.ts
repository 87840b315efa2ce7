import { randomUUID } from 'node:crypto';
import { N8nClient, ExecutionResult, Item, WorkflowJson } from './n8n-client';
import { readState } from './state';

export type { ExecutionResult, Item, WorkflowJson } from './n8n-client';
export { readState } from './state';

export const PACKAGE = 'n8n-nodes-supportgate';

let client: Promise<N8nClient> | undefined;

/**
 * Makes n8n's Gmail token refreshes for this refresh token reach the given Gmail server's token
 * endpoint (n8n itself always calls the relay global setup started).
 */
export async function registerRefreshToken(refreshToken: string, tokenUrl: string): Promise<void> {
  const res = await fetch(readState().tokenRelayRegisterUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refreshToken, tokenUrl }),
  });
  if (!res.ok) throw new Error(`token relay refused the registration: ${res.status}`);
}

/** The n8n started by global setup, as its owner (the session global setup logged in). */
export function n8n(): Promise<N8nClient> {
  const state = readState();
  client ??= Promise.resolve(new N8nClient(state.baseUrl, state.session));
  return client;
}

export interface NodeUnderTest {
  /** Type without the package prefix, e.g. 'supportGateLedger'. */
  type: string;
  typeVersion?: number;
  parameters: Record<string, unknown>;
  credentials?: Record<string, { id: string; name: string }>;
  continueOnFail?: boolean;
}

/**
 * Runs one of our nodes inside the real n8n on the given input items:
 * Webhook → Split Out (the items) → node. Returns the node's outputs (one list per output).
 */
export async function runNode(
  node: NodeUnderTest,
  items: Array<Record<string, unknown>>,
): Promise<{ outputs: Item[][]; execution: ExecutionResult }> {
  const api = await n8n();
  const hook = `sg-test-${randomUUID()}`;
  const workflow: WorkflowJson = {
    name: `test ${node.type} ${hook}`,
    nodes: [
      {
        id: randomUUID(),
        name: 'Webhook',
        type: 'n8n-nodes-base.webhook',
        typeVersion: 2.1,
        position: [0, 0],
        webhookId: randomUUID(),
        parameters: { httpMethod: 'POST', path: hook, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
      },
      {
        id: randomUUID(),
        name: 'Items',
        type: 'n8n-nodes-base.splitOut',
        typeVersion: 1,
        position: [200, 0],
        parameters: { fieldToSplitOut: 'body.items', options: {} },
      },
      {
        id: randomUUID(),
        name: 'Under test',
        type: `${PACKAGE}.${node.type}`,
        typeVersion: node.typeVersion ?? 1,
        position: [400, 0],
        parameters: node.parameters,
        credentials: node.credentials,
        ...(node.continueOnFail ? { onError: 'continueRegularOutput' } : {}),
      },
    ],
    connections: {
      Webhook: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
      Items: { main: [[{ node: 'Under test', type: 'main', index: 0 }]] },
    },
  };
  const { id, versionId } = await api.createWorkflow(workflow);
  await api.activate(id, versionId);
  try {
    let response = await api.webhook(hook, { body: { items } });
    for (let i = 0; response.status === 404 && i < 100; i++) {
      await new Promise((r) => setTimeout(r, 100));
      response = await api.webhook(hook, { body: { items } });
    }
    if (response.status === 404) throw new Error(`webhook not registered: ${response.text}`);
    const execution = await api.lastExecution(id);
    const run = execution.runs['Under test']?.[0];
    if (!run) throw new Error(`the node did not run: ${execution.error?.message ?? 'no run data'}`);
    if (run.error) throw Object.assign(new Error(run.error.message), { description: run.error.description, execution });
    return { outputs: run.outputs, execution };
  } finally {
    await api.deleteWorkflow(id);
  }
}

const ledgers = new Map<string, Promise<{ id: string; name: string }>>();

/** A SupportGate Ledger credential on a SQLite file of its own (the mailbox nodes require one: the intake journal). */
export function ledgerCredential(name: string): Promise<{ id: string; name: string }> {
  let credential = ledgers.get(name);
  if (!credential) {
    credential = n8n().then((api) =>
      api.createCredential(`Ledger ${name} ${randomUUID()}`, 'supportGateLedgerApi', {
        store: 'sqlite',
        sqlitePath: `${readState().ledgerDir}/${name}-${randomUUID()}.sqlite`,
      }),
    );
    ledgers.set(name, credential);
  }
  return credential;
}
