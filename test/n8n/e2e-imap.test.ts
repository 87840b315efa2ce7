/**
 * workflows/imap-intake.json end to end in the real n8n, trigger included: n8n's Email Trigger
 * (IMAP) watches a real Dovecot INBOX, the sample mails are delivered into it, and the replies
 * leave through the local SMTP stand-in. Asserted: ledger, replies (recipients, tag, threading),
 * SupportGate keywords on the mails, the copy in Sent. Then the unpaid client pays: the Stripe event
 * goes through workflows/stripe-payments-imap.json and the confirmation is read from the client's
 * own Dovecot INBOX (the client is a Dovecot user, so the SMTP stand-in delivers to it).
 */
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { simpleParser, type ParsedMail } from 'mailparser';
import { openLedger, type Ledger } from '../../core/ledger';
import { DEMO, demoMails, seedDemoLedger, type DemoLedger, type DemoMail } from '../fixtures/demo/seed';
import { startDovecot, type LocalDovecot } from '../support/dovecot-server';
import { startOpenAIServer, type LocalOpenAI } from '../support/openai-server';
import { appendToInbox, startSmtpRelay, type LocalSmtp } from '../support/smtp-relay';
import { startStripeServer, type StripeTestServer } from '../support/stripe-server';
import { flagsIn } from '../integration/imap/mailbox';
import { ImapFlow } from 'imapflow';
import { n8n, readState, type ExecutionResult, type WorkflowJson } from './harness';
import { calledTemplates, deploy, importCalls, loadTemplate, outputOf, ran, testCopy, type Deployed } from './e2e/template';
import { SUPPORT_ANSWER } from './e2e/world';
import { loadedNodeDescriptions } from './harness/node-types';

const SUPPORT = { user: DEMO.supportAddress, password: 'pw-support' };
const CLIENT = { user: DEMO.unpaidClient.sender, password: 'pw-client' };
let dovecot: LocalDovecot;
let smtp: LocalSmtp;
let openai: LocalOpenAI;
let stripe: StripeTestServer;
let store: Ledger;
let demo: DemoLedger;
let look: ImapFlow;
let workflowId: string;
const mails = Object.fromEntries(demoMails().map((m) => [m.name, m])) as Record<string, DemoMail>;

type Binding = { id: string; name: string };
const P = 'n8n-nodes-supportgate.';
let byType: Record<string, Record<string, Binding>>;
/** Kept deployed for the tests after the one that deploys them; deleted after all. */
let sweep: Deployed | undefined;
let payments: Deployed | undefined;
let creds: Record<string, Binding>;
/** The template ships without credentials: bind this run's by node type. */
function bind(template: WorkflowJson, byType: Record<string, Record<string, Binding>>): WorkflowJson {
  const nodes = template.nodes.map((n) => ({ ...n, ...(byType[n.type as string] ? { credentials: byType[n.type as string] } : {}) }));
  const { id: _fixed, ...rest } = template;
  return { ...rest, name: `${template.name} (test ${randomUUID().slice(0, 6)})`, nodes } as WorkflowJson;
}

async function finishedExecutions(): Promise<string[]> {
  const api = await n8n();
  const filter = encodeURIComponent(JSON.stringify({ workflowId }));
  const list = await api.rest<{ data: { results: Array<{ id: string; status: string }> } }>(
    'GET',
    `/rest/executions?filter=${filter}&limit=50`,
  );
  return list.data.results.filter((r) => !['new', 'running', 'waiting'].includes(r.status)).map((r) => r.id);
}

/** From the APPEND into INBOX to the end of the intake's execution, per delivered mail (printed after all). */
const arrivalToDoneMs: number[] = [];

