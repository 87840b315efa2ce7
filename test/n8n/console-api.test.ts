// The console's API in a real n8n: one Webhook with the path parameter :operation → the
// SupportGate Credits API node in "From Request Path" mode → Respond to Webhook. The webhook id
// "supportgate" makes n8n serve the dynamic path at /webhook/supportgate/console/api/<operation>.
import path from 'node:path';
import { openLedger, type Ledger } from '../../core/ledger';
import { ApiError } from '../../core/ledger/api-schemas';
import { ClientsResponse, OverviewResponse, ProjectResponse } from '../../core/ledger/console-schemas';
import { n8n, readState, type WorkflowJson } from './harness';
import { bindByType } from './harness/node-types';

const KEY = 'test-key-console-5b7e21c9d04a';

const workflow: WorkflowJson = {
  name: 'SupportGate — console API (test)',
  nodes: [
    {
      id: 'c0a50000-0000-4000-8000-000000000001',
      name: 'POST console/api/:operation',
      type: 'n8n-nodes-base.webhook',
      typeVersion: 2.1,
      position: [0, 0],
      webhookId: 'supportgate',
      parameters: { httpMethod: 'POST', path: 'console/api/:operation', responseMode: 'responseNode', options: {} },
    },
    {
      id: 'c0a50000-0000-4000-8000-000000000002',
      name: 'Console API',
      type: 'n8n-nodes-supportgate.supportGateCreditsApi',
      typeVersion: 1,
      position: [300, 0],
      parameters: { operation: 'fromPath' },
    },
    {
      id: 'c0a50000-0000-4000-8000-000000000003',
      name: 'Respond',
      type: 'n8n-nodes-base.respondToWebhook',
      typeVersion: 1.4,
      position: [600, 0],
      parameters: {
        respondWith: 'json',
        responseBody: '={{ JSON.stringify($json.body) }}',
        options: { responseCode: '={{ $json.statusCode }}' },
      },
    },
  ],
  connections: {
    'POST console/api/:operation': { main: [[{ node: 'Console API', type: 'main', index: 0 }]] },
    'Console API': { main: [[{ node: 'Respond', type: 'main', index: 0 }]] },
  },
  settings: { executionOrder: 'v1' },
} as unknown as WorkflowJson;

