// `npm run demo`: the sample mails of test/fixtures/demo (FR and EN) through the shipped Gmail
// intake workflow in a real n8n of its own, with a SQLite ledger and a local Gmail server, then a
// table of what SupportGate decided. With STRIPE_SECRET_KEY=sk_test_… the unpaid client gets a real
// Stripe test-mode link; without one, no Stripe call is made and those mails stop at "payment required".
import path from 'node:path';
import { openLedger } from '../core/ledger';
import { DEMO, demoMails, seedDemoLedger } from '../test/fixtures/demo/seed';
import { deploy, loadTemplate, outputOf, testCopy } from '../test/n8n/e2e/template';
import { startStandaloneN8n } from '../test/n8n/e2e/standalone';
import { GmailTestServer } from '../test/support/gmail-server';
import type { ExecutionResult } from '../test/n8n/harness';
import { descriptionsFromBuild } from './n8n/credential-slots';

const step = (m: string) => console.log(`==> ${m}`);
const GATE_OUTPUTS = ['has credit', 'no credit', 'follow-up', 'not authorized'];

interface Row {
  sender: string;
  subject: string;
  decision: string;
  reason: string;
  ticket: string;
  balance: string;
}

/** What the execution did with the one mail it carried, in words. */
function describe(execution: ExecutionResult): Omit<Row, 'sender' | 'subject' | 'balance'> & { accountId?: string } {
  if (execution.status !== 'success') return { decision: 'error', reason: execution.error?.message ?? 'execution failed', ticket: '' };
  const gate = [0, 1, 2, 3].map((o) => outputOf(execution, 'Check Sender Credits', o)).findIndex((items) => items.length > 0);
  const g = outputOf(execution, 'Check Sender Credits', gate)[0] ?? {};
  const accountId = g.account?.id as string | undefined;
  if (gate === 2) return { decision: 'follow-up (free)', reason: g.reason, ticket: g.ticket?.tag ?? '', accountId };
  if (gate === 3) return { decision: 'ignored', reason: g.reason, ticket: '', accountId };
  const notSupport = outputOf(execution, 'Classify Support Email', 1)[0];
  if (notSupport)
    return {
      decision: 'not support',
      reason: notSupport.rule ? `rule: ${notSupport.rule}` : String(notSupport.classification?.reason ?? ''),
      ticket: '',
      accountId,
    };
  const review = outputOf(execution, 'Classify Support Email', 2)[0];
  if (review)
    return { decision: 'needs review', reason: String(review.reviewReason ?? review.classification?.reason ?? ''), ticket: '', accountId };
  const debited = outputOf(execution, 'Debit Credit', 0)[0];
  if (debited) {
    const decision = debited.charged ? 'ticket opened, 1 credit' : debited.firstDelivery ? 'joined open ticket' : 'already handled';
    return { decision, reason: String(debited.sendReplyReason ?? ''), ticket: debited.ticket?.tag ?? '', accountId };
  }
  const held = outputOf(execution, 'Debit Credit', 1)[0] ?? {};
  const link = outputOf(execution, 'Create Payment Link')[0];
  const reason = link?.payment?.url
    ? `link ${link.payment.url}${link.sendReply ? ' (sent)' : ' (already sent)'}`
    : 'no STRIPE_SECRET_KEY: no link created';
  return { decision: 'payment required', reason, ticket: held.ticket?.tag ? `${held.ticket.tag} (held)` : '', accountId };
}