/** Delivers a sample mail into the support INBOX and waits for the execution the trigger starts. */
async function deliver(name: string): Promise<ExecutionResult> {
  const before = new Set(await finishedExecutions());
  const started = Date.now();
  await appendToInbox(dovecot, SUPPORT, mails[name].raw);
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    const fresh = (await finishedExecutions()).filter((id) => !before.has(id));
    if (fresh.length) {
      const execution = await (await n8n()).execution(fresh[0]);
      arrivalToDoneMs.push(Date.now() - started);
      expect({ status: execution.status, error: execution.error?.message }).toEqual({ status: 'success', error: undefined });
      return execution;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the Email Trigger started no execution for ${name}; dovecot log: ${dovecot.log().slice(-2000)}`);
}
const relayedSince = (n: number) => Promise.all(smtp.messages.slice(n).map(async (m) => ({ to: m.to, parsed: await simpleParser(m.raw) })));
const debits = async (accountId: string) => (await store.history(accountId)).entries.filter((e) => e.kind === 'debit');

beforeAll(async () => {
  dovecot = await startDovecot({ users: [SUPPORT, CLIENT] });
  smtp = await startSmtpRelay(dovecot);
  openai = await startOpenAIServer();
  openai.script(SUPPORT_ANSWER);
  stripe = await startStripeServer();
  const sqlitePath = path.join(readState().ledgerDir, 'e2e-imap.sqlite');
  store = await openLedger({ kind: 'sqlite', path: sqlitePath });
  demo = await seedDemoLedger(store);
  look = new ImapFlow({
    host: dovecot.host,
    port: dovecot.port,
    secure: false,
    auth: { user: SUPPORT.user, pass: SUPPORT.password },
    logger: false,
  });
  await look.connect();

  const api = await n8n();
  const ledger = await api.createCredential('Ledger e2e-imap', 'supportGateLedgerApi', { store: 'sqlite', sqlitePath });
  const mailbox = await api.createCredential('Mailbox e2e-imap', 'supportGateImapSmtpApi', {
    imapHost: dovecot.host,
    imapPort: dovecot.port,
    imapSecure: false,
    imapUser: SUPPORT.user,
    imapPassword: SUPPORT.password,
    smtpHost: smtp.host,
    smtpPort: smtp.port,
    smtpSecure: false,
    fromAddress: SUPPORT.user,
    sentFolder: 'Sent',
  });
  const trigger = await api.createCredential('IMAP e2e-imap', 'imap', {
    host: dovecot.host,
    port: dovecot.port,
    secure: false,
    user: SUPPORT.user,
    password: SUPPORT.password,
    allowUnauthorizedCerts: false,
  });
  const ai = await api.createCredential('AI e2e-imap', 'supportGateOpenAiApi', {
    apiKey: 'sk-local',
    baseUrl: openai.baseURL,
    model: 'local-model',
  });
  const stripeCred = await api.createCredential('Stripe e2e-imap', 'supportGateStripeApi', {
    secretKey: 'sk_test_supportgate',
    apiBaseUrl: `http://127.0.0.1:${stripe.port}`,
  });
  creds = { supportGateLedgerApi: ledger, supportGateImapSmtpApi: mailbox, supportGateStripeApi: stripeCred };
  byType = {
    'n8n-nodes-base.emailReadImap': { imap: trigger },
    [`${P}checkSenderCredits`]: { supportGateLedgerApi: ledger },
    [`${P}debitCredit`]: { supportGateLedgerApi: ledger },
    [`${P}classifySupportEmail`]: { supportGateOpenAiApi: ai },
    [`${P}createPaymentLink`]: { supportGateLedgerApi: ledger, supportGateStripeApi: stripeCred },
    [`${P}imapSupportActions`]: { supportGateImapSmtpApi: mailbox, supportGateLedgerApi: ledger },
  };
  // The intake hands each mail to process-mail-imap.json: imported (bound the same way) and published first.
  const template = loadTemplate('imap-intake.json');
  const calls = Object.fromEntries(Object.entries(calledTemplates(template)).map(([id, sub]) => [id, bind(sub, byType)]));
  const { workflow } = await importCalls(api, bind(template, byType), calls);
  const created = await api.createWorkflow(workflow);
  workflowId = created.id;
  await api.activate(created.id, created.versionId);
  // The trigger connects and IDLEs on activation; give it a moment before the first delivery.
  await new Promise((r) => setTimeout(r, 1500));
});
afterAll(async () => {
  const sorted = [...arrivalToDoneMs].sort((a, b) => a - b);
  if (sorted.length)
    console.log(`figure imap_trigger_arrival_to_done_ms = ${sorted[Math.floor(sorted.length / 2)]} ms (median of ${sorted.length})`);
  for (const id of [workflowId, sweep?.id, payments?.id]) if (id) await (await n8n()).deleteWorkflow(id).catch(() => undefined);
  await look?.logout().catch(() => undefined);
  await store?.close();
  await Promise.all([smtp?.stop(), openai?.close(), stripe?.stop()]);
  await dovecot?.stop();
});

