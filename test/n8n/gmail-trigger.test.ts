/**
 * Gmail Support Trigger in the real n8n, on n8n's Gmail OAuth2 credential, against the local Gmail
 * server: polling (activation starts the cursor, each new client mail is emitted once, ours left
 * out) and push (activation watches the inbox; a push signed like Pub/Sub's is verified, then the
 * history walked; a forged one is refused and starts nothing; deactivation stops the watch).
 */
import { randomUUID } from 'node:crypto';
import { GmailTestServer } from '../support/gmail-server';
import { PubSubPushSender, PUSH_SERVICE_ACCOUNT } from '../support/pubsub-push';
import { n8n, readState, type Item, type WorkflowJson } from './harness';

const TOKEN = 'ya29.trigger-test-token';
let server: GmailTestServer;
let sender: PubSubPushSender;
let credential: { id: string; name: string };

const rfc822 = (n: string, from = 'Alice Client <alice@client.test>') =>
  `From: ${from}\r\nTo: support@acme.test\r\nSubject: Request ${n}\r\nMessage-ID: <${n}@client.test>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nPlease help (${n}).\r\n`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function workflow(name: string, webhookId: string, parameters: Record<string, unknown>): WorkflowJson {
  return {
    name,
    nodes: [
      {
        id: randomUUID(),
        name: 'Gmail Support Trigger',
        type: 'n8n-nodes-supportgate.gmailSupportTrigger',
        typeVersion: 1,
        position: [0, 0],
        webhookId,
        parameters,
        credentials: { gmailOAuth2: credential },
      },
      { id: randomUUID(), name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [200, 0], parameters: {} },
    ],
    connections: { 'Gmail Support Trigger': { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
  };
}

/** Every finished execution of the workflow, oldest first, as the trigger's emitted items. */
async function emitted(workflowId: string): Promise<Item[][]> {
  const api = await n8n();
  const filter = encodeURIComponent(JSON.stringify({ workflowId }));
  const list = await api.rest<{ data: { results: Array<{ id: string; status: string }> } }>(
    'GET',
    `/rest/executions?filter=${filter}&limit=50`,
  );
  const done = list.data.results.filter((r) => !['new', 'running', 'waiting'].includes(r.status)).reverse();
  return Promise.all(done.map(async (r) => (await api.execution(r.id)).runs['Gmail Support Trigger']?.[0]?.outputs[0] ?? []));
}

/**
 * n8n 2.x publishes a workflow in the background (the activate call only queues it) and runs the
 * trigger's webhook registration and its activation poll side by side: this waits until it is done.
 */
async function published(workflowId: string): Promise<void> {
  const api = await n8n();
  await until(
    'the workflow published',
    async () => {
      const { data } = await api.rest<{ data: { status: string; triggers: Array<{ status: string; errorMessage?: string | null }> } }>(
        'GET',
        `/rest/workflows/${workflowId}/publication-status`,
      );
      if (data.status === 'failed' || data.status === 'partial')
        throw new Error(`publication ${data.status}: ${data.triggers.map((t) => t.errorMessage).join('; ')}`);
      return data.status === 'published' ? true : undefined;
    },
    20_000,
  );
}

/** Poll times at fixed seconds, every `step` seconds: n8n allows one poll a minute per poll time, and a node as many poll times as it likes. */
const everySeconds = (step: number) => ({
  item: Array.from({ length: 60 / step }, (_, i) => ({ mode: 'custom', cronExpression: `${i * step} * * * * *` })),
});

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

beforeAll(async () => {
  server = await new GmailTestServer({ accessToken: TOKEN }).start();
  sender = await new PubSubPushSender().start();
  const api = await n8n();
  credential = await api.createCredential(`Gmail trigger ${randomUUID()}`, 'gmailOAuth2', {
    clientId: 'cid.apps.googleusercontent.com',
    clientSecret: 'secret',
    oauthTokenData: {
      access_token: TOKEN,
      refresh_token: '1//refresh',
      token_type: 'Bearer',
      expires_in: 3599,
      scope: 'https://www.googleapis.com/auth/gmail.modify',
    },
  });
});
afterAll(async () => {
  await server?.stop();
  await sender?.stop();
});

test('polling: nothing old on activation; each new client mail once, drafts, sent mail and own mail left out', async () => {
  const api = await n8n();
  server.addMessage(rfc822('old'));
  const historyCalls = () => server.requests.filter((r) => r.path.endsWith('/history')).length;
  const { id, versionId } = await api.createWorkflow(
    workflow(`gmail trigger polling ${randomUUID()}`, randomUUID(), {
      mode: 'polling',
      pollTimes: everySeconds(5),
      options: { apiRootUrl: server.rootUrl },
    }),
  );
  try {
    await api.activate(id, versionId);
    // n8n polls once on activation: the cursor starts at the mailbox's current history.
    await until('the first poll', () => (server.requests.some((r) => r.path.endsWith('/profile')) ? true : undefined), 20_000);
    const a = server.addMessage(rfc822('a'), { threadId: 'thr-a' });
    server.addMessage(rfc822('draft'), { labelIds: ['INBOX', 'DRAFT'] });
    server.addMessage(rfc822('own', 'Acme Support <support@acme.test>'));
    const first = await until(
      'an execution',
      async () => {
        const e = await emitted(id);
        return e.length ? e : undefined;
      },
      30_000,
    );
    expect(first).toHaveLength(1);
    expect(first[0].map((i) => i.json.gmail)).toEqual([expect.objectContaining({ id: a.id, threadId: 'thr-a' })]);
    expect(first[0][0].json.email).toMatchObject({
      providerId: a.id,
      threadId: 'thr-a',
      messageId: '<a@client.test>',
      subject: 'Request a',
      source: 'gmail-full',
    });

    const calls = historyCalls();
    const b = server.addMessage(rfc822('b'));
    const second = await until(
      'a second execution',
      async () => {
        const e = await emitted(id);
        return e.length > 1 ? e : undefined;
      },
      30_000,
    );
    expect(second.map((items) => items.map((i) => (i.json.gmail as { id: string }).id))).toEqual([[a.id], [b.id]]);
    expect(historyCalls()).toBeGreaterThan(calls);
  } finally {
    await api.deleteWorkflow(id);
  }
}, 90_000);

test('push: activation watches the inbox; a verified push walks the history once; forged pushes start nothing; deactivation stops the watch', async () => {
  const api = await n8n();
  const webhookId = randomUUID();
  const hookPath = `${webhookId}/gmail-push`;
  const audience = `http://localhost:${readState().port}/webhook/${hookPath}`;
  const { id, versionId } = await api.createWorkflow(
    workflow(`gmail trigger push ${randomUUID()}`, webhookId, {
      mode: 'push',
      topicName: 'projects/acme-support/topics/gmail',
      pushServiceAccount: PUSH_SERVICE_ACCOUNT,
      pollTimes: { item: [{ mode: 'everyHour', minute: 0 }] },
      options: { apiRootUrl: server.rootUrl, certsUrl: sender.certsUrl },
    }),
  );
  try {
    const watches = server.count('POST', /\/watch$/);
    await api.activate(id, versionId);
    await published(id);
    expect(server.watch).toMatchObject({ topicName: 'projects/acme-support/topics/gmail', labelIds: ['INBOX'] });
    // One users.watch, whichever of the webhook's create and the activation poll ran first.
    expect(server.count('POST', /\/watch$/) - watches).toBe(1);

    const p = server.addMessage(rfc822('p'));
    const body = PubSubPushSender.body(server.notification());
    for (const forged of [
      sender.token('https://elsewhere.test/hook'),
      sender.token(audience, { email: 'intruder@evil.iam.gserviceaccount.com' }),
      sender.token(audience, { iss: 'https://evil.test' }),
      sender.token(audience, { exp: Math.floor(Date.now() / 1000) - 3600, iat: Math.floor(Date.now() / 1000) - 7200 }),
      sender.token(audience, {}, { badSignature: true }),
    ]) {
      const refused = await api.webhook(hookPath, { body, headers: { authorization: `Bearer ${forged}` } });
      expect(refused.status).toBe(401);
    }
    expect((await api.webhook(hookPath, { body })).status).toBe(401);
    await sleep(500);
    expect(await emitted(id)).toEqual([]);

    const ok = await api.webhook(hookPath, { body, headers: { authorization: `Bearer ${sender.token(audience)}` } });
    expect(ok.status).toBe(204);
    const runs = await until(
      'the push execution',
      async () => {
        const e = await emitted(id);
        return e.length ? e : undefined;
      },
      20_000,
    );
    expect(runs.map((items) => items.map((i) => (i.json.email as { providerId: string }).providerId))).toEqual([[p.id]]);

    // Pub/Sub delivers at least once: the same push again emits nothing new.
    const again = await api.webhook(hookPath, { body, headers: { authorization: `Bearer ${sender.token(audience)}` } });
    expect(again.status).toBe(204);
    await sleep(1500);
    expect(await emitted(id)).toHaveLength(1);

    await api.rest('POST', `/rest/workflows/${id}/deactivate`, {});
    await until('users.stop', () => (server.watch === undefined ? true : undefined), 10_000);
  } finally {
    await api.deleteWorkflow(id);
  }
}, 120_000);