function printTable(rows: Row[]): void {
  const cols: Array<keyof Row> = ['sender', 'subject', 'decision', 'reason', 'ticket', 'balance'];
  const cut = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s);
  const limits: Record<keyof Row, number> = { sender: 30, subject: 42, decision: 24, reason: 70, ticket: 14, balance: 7 };
  const header = (c: keyof Row) => (c === 'balance' ? 'balance after' : c);
  const widths = cols.map((c) => Math.max(header(c).length, ...rows.map((r) => cut(r[c], limits[c]).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join(' | ');
  console.log('\n' + line(cols.map(header)));
  console.log(widths.map((w) => '-'.repeat(w)).join('-+-'));
  for (const r of rows) console.log(line(cols.map((c) => cut(r[c], limits[c]))));
}

export async function main(): Promise<void> {
  const stripeKey = process.env.STRIPE_SECRET_KEY?.trim();
  if (stripeKey && !stripeKey.startsWith('sk_test_'))
    throw new Error('STRIPE_SECRET_KEY must be a test-mode key (sk_test_…): the demo never uses live keys.');
  step(
    stripeKey
      ? 'STRIPE_SECRET_KEY found: real Stripe test-mode payment links'
      : 'no STRIPE_SECRET_KEY: no Stripe call; unpaid requests stop at "payment required"',
  );
  const n8n = await startStandaloneN8n(step);
  const gmail = await new GmailTestServer({ accessToken: 'ya29.demo' }).start();
  gmail.me = DEMO.supportAddress;
  try {
    const ledgerPath = path.join(n8n.ledgerDir, 'demo.sqlite');
    step(
      `ledger ${ledgerPath}: project ${DEMO.project}, ${DEMO.paidClient.name} (${DEMO.paidClient.credits} credits), ${DEMO.unpaidClient.name} (0 credits)`,
    );
    const store = await openLedger({ kind: 'sqlite', path: ledgerPath });
    await seedDemoLedger(store);
    const mails = demoMails();
    for (const m of mails) gmail.addMessage(m.raw, { id: m.item.id, threadId: m.item.threadId });

    step('credentials: SupportGate Ledger (SQLite), Gmail (local server), offline classifier' + (stripeKey ? ', Stripe test mode' : ''));
    const credentials: Record<string, { id: string; name: string } | null> = {
      supportGateLedgerApi: await n8n.api.createCredential('Demo ledger', 'supportGateLedgerApi', {
        store: 'sqlite',
        sqlitePath: ledgerPath,
      }),
      gmailOAuth2: await n8n.api.createCredential('Demo Gmail (local)', 'gmailOAuth2', {
        clientId: 'demo',
        clientSecret: 'demo',
        oauthTokenData: { access_token: 'ya29.demo', refresh_token: '1//demo', token_type: 'Bearer' },
      }),
      supportGateOpenAiApi: null,
      supportGateStripeApi: stripeKey
        ? await n8n.api.createCredential('Demo Stripe (test mode)', 'supportGateStripeApi', { secretKey: stripeKey })
        : null,
    };
    const intake = await deploy(
      n8n.api,
      testCopy(loadTemplate('gmail-intake.json'), {
        credentials,
        nodeTypes: descriptionsFromBuild(),
        trigger: 'Gmail Support Trigger',
        gmailRootUrl: gmail.rootUrl,
        noOps: stripeKey ? [] : ['Create Payment Link'],
      }),
    );
    step(
      `workflows/gmail-intake.json imported (Gmail Support Trigger swapped for a webhook) as workflow ${intake.id}, after process-mail.json`,
    );

    const rows: Row[] = [];
    const deliveries = [...mails, { ...mails[0], name: `${mails[0].name} (delivered again)` }];
    for (const [i, m] of deliveries.entries()) {
      step(`mail ${i + 1}/${deliveries.length}: ${m.name}`);
      const execution = await intake.deliver([m.item]);
      const d = describe(execution);
      const balance = d.accountId ? String(await store.balance(d.accountId)) : '';
      const from = (m.item.from as { value: Array<{ address: string }> }).value[0].address;
      rows.push({ sender: from, subject: m.item.subject, decision: d.decision, reason: String(d.reason ?? ''), ticket: d.ticket, balance });
    }
    printTable(rows);
    console.log(`\n${gmail.sent.length} mail(s) sent through the local Gmail server (client replies and staff notifications).`);
    await store.close();
  } finally {
    step('stopping n8n');
    await gmail.stop();
    await n8n.stop();
  }
}