test('a paid-up sender: one credit, [SG-1], a threaded SMTP reply in Sent, staff told, $SupportGate_Paid', async () => {
  const mail = mails['01-fr-paid-request'];
  const execution = await deliver('01-fr-paid-request');

  expect(await store.balance(demo.paid.id)).toBe(DEMO.paidClient.credits - 1);
  expect(await debits(demo.paid.id)).toHaveLength(1);
  const [reply, staff, ...more] = await relayedSince(0);
  expect(more).toHaveLength(0);
  expect(reply.to).toEqual([DEMO.paidClient.sender]);
  expect(reply.parsed.subject).toBe('Re: [SG-1] Le formulaire de contact ne fonctionne plus');
  expect(reply.parsed.inReplyTo).toBe(mail.item.messageId);
  expect(reply.parsed.headers.get('auto-submitted')).toBe('auto-replied');
  expect(reply.parsed.text).toMatch(/Bonjour Paul Dupré/);
  expect(staff.to).toEqual([DEMO.staff]);
  expect(staff.parsed.subject).toBe(`[${DEMO.project}] New ticket [SG-1]: Le formulaire de contact ne fonctionne plus`);

  expect(await flagsIn(look, 'INBOX', mail.item.messageId)).toEqual(['$SupportGate_Paid']); // and still unread
  expect(await flagsIn(look, 'Sent', reply.parsed.messageId!)).toEqual(['\\Seen']);
  expect(ran(execution)).toEqual(
    expect.arrayContaining(['Process mail', 'Check Sender Credits', 'Debit Credit', 'Reply: ticket opened', 'Mark Paid']),
  );
  expect(ran(execution)).not.toContain('Create Payment Link');
});

test('the same mail delivered twice: still one debit, no second reply, the new copy marked too', async () => {
  const before = smtp.messages.length;
  const execution = await deliver('01-fr-paid-request');
  expect(outputOf(execution, 'Debit Credit')[0]).toMatchObject({ outcome: 'already_debited', charged: false, sendReply: false });
  expect(smtp.messages.length).toBe(before);
  expect(await debits(demo.paid.id)).toHaveLength(1);
  await look.mailboxOpen('INBOX');
  const copies = (await look.search({ header: { 'message-id': mails['01-fr-paid-request'].item.messageId } }, { uid: true })) || [];
  expect(copies).toHaveLength(2);
  expect(outputOf(execution, 'Mark Paid')).toHaveLength(1);
  expect(await look.fetchOne(String(Math.max(...copies)), { flags: true }, { uid: true })).toMatchObject({
    flags: new Set(['$SupportGate_Paid']),
  });
});

test('an unknown sender: $SupportGate_Ignored only, no mail sent, no AI call, no ticket', async () => {
  const before = { sent: smtp.messages.length, ai: openai.requests.length };
  const mail = mails['03-unknown-sender'];
  const execution = await deliver('03-unknown-sender');
  expect(outputOf(execution, 'Check Sender Credits', 3)[0]).toMatchObject({ route: 'not_authorized', reasonCode: 'sender' });
  expect(smtp.messages.length).toBe(before.sent);
  expect(openai.requests.length).toBe(before.ai);
  expect(await flagsIn(look, 'INBOX', mail.item.messageId)).toEqual(['$SupportGate_Ignored']);
  expect(await store.findTicketByMessageId(demo.project.id, mail.item.messageId)).toBeNull();
});

