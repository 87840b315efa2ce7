/**
 * Outlook Support Trigger inside the real n8n against a local HTTPS Microsoft Graph: the Graph
 * server validates n8n's webhook URL (handshake) on subscription, posts notifications to it, and
 * serves delta + messages; the credential's CA field makes n8n trust its self-signed certificate.
 */
import { randomUUID } from 'node:crypto';
import { n8n, type Item } from './harness';
import { finishedExecutions, graphCredential, startGraph, until, type LocalGraph } from './outlook-graph';

const TRIGGER = 'Outlook Support Trigger';
let graph: LocalGraph;
let workflowId: string;
const webhookId = randomUUID();

const emittedIds = async (): Promise<string[]> =>
  (await finishedExecutions(workflowId, TRIGGER)).flatMap((e) => e.items.map((i: Item) => (i.json.graph as { id: string }).id));
const deltaCalls = () => graph.requestsTo('/messages/delta').length;
const subscription = () => [...graph.subscriptions.values()][0];

beforeAll(async () => {
  graph = await startGraph();
  const api = await n8n();
  const credential = await graphCredential(graph);
  const created = await api.createWorkflow({
    name: `outlook trigger ${webhookId}`,
    nodes: [
      {
        id: randomUUID(),
        name: TRIGGER,
        type: 'n8n-nodes-supportgate.outlookSupportTrigger',
        typeVersion: 1,
        position: [0, 0],
        webhookId,
        parameters: { folder: 'Inbox' },
        credentials: { supportGateGraphAppApi: credential },
      },
      { id: randomUUID(), name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} },
    ],
    connections: { [TRIGGER]: { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
  });
  workflowId = created.id;
  await api.activate(created.id, created.versionId);
  // n8n answers the activate call before the trigger's create() has run.
  await until('the subscription', () => graph.subscriptions.size === 1);
});
afterAll(async () => {
  await (await n8n()).deleteWorkflow(workflowId);
  await graph.stop();
});

test("activation subscribes after the handshake on n8n's webhook URL, with app-only auth and a random clientState", () => {
  expect(graph.subscriptions.size).toBe(1);
  const sub = subscription();
  // The local Graph creates a subscription only after the URL echoed its validationToken as text/plain.
  expect(sub.notificationUrl).toMatch(new RegExp(`/webhook/${webhookId}/webhook$`));
  expect(sub.lifecycleNotificationUrl).toBe(sub.notificationUrl);
  expect(sub).toMatchObject({ changeType: 'created', resource: `users/${graph.mailbox}/mailFolders('Inbox')/messages` });
  expect(sub.clientState).toMatch(/^[\w-]{40,128}$/);
  expect(graph.requestsTo('/oauth2/v2.0/token', 'POST')[0].body).toMatchObject({ grant_type: 'client_credentials', client_id: 'client-1' });
  expect(graph.requestsTo('/subscriptions', 'POST')[0].headers.authorization).toMatch(/^Bearer app-token-/);
});

test('a notification with the right clientState emits the new mail once, as the SupportEmail the gate reads', async () => {
  const m = graph.addMessage({ subject: 'Site down', from: { emailAddress: { name: 'Bob', address: 'bob@client.example' } } });
  expect(await graph.notify(subscription().id as string)).toBe(202);
  const execution = await until('the execution', async () =>
    (await finishedExecutions(workflowId, TRIGGER)).find((e) => e.items.length > 0),
  );
  expect(execution.status).toBe('success');
  expect(execution.items).toHaveLength(1);
  const json = execution.items[0].json as { email: Record<string, unknown>; graph: Record<string, unknown> };
  expect(json.graph).toMatchObject({
    id: m.id,
    conversationId: m.conversationId,
    internetMessageId: m.internetMessageId,
    mailbox: graph.mailbox,
    folder: 'Inbox',
  });
  expect(json.email).toMatchObject({
    source: expect.stringContaining('outlook'),
    messageId: m.internetMessageId,
    providerId: m.id,
    threadId: m.conversationId,
    subject: 'Site down',
    from: { address: 'bob@client.example' },
  });
  expect(json.email.auth).toBeDefined();
  // The same notification again (Graph retries): a sync, nothing new.
  const before = deltaCalls();
  expect(await graph.notify(subscription().id as string)).toBe(202);
  await until('the second sync', () => deltaCalls() > before);
  expect(await emittedIds()).toEqual([m.id]);
});

test('a forged clientState is rejected with 403 and syncs nothing; the genuine one then emits the mail once', async () => {
  const executionsBefore = (await finishedExecutions(workflowId, TRIGGER)).length;
  const m = graph.addMessage({ subject: 'Forged wake-up' });
  const before = deltaCalls();
  expect(await graph.notify(subscription().id as string, { clientState: 'forged-secret' })).toBe(403);
  expect(deltaCalls()).toBe(before);
  expect(await graph.notify(subscription().id as string)).toBe(202);
  await until('the genuine execution', async () => (await emittedIds()).includes(m.id as string));
  expect(deltaCalls()).toBe(before + 1);
  expect((await finishedExecutions(workflowId, TRIGGER)).length).toBe(executionsBefore + 1);
  expect((await emittedIds()).filter((id) => id === m.id)).toHaveLength(1);
});

test('two mails in the same second with two concurrent notifications: each emitted exactly once', async () => {
  const a = graph.addMessage({ subject: 'First' });
  const b = graph.addMessage({ subject: 'Second' });
  const id = subscription().id as string;
  expect(await Promise.all([graph.notify(id), graph.notify(id)])).toEqual([202, 202]);
  await until('both mails', async () => {
    const ids = await emittedIds();
    return ids.includes(a.id as string) && ids.includes(b.id as string);
  });
  // A barrier: syncs are serialized, so once a later mail is out, the earlier syncs are done.
  const c = graph.addMessage({ subject: 'Barrier' });
  expect(await graph.notify(id)).toBe(202);
  await until('the barrier mail', async () => (await emittedIds()).includes(c.id as string));
  const ids = await emittedIds();
  for (const m of [a, b, c]) expect(ids.filter((x) => x === m.id)).toHaveLength(1);
});

test('lifecycle: reauthorizationRequired renews, subscriptionRemoved recreates (new handshake) and catches up missed mail', async () => {
  const id = subscription().id as string;
  expect(await graph.notify(id, { lifecycleEvent: 'reauthorizationRequired' })).toBe(202);
  await until('the renewal', () => graph.requestsTo(`/subscriptions/${id}`, 'PATCH').length === 1);

  const missed = graph.addMessage({ subject: 'While removed' });
  graph.subscriptions.delete(id);
  const lifecycleUrl = (
    await until('lifecycle URL', () => graph.requestsTo('/subscriptions', 'POST')[0]?.body as { lifecycleNotificationUrl: string })
  ).lifecycleNotificationUrl;
  const clientState = (graph.requestsTo('/subscriptions', 'POST')[0].body as { clientState: string }).clientState;
  const res = await graph.fetch(lifecycleUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ value: [{ subscriptionId: id, clientState, lifecycleEvent: 'subscriptionRemoved' }] }),
  });
  expect(res.status).toBe(202);
  await until('the recreated subscription', () => graph.subscriptions.size === 1 && subscription().id !== id);
  await until('the missed mail', async () => (await emittedIds()).includes(missed.id as string));
});

test('deactivation deletes the Graph subscription', async () => {
  const id = subscription().id as string;
  const api = await n8n();
  await api.rest('POST', `/rest/workflows/${workflowId}/deactivate`, {});
  await until('the DELETE', () => graph.requestsTo(`/subscriptions/${id}`, 'DELETE').length > 0);
  expect(graph.requestsTo(`/subscriptions/${id}`, 'DELETE')).toHaveLength(1);
  expect(graph.subscriptions.size).toBe(0);
});
