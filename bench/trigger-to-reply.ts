// Trigger to reply inside n8n: how long the shipped Gmail intake takes from the trigger's output to
// the "ticket opened" reply sent, measured from n8n's own execution data (node startTime and
// executionTime) over N executions in a real n8n. Gmail, OpenAI-protocol and ledger are local, so
// provider latency is excluded: this is SupportGate's own cost (gate, triage call, debit, reply MIME).
import path from 'node:path';
import { openLedger } from '../core/ledger';
import { DEMO, demoMails, seedDemoLedger } from '../test/fixtures/demo/seed';
import { deploy, loadTemplate, testCopy } from '../test/n8n/e2e/template';
import { startStandaloneN8n } from '../test/n8n/e2e/standalone';
import { GmailTestServer } from '../test/support/gmail-server';
import { completion, startOpenAIServer } from '../test/support/openai-server';
import { descriptionsFromBuild } from '../scripts/n8n/credential-slots';

const RUNS = Number(process.env.SUPPORTGATE_BENCH_RUNS ?? 20);
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)];

export async function run(): Promise<void> {
  const n8n = await startStandaloneN8n((m) => console.log(`# ${m}`), { build: !process.env.SUPPORTGATE_BENCH_NO_BUILD });
  const gmail = await new GmailTestServer({ accessToken: 'ya29.bench' }).start();
  gmail.me = DEMO.supportAddress;
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
    const ledgerPath = path.join(n8n.ledgerDir, 'bench.sqlite');
    const store = await openLedger({ kind: 'sqlite', path: ledgerPath });
    const demo = await seedDemoLedger(store, { paidCredits: RUNS + 5 });
    const credentials = {
      supportGateLedgerApi: await n8n.api.createCredential('Bench ledger', 'supportGateLedgerApi', {
        store: 'sqlite',
        sqlitePath: ledgerPath,
      }),
      gmailOAuth2: await n8n.api.createCredential('Bench Gmail', 'gmailOAuth2', {
        clientId: 'b',
        clientSecret: 'b',
        oauthTokenData: { access_token: 'ya29.bench', refresh_token: '1//bench', token_type: 'Bearer' },
      }),
      supportGateOpenAiApi: await n8n.api.createCredential('Bench AI', 'supportGateOpenAiApi', {
        apiKey: 'sk-local',
        baseUrl: ai.baseURL,
        model: 'local-model',
      }),
      supportGateStripeApi: null,
    };
    const intake = await deploy(
      n8n.api,
      testCopy(loadTemplate('gmail-intake.json'), {
        nodeTypes: descriptionsFromBuild(),
        credentials,
        trigger: 'Gmail Support Trigger',
        gmailRootUrl: gmail.rootUrl,
        noOps: ['Create Payment Link'],
      }),
    );
    const base = demoMails()[0];

    const inWorkflow: number[] = [];
    const nodeSums: number[] = [];
    for (let i = 0; i <= RUNS; i++) {
      // A new request each time (own Message-ID and Gmail id), so every run opens a ticket and replies.
      const messageId = `<bench-${i}-${Date.now()}@boulangerie-dupre.fr>`;
      const stored = gmail.addMessage(base.raw.toString('utf8').replace(/<cmd-formulaire-001@boulangerie-dupre\.fr>/, messageId));
      const item = {
        ...base.item,
        id: stored.id,
        threadId: stored.threadId,
        messageId,
        headers: { ...(base.item.headers as object), 'message-id': `Message-ID: ${messageId}` },
      };
      const execution = await intake.deliver([item]);
      if (execution.status !== 'success') throw new Error(`run ${i} failed: ${execution.error?.message}`);
      // The nodes after the trigger run in the process-mail sub-execution: runData() merges it in.
      const { runData } = await n8n.api.runData(execution.id);
      const reply = runData['Reply: ticket opened']?.[0];
      const gate = runData['Check Sender Credits']?.[0];
      if (!reply || !gate) throw new Error(`run ${i}: no reply was sent`);
      // The ticket is closed so the next run's identical body is a new request, not a duplicate.
      const ticket = await store.findTicketByMessageId(demo.project.id, messageId);
      await store.setTicketStatus(ticket!.id, 'closed', 'bench');
      if (i === 0) continue; // warm-up: first-load of bundles and SDKs
      inWorkflow.push(reply.startTime + reply.executionTime - gate.startTime);
      nodeSums.push(
        ['Check Sender Credits', 'Classify Support Email', 'Debit Credit', 'New ticket?', 'Reply: ticket opened'].reduce(
          (s, n) => s + (runData[n]?.[0]?.executionTime ?? 0),
          0,
        ),
      );
    }
    await store.close();
    console.log(`# ${RUNS} executions of workflows/gmail-intake.json (after 1 warm-up), local Gmail/OpenAI servers, SQLite ledger`);
    console.log(`figure trigger_to_reply_ms = ${quantile(inWorkflow, 0.5)} ms`);
    console.log(`figure trigger_to_reply_p90_ms = ${quantile(inWorkflow, 0.9)} ms`);
    console.log(`figure trigger_to_reply_node_time_ms = ${quantile(nodeSums, 0.5)} ms`);
  } finally {
    await ai.close();
    await gmail.stop();
    await n8n.stop();
  }
}