describe('console API through a Webhook with the :operation path parameter, in a real n8n', () => {
  const ledgerPath = path.join(readState().ledgerDir, 'console-api.sqlite');
  let store: Ledger;
  let workflowId: string | undefined;
  const call = async (operation: string, body: unknown, key: string | null = KEY) =>
    (await n8n()).webhook(`supportgate/console/api/${operation}`, { body, headers: key === null ? {} : { 'X-SupportGate-Key': key } });

  beforeAll(async () => {
    store = await openLedger({ kind: 'sqlite', path: ledgerPath });
    const api = await n8n();
    const bound = bindByType(workflow, {
      supportGateLedgerApi: await api.createCredential('Ledger (console api)', 'supportGateLedgerApi', {
        store: 'sqlite',
        sqlitePath: ledgerPath,
      }),
      supportGateAddonApi: await api.createCredential('Console API key', 'supportGateAddonApi', { apiKey: KEY }),
    });
    const { id, versionId } = await api.createWorkflow(bound);
    workflowId = id;
    await api.activate(id, versionId);
    for (let i = 0; i < 50 && (await call('overview', {}, null)).status === 404; i++) await new Promise((r) => setTimeout(r, 100));
  });
  // The webhook path is the console's (workflows/console.json, test/n8n/console.test.ts): free it.
  afterAll(async () => {
    if (workflowId) {
      const api = await n8n();
      await api.rest('POST', `/rest/workflows/${workflowId}/deactivate`, {}).catch(() => undefined);
      await api.deleteWorkflow(workflowId);
    }
    await store?.close();
  });

  test('no key or a wrong one: 401 and nothing else, whatever the operation', async () => {
    for (const key of [null, 'wrong']) {
      const res = await call('overview', {}, key);
      expect(res.status).toBe(401);
      expect(ApiError.parse(res.body).error.code).toBe('unauthorized');
    }
    expect((await call('nope', {}, null)).status).toBe(401);
  });

  test('first run: an empty overview, one projectCreate in euros, a client authorized, listed with its balance', async () => {
    expect(OverviewResponse.parse((await call('overview', {})).body)).toEqual({ projects: [] });
    const created = await call('projectCreate', {
      name: 'Acme',
      supportAddresses: ['support@agency.test'],
      price: '80',
      packs: [{ credits: 5, price: 350 }],
    });
    expect(created.status).toBe(200);
    const { project } = ProjectResponse.parse(created.body);
    expect(project).toMatchObject({
      priceMinor: 8000,
      price: '80,00 €',
      recipients: ['support@agency.test'],
      packs: [{ credits: 5, priceMinor: 35000 }],
    });
    const auth = await call('authorize', { project: project.id, sender: 'jane@client.test', initialCredits: 3 });
    expect(auth.status).toBe(200);
    const { clients } = ClientsResponse.parse((await call('clients', { projectId: project.id })).body);
    expect(clients).toEqual([expect.objectContaining({ name: 'jane@client.test', balance: 3, senders: ['jane@client.test'] })]);
    expect((await store.listSenders(clients[0].accountId)).map((s) => s.address)).toEqual(['jane@client.test']);
    expect((await call('senderRemove', { projectId: project.id, address: 'jane@client.test' })).body).toEqual({ removed: true });
    expect(await store.resolveSender(project.id, 'jane@client.test')).toBeNull();
  });

  test('a ledger that cannot be opened answers 503 with its code, after the key check', async () => {
    const api = await n8n();
    // n8n keys a dynamic webhook by its path alone (the webhook id is not part of the key): another path here.
    const down = JSON.parse(
      JSON.stringify(workflow).replaceAll('"supportgate"', '"sgdown"').replaceAll('"console/api/:operation"', '"down/api/:operation"'),
    ) as WorkflowJson;
    const bound = bindByType(down, {
      supportGateLedgerApi: await api.createCredential('Ledger (missing folder)', 'supportGateLedgerApi', {
        store: 'sqlite',
        sqlitePath: '/nonexistent-sg-console/ledger.sqlite',
      }),
      supportGateAddonApi: await api.createCredential('Console API key (down)', 'supportGateAddonApi', { apiKey: KEY }),
    });
    const { id, versionId } = await api.createWorkflow({ ...bound, name: 'console API, ledger down (test)' });
    await api.activate(id, versionId);
    try {
      const hit = (key: string | null) =>
        api.webhook('sgdown/down/api/overview', { body: {}, headers: key === null ? {} : { 'X-SupportGate-Key': key } });
      let res = await hit(null);
      for (let i = 0; res.status === 404 && i < 50; i++) {
        await new Promise((r) => setTimeout(r, 100));
        res = await hit(null);
      }
      expect(res.status).toBe(401);
      const down503 = await hit(KEY);
      expect(down503.status).toBe(503);
      expect(ApiError.parse(down503.body).error.code).toBe('database_unreachable');
    } finally {
      await api.deleteWorkflow(id);
    }
  });

  test('the error contract through n8n: 400 naming the field or the operation, 404 for what does not exist', async () => {
    const badPrice = await call('projectCreate', { name: 'X', supportAddresses: ['x@agency.test'], price: 'eighty' });
    expect(badPrice.status).toBe(400);
    expect(ApiError.parse(badPrice.body).error).toMatchObject({
      field: 'price',
      message: 'price: write an amount in EUR such as 80 or 80.50.',
    });
    const unknownOp = await call('dropTables', {});
    expect(unknownOp.status).toBe(400);
    expect(ApiError.parse(unknownOp.body).error.field).toBe('operation');
    const unknownProject = await call('tickets', { projectId: 'nope' });
    expect(unknownProject.status).toBe(404);
    expect(ApiError.parse(unknownProject.body).error).toMatchObject({ code: 'unknown_project', field: 'project' });
  });
});