test('a newsletter from a client domain: not support, not charged, no mail sent, $SupportGate_NotSupport', async () => {
  const before = { sent: smtp.messages.length, ai: openai.requests.length, balance: await store.balance(demo.paid.id) };
  const mail = mails['04-fr-newsletter'];
  const execution = await deliver('04-fr-newsletter');
  // Authorized (the whole domain is), then the pre-filter's bulk rule: no AI call, no debit.
  expect(outputOf(execution, 'Classify Support Email', 1).map((j) => j.email.subject)).toEqual(['Nos nouveautés de printemps']);
  expect(openai.requests.length).toBe(before.ai);
  expect(await store.balance(demo.paid.id)).toBe(before.balance);
  expect(smtp.messages.length).toBe(before.sent);
  expect(await flagsIn(look, 'INBOX', mail.item.messageId)).toEqual(['$SupportGate_NotSupport']);
  expect(await store.findTicketByMessageId(demo.project.id, mail.item.messageId)).toBeNull();
});

test("a follow-up in [SG-1]'s thread: joined to the ticket, never charged, no reply, $SupportGate_FollowUp", async () => {
  const before = { sent: smtp.messages.length, debits: (await debits(demo.paid.id)).length };
  const opening = await store.findTicketByMessageId(demo.project.id, mails['01-fr-paid-request'].item.messageId);
  const mail = mails['06-fr-follow-up'];
  const execution = await deliver('06-fr-follow-up');
  expect(outputOf(execution, 'Check Sender Credits', 2)[0]).toMatchObject({ route: 'follow_up', ticket: { id: opening!.id, number: 1 } });
  expect(ran(execution)).not.toContain('Debit Credit');
  expect(await debits(demo.paid.id)).toHaveLength(before.debits);
  expect(smtp.messages.length).toBe(before.sent);
  expect(await store.findTicketByMessageId(demo.project.id, mail.item.messageId)).toMatchObject({ id: opening!.id });
  expect(await flagsIn(look, 'INBOX', mail.item.messageId)).toEqual(['$SupportGate_FollowUp']);
});

