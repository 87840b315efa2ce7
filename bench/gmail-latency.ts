// Arrival to reply through the Gmail Support Trigger in a real n8n: a client mail is put in the
// local Gmail server's inbox and the clock runs until the "ticket opened" reply to it is in the
// server's sent list (its send time, as the server stamped it). The workflow is the shipped intake's
// shape (trigger → Each mail → Process mail → workflows/process-mail.json) with the Gmail Support
// Trigger as its trigger, first in push mode (a signed Pub/Sub push posted at once to the trigger's
// production webhook), then in polling mode (12 poll times, every 5 s). Gmail, OpenAI-protocol,
// Pub/Sub certificates and ledger are local: provider and Pub/Sub delivery latency are excluded.
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { openLedger } from '../core/ledger';
import { DEMO, demoMails, seedDemoLedger } from '../test/fixtures/demo/seed';
import { importCalls, loadTemplate, testCopy } from '../test/n8n/e2e/template';
import { startStandaloneN8n } from '../test/n8n/e2e/standalone';
import type { WorkflowJson } from '../test/n8n/harness';
import type { N8nClient } from '../test/n8n/harness/n8n-client';
import { GmailTestServer } from '../test/support/gmail-server';
import { completion, startOpenAIServer } from '../test/support/openai-server';
import { PubSubPushSender, PUSH_SERVICE_ACCOUNT } from '../test/support/pubsub-push';
import { descriptionsFromBuild } from '../scripts/n8n/credential-slots';

const PUSH_RUNS = Number(process.env.SUPPORTGATE_BENCH_PUSH_RUNS ?? 20);
const POLL_RUNS = Number(process.env.SUPPORTGATE_BENCH_POLL_RUNS ?? 20);
const POLL_STEP_S = 5;
const TRIGGER = 'Gmail Support Trigger';

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs: number, stepMs = 10): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(stepMs);
  }
}

/** n8n 2.x publishes in the background: wait until the trigger's webhook and activation poll are done. */
async function published(api: N8nClient, workflowId: string): Promise<void> {
  await until(
    'the workflow published',
    async () => {
      const { data } = await api.rest<{ data: { status: string; triggers: Array<{ errorMessage?: string | null }> } }>(
        'GET',
        `/rest/workflows/${workflowId}/publication-status`,
      );
      if (data.status === 'failed' || data.status === 'partial')
        throw new Error(`publication ${data.status}: ${data.triggers.map((t) => t.errorMessage).join('; ')}`);
      return data.status === 'published' ? true : undefined;
    },
    30_000,
    250,
  );
}