describe('workflows/imap-reconcile.json', () => {
  test('the sweep answers only the mail left unmarked, through the intake path; a second sweep finds nothing', async () => {
    // The intake stops watching: this mail arrives while nothing listens (n8n down, say).
    await (await n8n()).deleteWorkflow(workflowId);
    workflowId = '';
    const missed = mails['02-en-unpaid-request'];
    await appendToInbox(dovecot, SUPPORT, missed.raw);
    // testCopy only swaps the schedule for a webhook here (null: leave the slot); bind() sets this run's credentials.
    const unbound = { supportGateLedgerApi: null, supportGateImapSmtpApi: null, supportGateOpenAiApi: null, supportGateStripeApi: null };
    const copy = testCopy(loadTemplate('imap-reconcile.json'), {
      nodeTypes: loadedNodeDescriptions(),
      credentials: unbound,
      trigger: 'Every 30 minutes',
    });
    const calls = Object.fromEntries(Object.entries(copy.calls).map(([id, sub]) => [id, bind(sub, byType)]));
    sweep = await deploy(await n8n(), { workflow: bind(copy.workflow, byType), hook: copy.hook, calls });
    const before = { sent: smtp.messages.length, debits: (await debits(demo.paid.id)).length };

    const execution = await sweep.deliver([{ timestamp: new Date().toISOString() }]);
    expect({ status: execution.status, error: execution.error?.message }).toEqual({ status: 'success', error: undefined });
    expect(outputOf(execution, 'List Unmarked Recent').map((j) => String(j.raw).includes(missed.item.messageId))).toEqual([true]);
    const [linkMail, ...more] = await relayedSince(before.sent);
    expect(more).toHaveLength(0);
    expect(linkMail.to).toEqual([DEMO.unpaidClient.sender]);
    expect(linkMail.parsed.inReplyTo).toBe(missed.item.messageId);
    expect(linkMail.parsed.text).toMatch(/https?:\/\//);
    expect(await flagsIn(look, 'INBOX', missed.item.messageId)).toEqual(['$SupportGate_AwaitingPayment']);
    expect(await debits(demo.paid.id)).toHaveLength(before.debits);

    const second = await sweep.deliver([{ timestamp: new Date().toISOString() }]);
    expect(outputOf(second, 'List Unmarked Recent')).toEqual([]);
    expect(smtp.messages.length).toBe(before.sent + 1);
  });
});

/** Every message in a Dovecot user's INBOX, parsed, oldest first: what that person's mail app shows. */
async function inboxOf(user: { user: string; password: string }): Promise<ParsedMail[]> {
  const client = new ImapFlow({
    host: dovecot.host,
    port: dovecot.port,
    secure: false,
    auth: { user: user.user, pass: user.password },
    logger: false,
  });
  await client.connect();
  try {
    await client.mailboxOpen('INBOX', { readOnly: true });
    const uids = (await client.search({ all: true }, { uid: true })) || [];
    const out: ParsedMail[] = [];
    if (!uids.length) return out;
    for await (const m of client.fetch(uids, { source: true }, { uid: true })) if (m.source) out.push(await simpleParser(m.source));
    return out;
  } finally {
    await client.logout().catch(() => undefined);
  }
}
const referencesOf = (m: ParsedMail) => [m.references ?? []].flat();

describe('workflows/stripe-payments-imap.json', () => {
  test('the unpaid client pays: held ticket released, confirmation by SMTP in their thread (read from their INBOX), staff told, $SupportGate_Paid', async () => {
    const request = mails['02-en-unpaid-request'];
    const held = await store.findTicketByMessageId(demo.project.id, request.item.messageId);
    expect(held).toMatchObject({ status: 'waiting_payment', accountId: demo.unpaid.id, mailSource: 'imap-raw' });
    const tag = `[SG-${held!.number}]`;
    // The payment link the sweep sent reached the client's own mailbox, in the thread of their request.
    const [linkMail, ...none] = await inboxOf(CLIENT);
    expect(none).toHaveLength(0);
    expect(linkMail.inReplyTo).toBe(request.item.messageId);
    expect(linkMail.subject).toBe(`Re: ${tag} Checkout page returns an error 500`);
    const session = [...stripe.sessions.values()].find((s) => s.url && linkMail.text?.includes(s.url));
    expect(session).toBeDefined();

    const copy = testCopy(loadTemplate('stripe-payments-imap.json'), {
      nodeTypes: loadedNodeDescriptions(),
      credentials: creds,
      trigger: 'Stripe Trigger',
    });
    payments = await deploy(await n8n(), copy);
    const before = smtp.messages.length;
    const event = stripe.event('checkout.session.completed', stripe.pay(session!.id).session) as unknown as Record<string, unknown>;
    const started = Date.now();
    const paid = await payments.deliver([event]);
    const paidMs = Date.now() - started;
    expect({ status: paid.status, error: paid.error?.message }).toEqual({ status: 'success', error: undefined });
    expect(outputOf(paid, 'Process Stripe Payment')[0]).toMatchObject({
      kind: 'paid',
      firstTime: true,
      credits: 1,
      balance: 0,
      sendReply: false, // the released ticket is confirmed in its own thread instead
      releasedTickets: [{ ticketId: held!.id, releasedNow: true, inImap: true, inGmail: false, sendReply: true }],
    });
    expect(ran(paid)).toEqual(expect.arrayContaining(['From IMAP?', 'Confirm payment in thread', 'Mark Paid', 'Notify staff: paid']));
    expect(ran(paid)).not.toContain('Confirm payment to client');
    expect(await store.getTicket(held!.id)).toMatchObject({ status: 'new' });
    expect((await store.history(demo.unpaid.id)).entries.map((e) => [e.kind, e.credits])).toEqual([
      ['debit', -1],
      ['purchase', 1],
    ]);

    // Over SMTP: one mail to staff, one to the client (envelope), nothing else.
    expect(
      smtp.messages
        .slice(before)
        .map((m) => m.to.join())
        .sort(),
    ).toEqual([DEMO.unpaidClient.sender, DEMO.staff].sort());
    const [, confirmation, ...more] = await inboxOf(CLIENT);
    expect(more).toHaveLength(0);
    expect(confirmation.subject).toBe(`Re: ${tag} Checkout page returns an error 500`);
    expect(confirmation.inReplyTo).toBe(request.item.messageId);
    expect(referencesOf(confirmation)).toContain(request.item.messageId);
    expect(confirmation.headers.get('auto-submitted')).toBe('auto-replied');
    expect(confirmation.from?.value[0].address).toBe(SUPPORT.user);
    expect(confirmation.text).toContain(tag);
    expect(confirmation.text).toContain('Your balance: 0 credits left.');
    expect(await flagsIn(look, 'Sent', confirmation.messageId!)).toEqual(['\\Seen']);
    expect(await flagsIn(look, 'INBOX', request.item.messageId)).toEqual(['$SupportGate_Paid']);

    // Stripe delivers the event again: nothing moves, nobody is mailed again.
    const replay = await payments.deliver([event]);
    expect(replay.status).toBe('success');
    expect(smtp.messages.length).toBe(before + 2);
    expect(await inboxOf(CLIENT)).toHaveLength(2);
    expect((await store.history(demo.unpaid.id)).entries).toHaveLength(2);
    expect(await store.checkInvariants()).toEqual([]);
    console.log(`figure imap_stripe_event_to_confirmation_ms = ${paidMs} ms`);
  });

  test('SMTP refuses the confirmation: the run fails, and the event replayed sends it then, once (journal claim confirmation_mail)', async () => {
    // A second request from the same client, on another problem (the same one would join the open ticket).
    const messageId = '<invoices-blank-8812@acme-corp.example>';
    const raw = [
      'Authentication-Results: mx.google.com; spf=pass smtp.mailfrom=acme-corp.example; dkim=pass header.d=acme-corp.example; dmarc=pass header.from=acme-corp.example',
      'From: John Smith <john@acme-corp.example>',
      'To: support@agence-demo.fr',
      'Subject: Invoice PDFs are blank since the update',
      `Date: ${new Date().toUTCString()}`,
      `Message-ID: ${messageId}`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Hello, every invoice PDF we download from the back office is an empty page since yesterday. Could you have a look?',
      '',
      'John',
      '',
    ].join('\r\n');
    await appendToInbox(dovecot, SUPPORT, raw);
    const swept = await sweep!.deliver([{ timestamp: new Date().toISOString() }]);
    expect(swept.status).toBe('success');
    const held = await store.findTicketByMessageId(demo.project.id, messageId);
    expect(held).toMatchObject({ status: 'waiting_payment', accountId: demo.unpaid.id });
    const link = (await inboxOf(CLIENT)).at(-1)!;
    expect(link.inReplyTo).toBe(messageId);
    const session = [...stripe.sessions.values()].find((s) => s.url && link.text?.includes(s.url))!;
    const inboxBefore = (await inboxOf(CLIENT)).length;

    smtp.refuseTo(DEMO.unpaidClient.sender, 1);
    const event = stripe.event('checkout.session.completed', stripe.pay(session.id).session) as unknown as Record<string, unknown>;
    const failed = await payments!.deliver([event], { failed: 'allowed' });
    expect({ status: failed.status, node: failed.error?.node?.name }).toEqual({ status: 'error', node: 'Confirm payment in thread' });
    expect(ran(failed)).toContain('Notify staff: paid'); // told before the thread confirmations; a replay would not tell them
    expect(await store.getTicket(held!.id)).toMatchObject({ status: 'new' }); // the money part is done
    expect(await inboxOf(CLIENT)).toHaveLength(inboxBefore);
    expect(await flagsIn(look, 'INBOX', messageId)).toEqual(['$SupportGate_AwaitingPayment']);

    // Stripe (or staff, from the dashboard) sends the event again: nothing is granted twice, the confirmation goes now.
    const replay = await payments!.deliver([event]);
    expect(replay.status).toBe('success');
    expect(outputOf(replay, 'Process Stripe Payment')[0]).toMatchObject({
      firstTime: false,
      releasedTickets: [{ ticketId: held!.id, releasedNow: false, released: true, sendReply: true }],
    });
    const confirmations = (await inboxOf(CLIENT)).slice(inboxBefore);
    expect(confirmations.map((m) => [m.inReplyTo, m.subject])).toEqual([
      [messageId, `Re: [SG-${held!.number}] Invoice PDFs are blank since the update`],
    ]);
    expect(await flagsIn(look, 'INBOX', messageId)).toEqual(['$SupportGate_Paid']);

    // And again: the claim is done, nothing more is sent.
    const third = await payments!.deliver([event]);
    expect(outputOf(third, 'Confirm payment in thread')[0]).toMatchObject({
      skipped: expect.stringMatching(/confirmation_mail already done/),
    });
    expect(await inboxOf(CLIENT)).toHaveLength(inboxBefore + 1);
    expect((await store.history(demo.unpaid.id)).entries.map((e) => e.kind)).toEqual(['debit', 'purchase', 'debit', 'purchase']);
    expect(await store.checkInvariants()).toEqual([]);
  });
  test('a top-up link (no ticket): the low-balance offer over SMTP, then the payment confirmed by Send Email, HTML and Auto-Submitted kept', async () => {
    expect(await store.balance(demo.paid.id)).toBe(DEMO.paidClient.credits - 1);
    const messageId = '<images-manquantes-5521@boulangerie-dupre.fr>';
    const raw = [
      'Authentication-Results: mx.google.com; spf=pass smtp.mailfrom=boulangerie-dupre.fr; dkim=pass header.d=boulangerie-dupre.fr; dmarc=pass header.from=boulangerie-dupre.fr',
      'From: Paul Dupré <paul@boulangerie-dupre.fr>',
      'To: support@agence-demo.fr',
      'Subject: Images manquantes sur la page produit',
      `Date: ${new Date().toUTCString()}`,
      `Message-ID: ${messageId}`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      'Bonjour, les images des produits ne s’affichent plus sur la page boutique.',
      '',
      'Paul',
      '',
    ].join('\r\n');
    await appendToInbox(dovecot, SUPPORT, raw);
    const sent = smtp.messages.length;
    const swept = await sweep!.deliver([{ timestamp: new Date().toISOString() }]);
    expect(swept.status).toBe('success');
    // The debit that brings the account to the threshold (1 credit): ticket opened, staff told, one top-up offer.
    expect(outputOf(swept, 'Debit Credit')[0]).toMatchObject({ balance: 1, lowBalance: { threshold: 1, topUpCredits: 1 } });
    const toPaul = await Promise.all(
      smtp.messages
        .slice(sent)
        .filter((m) => m.to.includes(DEMO.paidClient.sender))
        .map((m) => simpleParser(m.raw)),
    );
    const offer = toPaul.find((m) => /recharger/i.test(m.text ?? ''))!;
    expect(offer.inReplyTo).toBe(messageId);
    const session = [...stripe.sessions.values()].find((x) => x.url && offer.text?.includes(x.url))!;
    expect(session.metadata).not.toHaveProperty('supportgate_ticket');

    const before = smtp.messages.length;
    const event = stripe.event('checkout.session.completed', stripe.pay(session.id).session) as unknown as Record<string, unknown>;
    const paid = await payments!.deliver([event]);
    expect(paid.status).toBe('success');
    expect(outputOf(paid, 'Process Stripe Payment')[0]).toMatchObject({
      firstTime: true,
      releasedTickets: [],
      sendReply: true,
      balance: 2,
    });
    expect(ran(paid)).toContain('Confirm payment to client');
    const relayed = smtp.messages.slice(before);
    expect(relayed.map((m) => m.to.join()).sort()).toEqual([DEMO.paidClient.sender, DEMO.staff].sort());
    const confirmation = await simpleParser(relayed.find((m) => m.to.includes(DEMO.paidClient.sender))!.raw);
    expect(confirmation.headers.get('auto-submitted')).toBe('auto-replied');
    expect(confirmation.html).toBeTruthy(); // the template's HTML part, not only its text
    expect(confirmation.text).toMatch(/2 crédits restants/);
    expect(await flagsIn(look, 'Sent', confirmation.messageId!)).toEqual(['\\Seen']);
    expect(await store.checkInvariants()).toEqual([]);
  });
});