export async function run(): Promise<void> {
  const n8n = await startStandaloneN8n((m) => console.log(`# ${m}`), {
    build: !process.env.SUPPORTGATE_BENCH_NO_BUILD,
    // The Gmail Support Trigger takes the local certificate URL for push tokens only under this.
    env: { SUPPORTGATE_TEST_ENDPOINTS: '1' },
  });
  const token = 'ya29.bench-latency';
  const gmail = await new GmailTestServer({ accessToken: token }).start();
  gmail.me = DEMO.supportAddress;
  const pubsub = await new PubSubPushSender().start();
  const ai = await startOpenAIServer();
  ai.script(
    completion(
      JSON.stringify({
        is_support_request: true,
        category: 'bug',
        urgency: 'high',
        language: 'fr',
        summary: 'Contact form broken.',
        confidence: 0.95,
        reason: 'bug report',
      }),
    ),
  );
  try {
    const ledgerPath = path.join(n8n.ledgerDir, 'bench-latency.sqlite');
    const store = await openLedger({ kind: 'sqlite', path: ledgerPath });
    const demo = await seedDemoLedger(store, { paidCredits: PUSH_RUNS + POLL_RUNS + 10 });
    const gmailCredential = await n8n.api.createCredential('Bench Gmail', 'gmailOAuth2', {
      clientId: 'b',
      clientSecret: 'b',
      oauthTokenData: { access_token: token, refresh_token: '1//bench', token_type: 'Bearer' },
    });
    const credentials = {
      supportGateLedgerApi: await n8n.api.createCredential('Bench ledger', 'supportGateLedgerApi', {
        store: 'sqlite',
        sqlitePath: ledgerPath,
      }),
      gmailOAuth2: gmailCredential,
      supportGateOpenAiApi: await n8n.api.createCredential('Bench AI', 'supportGateOpenAiApi', {
        apiKey: 'sk-local',
        baseUrl: ai.baseURL,
        model: 'local-model',
      }),
      supportGateStripeApi: null,
    };
    // The shipped intake with its sub-workflow, credentials bound by type; then the test copy's
    // Webhook → Split Out stand-in is replaced by the Gmail Support Trigger under the same name.
    const copy = testCopy(loadTemplate('gmail-intake.json'), {
      nodeTypes: descriptionsFromBuild(),
      credentials,
      trigger: TRIGGER,
      gmailRootUrl: gmail.rootUrl,
      noOps: ['Create Payment Link'],
    });
    const { workflow: caller } = await importCalls(n8n.api, copy.workflow, copy.calls);
    const intakeWith = (mode: string, webhookId: string, parameters: Record<string, unknown>): WorkflowJson => {
      const nodes = (caller.nodes as Array<Record<string, unknown>>)
        .filter((n) => n.name !== 'Test delivery')
        .map((n) =>
          n.name !== TRIGGER
            ? n
            : {
                id: n.id,
                name: TRIGGER,
                type: 'n8n-nodes-supportgate.gmailSupportTrigger',
                typeVersion: 1,
                position: n.position,
                webhookId,
                parameters,
                credentials: { gmailOAuth2: gmailCredential },
              },
        );
      const { 'Test delivery': _stand_in, ...connections } = caller.connections as Record<string, unknown>;
      return { ...caller, name: `${caller.name} ${mode}`, nodes, connections } as WorkflowJson;
    };

    const base = demoMails()[0];
    let seq = 0;
    /** A new request each time (own Message-ID, own Gmail message and thread), so each opens a ticket and is replied to. */
    const insert = () => {
      const messageId = `<bench-latency-${++seq}-${Date.now()}@boulangerie-dupre.fr>`;
      const arrived = Date.now();
      const stored = gmail.addMessage(base.raw.toString('utf8').replace(/<cmd-formulaire-001@boulangerie-dupre\.fr>/, messageId));
      return { messageId, arrived, stored };
    };
    /** Until the reply is in the sent list (its send time) and the run has labelled the mail; then its ticket is closed. */
    const replied = async (mail: ReturnType<typeof insert>, timeoutMs: number): Promise<number> => {
      const reply = await until('the reply', () => gmail.sent.find((s) => s.message.threadId === mail.stored.threadId), timeoutMs);
      const paid = () => gmail.labelByName('SupportGate/Paid')?.id;
      await until('the Paid label', () => (paid() && mail.stored.labelIds?.includes(paid()!) ? true : undefined), 10_000);
      // Closed, so that the next mail's identical body is a new request, not a duplicate.
      const ticket = await store.findTicketByMessageId(demo.project.id, mail.messageId);
      if (!ticket) throw new Error(`no ticket for ${mail.messageId}`);
      await store.setTicketStatus(ticket.id, 'closed', 'bench');
      return Number(reply.message.internalDate) - mail.arrived;
    };

    // Push: the Pub/Sub push is posted as soon as the mail is in the inbox.
    const webhookId = randomUUID();
    const hookPath = `${webhookId}/gmail-push`;
    const audience = `${n8n.baseUrl.replace('127.0.0.1', 'localhost')}/webhook/${hookPath}`;
    const push = await n8n.api.createWorkflow(
      intakeWith('push', webhookId, {
        mode: 'push',
        topicName: 'projects/agence-demo/topics/gmail',
        pushServiceAccount: PUSH_SERVICE_ACCOUNT,
        pollTimes: { item: [{ mode: 'everyHour', minute: 0 }] },
        options: { apiRootUrl: gmail.rootUrl, certsUrl: pubsub.certsUrl },
      }),
    );
    await n8n.api.activate(push.id, push.versionId);
    await published(n8n.api, push.id);
    if (!gmail.watch) throw new Error('push activation did not watch the inbox');
    const pushMs: number[] = [];
    const split = { toTrigger: [] as number[], toGate: [] as number[], toReply: [] as number[] };
    for (let i = 0; i <= PUSH_RUNS; i++) {
      const mail = insert();
      const res = await n8n.api.webhook(hookPath, {
        body: PubSubPushSender.body(gmail.notification()),
        headers: { authorization: `Bearer ${pubsub.token(audience)}` },
      });
      if (res.status !== 204) throw new Error(`push ${i} refused: ${res.status} ${res.text.slice(0, 300)}`);
      const ms = await replied(mail, 30_000);
      if (i === 0) {
        console.log(`# push warm-up: ${ms} ms (not counted: first load of bundles and SDKs)`);
        continue;
      }
      pushMs.push(ms);
      // Where the time went, from n8n's execution data (the sub-execution merged in).
      const { runData } = await n8n.api.runData((await n8n.api.lastExecution(push.id)).id);
      const start = (node: string) => runData[node]?.[0]?.startTime;
      const [trigger, gate, reply] = [start(TRIGGER), start('Check Sender Credits'), runData['Reply: ticket opened']?.[0]];
      if (trigger && gate && reply) {
        split.toTrigger.push(trigger - mail.arrived);
        split.toGate.push(gate - trigger);
        split.toReply.push(reply.startTime + reply.executionTime - gate);
      }
      if (i % 5 === 0 || i === PUSH_RUNS) console.log(`# push ${i}/${PUSH_RUNS}: ${ms} ms`);
    }
    await n8n.api.deleteWorkflow(push.id);

    // Polling: 12 poll times (every 5 s), since n8n's own poll unit is a minute. Each mail lands at a
    // random point of the 5 s cycle, as mail does, rather than right after the previous poll.
    const profiles = () => gmail.count('GET', /\/profile$/);
    const before = profiles();
    const poll = await n8n.api.createWorkflow(
      intakeWith('polling', randomUUID(), {
        mode: 'polling',
        pollTimes: {
          item: Array.from({ length: 60 / POLL_STEP_S }, (_, i) => ({ mode: 'custom', cronExpression: `${i * POLL_STEP_S} * * * * *` })),
        },
        options: { apiRootUrl: gmail.rootUrl },
      }),
    );
    await n8n.api.activate(poll.id, poll.versionId);
    await published(n8n.api, poll.id);
    // The activation poll starts the cursor at the mailbox's current history.
    await until('the first poll', () => (profiles() > before ? true : undefined), 30_000, 100);
    const pollMs: number[] = [];
    for (let i = 1; i <= POLL_RUNS; i++) {
      await sleep(Math.random() * POLL_STEP_S * 1000);
      const ms = await replied(insert(), POLL_STEP_S * 1000 + 30_000);
      pollMs.push(ms);
      if (i % 5 === 0 || i === POLL_RUNS) console.log(`# poll ${i}/${POLL_RUNS}: ${ms} ms`);
    }
    await n8n.api.deleteWorkflow(poll.id);
    await store.close();

    console.log(
      `# push: ${PUSH_RUNS} mails one after another (after 1 warm-up), Gmail Support Trigger → Each mail → Process mail (workflows/process-mail.json); ` +
        'mail in the local Gmail server, signed Pub/Sub push posted at once to the production webhook, until the reply is in the sent list',
    );
    console.log(
      `# push medians: arrival → execution start (push answered, history walked, message fetched, execution created) ${quantile(split.toTrigger, 0.5)} ms; ` +
        `→ Check Sender Credits start (Each mail, Process mail, sub-execution started) ${quantile(split.toGate, 0.5)} ms; ` +
        `→ reply sent ${quantile(split.toReply, 0.5)} ms`,
    );
    // No ratio vs n8n's Gmail Trigger: its 60 s is the longest a mail waits for a one-minute poll
    // (about 30 s on average), not a latency measured here; push median / 60 s would flatter push by about 2x.
    console.log(`figure gmail_push_arrival_to_reply_ms = ${quantile(pushMs, 0.5)} ms`);
    console.log(`figure gmail_push_arrival_to_reply_p90_ms = ${quantile(pushMs, 0.9)} ms`);
    console.log(
      `# poll: ${POLL_RUNS} mails, each at a random point of the poll cycle; poll every ${POLL_STEP_S} s (12 custom poll times; n8n's smallest poll unit is a minute); ` +
        'with the default every minute, add up to 60 s',
    );
    console.log(`figure gmail_poll_arrival_to_reply_ms = ${quantile(pollMs, 0.5)} ms`);
    console.log(`figure gmail_poll_arrival_to_reply_p90_ms = ${quantile(pollMs, 0.9)} ms`);
  } finally {
    await ai.close();
    await pubsub.stop();
    await gmail.stop();
    await n8n.stop();
  }
}
