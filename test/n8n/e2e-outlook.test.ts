/**
 * workflows/outlook-intake.json end to end in the real n8n, trigger included: activation subscribes
 * at the local HTTPS Graph, which then posts change notifications to n8n's webhook; every node
 * after the trigger runs as shipped against a SQLite ledger and local OpenAI / Stripe servers.
 * Asserted: ledger movements and tickets, what Graph received (threaded replies, staff mail,
 * categories), and that duplicated notifications charge nobody twice. Then the unpaid client pays:
 * the Stripe event goes through workflows/stripe-payments-outlook.json and the confirmation is read
 * from what Graph sent (a reply in the client's conversation), once, a Graph outage included.
 */
import type * as MicrosoftGraph from '@microsoft/microsoft-graph-types';
import { DEMO } from '../fixtures/demo/seed';
import { makeCert } from '../support/graph-server';
import { n8n, type WorkflowJson } from './harness';
import { loadedNodeDescriptions } from './harness/node-types';
import { deploy, loadTemplate, outputOf, ran, testCopy, type Deployed } from './e2e/template';
import { startWorld, type World } from './e2e/world';
import { ExecutionLog, graphCredential, LocalGraph, until, withRealTrigger } from './outlook-graph';

const TRIGGER = 'Outlook Support Trigger';
const AUTHSERV = 'mail.protection.outlook.example';
let world: World;
let graph: LocalGraph;
let workflowId: string;
let log: ExecutionLog;

const debits = async (accountId: string) => (await world.store.history(accountId)).entries.filter((e) => e.kind === 'debit');
const subscriptionId = () => [...graph.subscriptions.keys()][0];
const categoriesOf = (m: MicrosoftGraph.Message) =>
  graph.messages.find((s) => s.message.internetMessageId === m.internetMessageId)?.message.categories;
const sentTo = (address: string) => graph.sent.filter((s) => s.toRecipients?.some((r) => r.emailAddress?.address === address));
const staffMails = () => graph.requestsTo('/sendMail', 'POST').map((r) => (r.body as { message: MicrosoftGraph.Message }).message);

/** A mail from `from` as Exchange Online stores it, with its receiving host's Authentication-Results. */
function mail(
  from: { name: string; address: string },
  subject: string,
  text: string,
  extra: Partial<MicrosoftGraph.Message> = {},
  headers: MicrosoftGraph.InternetMessageHeader[] = [],
) {
  const domain = from.address.split('@')[1];
  return graph.addMessage({
    subject,
    from: { emailAddress: from },
    body: { contentType: 'text', content: text },
    bodyPreview: text.slice(0, 100),
    internetMessageId: `<${Math.random().toString(36).slice(2)}@${domain}>`,
    internetMessageHeaders: [
      {
        name: 'Authentication-Results',
        value: `${AUTHSERV}; spf=pass smtp.mailfrom=${domain}; dkim=pass header.d=${domain}; dmarc=pass header.from=${domain}`,
      },
      ...headers,
    ],
    ...extra,
  });
}

/** Graph notifies n8n of new mail; returns the execution that handled `m`. */
async function arrive(m: MicrosoftGraph.Message) {
  expect(await graph.notify(subscriptionId())).toBe(202);
  const execution = await log.executionFor(TRIGGER, m.id as string);
  expect({ status: execution.status, error: execution.error?.message }).toEqual({ status: 'success', error: undefined });
  return execution;
}

beforeAll(async () => {
  world = await startWorld('e2e-outlook');
  await world.store.updateProject(world.demo.project.id, { settings: { ...world.demo.project.settings, trustedAuthservId: AUTHSERV } });
  graph = await new LocalGraph(makeCert(), DEMO.supportAddress).start();
  const api = await n8n();
  const { supportGateLedgerApi, supportGateOpenAiApi, supportGateStripeApi } = world.credentials;
  const workflow = withRealTrigger(loadTemplate('outlook-intake.json'), {
    supportGateLedgerApi,
    supportGateOpenAiApi,
    supportGateStripeApi,
    supportGateGraphAppApi: await graphCredential(graph),
  });
  const { id, versionId } = await api.createWorkflow(workflow);
  workflowId = id;
  log = new ExecutionLog(id);
  await api.activate(id, versionId);
  await until('the Graph subscription', () => graph.subscriptions.size === 1);
});
afterAll(async () => {
  if (workflowId) await (await n8n()).deleteWorkflow(workflowId);
  await graph?.stop();
  await world?.close();
});

test('a paid-up sender: one debit, ticket [SG-1], a reply in the thread with the tag, staff told, category Paid (own category kept)', async () => {
  const m = mail(
    { name: 'Paul Dupré', address: DEMO.paidClient.sender },
    'Le formulaire de contact ne fonctionne plus',
    'Bonjour, le formulaire de contact renvoie une erreur depuis hier.',
    { categories: ['Boulangerie'] },
  );
  const execution = await arrive(m);

  expect(outputOf(execution, 'Check Sender Credits')[0]).toMatchObject({ route: 'has_credit', authenticity: { verdict: 'authentic' } });
  expect(await world.store.balance(world.demo.paid.id)).toBe(DEMO.paidClient.credits - 1);
  expect(await debits(world.demo.paid.id)).toHaveLength(1);
  expect(await world.store.findTicketByMessageId(world.demo.project.id, m.internetMessageId as string)).toMatchObject({
    number: 1,
    accountId: world.demo.paid.id,
    category: 'bug',
  });

  expect(graph.requestsTo(`/messages/${m.id}/createReply`, 'POST')).toHaveLength(1);
  const [reply, ...more] = sentTo(DEMO.paidClient.sender);
  expect(more).toHaveLength(0);
  expect(reply).toMatchObject({ conversationId: m.conversationId, subject: 'RE: Le formulaire de contact ne fonctionne plus [SG-1]' });
  expect(reply.body?.content).toContain('[SG-1]');
  expect(reply.body?.content).toContain('Paul Dupré');
  expect(staffMails().map((s) => [s.toRecipients?.[0].emailAddress?.address, s.subject])).toEqual([
    [DEMO.staff, `[${DEMO.project}] New ticket [SG-1]: Le formulaire de contact ne fonctionne plus`],
  ]);
  expect(categoriesOf(m)).toEqual(['Boulangerie', 'SupportGate: Paid']);
  expect(graph.categories.map((c) => c.displayName)).toEqual([
    'SupportGate: Paid',
    'SupportGate: Awaiting payment',
    'SupportGate: Awaiting confirmation',
    'SupportGate: Not support',
    'SupportGate: Ignored',
  ]);
  expect(ran(execution)).not.toContain('Create Payment Link');
  expect(world.openai.requests).toHaveLength(1);
  expect(await world.store.checkInvariants()).toEqual([]);
});

test('an unknown sender: category Ignored only, no reply, no AI call, no ticket', async () => {
  const before = { sent: graph.sent.length, mails: staffMails().length, ai: world.openai.requests.length };
  const m = mail({ name: 'Mallory', address: 'mallory@unknown.example' }, 'Urgent help', 'Please fix my site.');
  const execution = await arrive(m);
  expect(outputOf(execution, 'Check Sender Credits', 3)[0]).toMatchObject({ route: 'not_authorized', reasonCode: 'sender' });
  expect(categoriesOf(m)).toEqual(['SupportGate: Ignored']);
  expect(graph.requestsTo(`/messages/${m.id}/createReply`, 'POST')).toHaveLength(0);
  expect({ sent: graph.sent.length, mails: staffMails().length, ai: world.openai.requests.length }).toEqual(before);
  expect(await world.store.findTicketByMessageId(world.demo.project.id, m.internetMessageId as string)).toBeNull();
});

test('a newsletter from a client domain: not charged, no AI call, category Not support', async () => {
  const before = { sent: graph.sent.length, ai: world.openai.requests.length, debits: (await debits(world.demo.paid.id)).length };
  const m = mail(
    { name: 'Boulangerie Dupré', address: 'news@boulangerie-dupre.fr' },
    'Nos nouveautés de printemps',
    'Découvrez nos nouveaux pains.',
    {},
    [
      { name: 'List-Unsubscribe', value: '<https://boulangerie-dupre.fr/unsubscribe?u=1>' },
      { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
    ],
  );
  const execution = await arrive(m);
  expect(outputOf(execution, 'Classify Support Email', 1)).toHaveLength(1);
  expect(categoriesOf(m)).toEqual(['SupportGate: Not support']);
  expect({ sent: graph.sent.length, ai: world.openai.requests.length, debits: (await debits(world.demo.paid.id)).length }).toEqual(before);
  expect(await world.store.findTicketByMessageId(world.demo.project.id, m.internetMessageId as string)).toBeNull();
});

test('a client without credit: a Stripe payment link in the thread, category Awaiting payment, nothing debited', async () => {
  const sessions = world.stripe.count('POST', '/v1/checkout/sessions');
  const m = mail(
    { name: 'John Smith', address: DEMO.unpaidClient.sender },
    'Checkout page is down',
    'Hi, our checkout page shows an error.',
  );
  const execution = await arrive(m);
  expect(outputOf(execution, 'Debit Credit', 1)).toHaveLength(1);
  expect(world.stripe.count('POST', '/v1/checkout/sessions')).toBe(sessions + 1);
  const [reply, ...more] = sentTo(DEMO.unpaidClient.sender);
  expect(more).toHaveLength(0);
  expect(reply.conversationId).toBe(m.conversationId);
  expect(reply.subject).toMatch(/^RE: Checkout page is down/);
  const link = outputOf(execution, 'Create Payment Link')[0].payment.url as string;
  expect(link).toMatch(/^https:\/\//);
  expect(reply.body?.content).toContain(link);
  expect(categoriesOf(m)).toEqual(['SupportGate: Awaiting payment']);
  expect(await world.store.balance(world.demo.unpaid.id)).toBe(0);
  expect(await debits(world.demo.unpaid.id)).toHaveLength(0);
});

test('two mails in the same second, two concurrent notifications: both handled exactly once', async () => {
  const at = new Date().toISOString();
  const paul = { name: 'Paul Dupré', address: DEMO.paidClient.sender };
  const a = mail(paul, 'Images manquantes', 'Les images de la page accueil ont disparu.', { receivedDateTime: at });
  const b = mail(paul, 'Lien cassé', 'Le lien vers la carte ne marche plus.', { receivedDateTime: at });
  const id = subscriptionId();
  expect(await Promise.all([graph.notify(id), graph.notify(id)])).toEqual([202, 202]);
  for (const m of [a, b]) expect((await log.executionFor(TRIGGER, m.id as string)).status).toBe('success');

  for (const m of [a, b]) {
    expect(log.triggerItemsFor(TRIGGER, m.id as string)).toHaveLength(1);
    expect(graph.requestsTo(`/messages/${m.id}/createReply`, 'POST')).toHaveLength(1);
    expect(categoriesOf(m)).toEqual(['SupportGate: Paid']);
  }
  const [na, nb] = await Promise.all(
    [a, b].map(async (m) => (await world.store.findTicketByMessageId(world.demo.project.id, m.internetMessageId as string))?.number),
  );
  expect([na, nb].sort()).toEqual([3, 4]); // [SG-2] is John's ticket awaiting payment
  expect(await debits(world.demo.paid.id)).toHaveLength(3);
  expect(await world.store.balance(world.demo.paid.id)).toBe(0);
  expect(
    sentTo(DEMO.paidClient.sender)
      .map((s) => s.subject)
      .sort(),
  ).toEqual(
    ['RE: Le formulaire de contact ne fonctionne plus [SG-1]', `RE: Images manquantes [SG-${na}]`, `RE: Lien cassé [SG-${nb}]`].sort(),
  );
});

test('the same notification replayed: a sync, but no second execution, debit or reply', async () => {
  const before = {
    debits: (await debits(world.demo.paid.id)).length,
    sent: graph.sent.length,
    staff: staffMails().length,
    executions: (await log.refresh()).length,
  };
  const deltas = graph.requestsTo('/messages/delta').length;
  const id = subscriptionId();
  expect(await Promise.all([graph.notify(id), graph.notify(id)])).toEqual([202, 202]);
  await until('the replayed syncs', () => graph.requestsTo('/messages/delta').length >= deltas + 2);
  // A barrier: syncs are serialized, so once a later mail is out, the replays are done.
  const barrier = mail({ name: 'Eve', address: 'eve@unknown.example' }, 'Barrier', 'Nothing.');
  await arrive(barrier);

  expect((await log.refresh()).length).toBe(before.executions + 1);
  expect(await debits(world.demo.paid.id)).toHaveLength(before.debits);
  expect(graph.sent.length).toBe(before.sent);
  expect(staffMails()).toHaveLength(before.staff);
  for (const s of graph.messages.filter((x) => x.message.id !== barrier.id))
    expect(log.triggerItemsFor(TRIGGER, s.message.id as string)).toHaveLength(1);
  expect(await world.store.checkInvariants()).toEqual([]);
});

describe('workflows/outlook-reconcile.json', () => {
  test('runs the very same nodes as the intake after its own trigger', () => {
    const downstream = (wf: WorkflowJson, trigger: string) => {
      const nodes = (wf.nodes as Array<Record<string, unknown>>).filter(
        (n) => n.name !== trigger && n.name !== 'List Uncategorized Recent' && !String(n.type).endsWith('stickyNote'),
      );
      const { [trigger]: _t, ['List Uncategorized Recent']: _l, ...connections } = wf.connections as Record<string, unknown>;
      return { nodes: nodes.map(({ position: _p, ...n }) => n), connections };
    };
    expect(downstream(loadTemplate('outlook-reconcile.json'), 'Every 30 minutes')).toEqual(
      downstream(loadTemplate('outlook-intake.json'), TRIGGER),
    );
  });

  test('the sweep handles only the mail left uncategorized (no notification announced it), once; a second sweep finds nothing', async () => {
    await world.store.grant(world.demo.paid.id, 1, 'e2e-outlook:top-up', 'staff:test');
    const missed = mail(
      { name: 'Paul Dupré', address: DEMO.paidClient.sender },
      'Export CSV vide',
      "Bonjour, l'export CSV est vide depuis ce matin.",
    );
    const before = { debits: (await debits(world.demo.paid.id)).length, sent: sentTo(DEMO.paidClient.sender).length };
    const { supportGateLedgerApi, supportGateOpenAiApi, supportGateStripeApi } = world.credentials;
    const credentials = {
      supportGateLedgerApi,
      supportGateOpenAiApi,
      supportGateStripeApi,
      supportGateGraphAppApi: await graphCredential(graph),
    };
    const sweep = await deploy(
      await n8n(),
      testCopy(loadTemplate('outlook-reconcile.json'), { nodeTypes: loadedNodeDescriptions(), credentials, trigger: 'Every 30 minutes' }),
    );
    const execution = await sweep.deliver([{ timestamp: new Date().toISOString() }]);
    expect({ status: execution.status, error: execution.error?.message }).toEqual({ status: 'success', error: undefined });

    expect(outputOf(execution, 'List Uncategorized Recent').map((j) => (j.graph as { id: string }).id)).toEqual([missed.id]);
    expect(await debits(world.demo.paid.id)).toHaveLength(before.debits + 1);
    const replies = sentTo(DEMO.paidClient.sender).slice(before.sent);
    expect(replies.map((r) => r.subject)).toEqual([expect.stringMatching(/^RE: Export CSV vide \[SG-\d+\]$/)]);
    expect(categoriesOf(missed)).toEqual(['SupportGate: Paid']);

    const second = await sweep.deliver([{ timestamp: new Date().toISOString() }]);
    expect(outputOf(second, 'List Uncategorized Recent')).toEqual([]);
    expect(sentTo(DEMO.paidClient.sender)).toHaveLength(before.sent + 1);
    expect(await world.store.checkInvariants()).toEqual([]);
  });
});

describe('workflows/stripe-payments-outlook.json', () => {
  let payments: Deployed;
  const unpaid = () => DEMO.unpaidClient.sender;
  const kinds = async () => (await world.store.history(world.demo.unpaid.id)).entries.map((e) => e.kind).sort();
  const byMessageId = (m: MicrosoftGraph.Message) =>
    world.store.findTicketByMessageId(world.demo.project.id, m.internetMessageId as string);
  /** The Checkout session whose URL the payment link reply (the client's latest mail) carries. */
  const sessionOf = (linkReply: MicrosoftGraph.Message) => {
    const session = [...world.stripe.sessions.values()].find((s) => s.url && linkReply.body?.content?.includes(s.url));
    expect(session).toBeDefined();
    return session!;
  };
  const paidEvent = (sessionId: string) =>
    world.stripe.event('checkout.session.completed', world.stripe.pay(sessionId).session) as unknown as Record<string, unknown>;

  beforeAll(async () => {
    const { supportGateLedgerApi, supportGateStripeApi } = world.credentials;
    const credentials = { supportGateLedgerApi, supportGateStripeApi, supportGateGraphAppApi: await graphCredential(graph) };
    payments = await deploy(
      await n8n(),
      testCopy(loadTemplate('stripe-payments-outlook.json'), {
        nodeTypes: loadedNodeDescriptions(),
        credentials,
        trigger: 'Stripe Trigger',
      }),
    );
  });

  test('the unpaid client pays: held ticket released, the confirmation replies in their Outlook conversation, staff told, category Paid; a replay sends nothing', async () => {
    const opening = graph.messages.find((s) => s.message.subject === 'Checkout page is down')!.message;
    const held = await byMessageId(opening);
    expect(held).toMatchObject({
      status: 'waiting_payment',
      accountId: world.demo.unpaid.id,
      mailSource: 'outlook-raw',
      providerMessageId: opening.id,
    });
    const tag = `[SG-${held!.number}]`;
    const [linkReply] = sentTo(unpaid());
    const session = sessionOf(linkReply);
    const before = { sent: graph.sent.length, replies: graph.requestsTo(`/messages/${opening.id}/createReply`, 'POST').length };

    const event = paidEvent(session.id);
    const started = Date.now();
    const paid = await payments.deliver([event]);
    const paidMs = Date.now() - started;
    expect({ status: paid.status, error: paid.error?.message }).toEqual({ status: 'success', error: undefined });
    expect(outputOf(paid, 'Process Stripe Payment')[0]).toMatchObject({
      kind: 'paid',
      firstTime: true,
      credits: 1,
      balance: 0,
      sendReply: false, // the released ticket is confirmed in its own conversation instead
      releasedTickets: [{ ticketId: held!.id, releasedNow: true, inOutlook: true, inGmail: false, inImap: false, sendReply: true }],
    });
    expect(ran(paid)).toEqual(
      expect.arrayContaining(['From Outlook?', 'Confirm payment in thread', 'Category Paid', 'Notify staff: paid']),
    );
    expect(ran(paid)).not.toContain('Confirm payment to client');
    expect(await world.store.getTicket(held!.id)).toMatchObject({ status: 'new' });
    expect(await kinds()).toEqual(['debit', 'purchase']);

    // A reply to the opening mail itself (createReply on its Graph id), in its conversation.
    expect(graph.requestsTo(`/messages/${opening.id}/createReply`, 'POST')).toHaveLength(before.replies + 1);
    const sent = graph.sent.slice(before.sent);
    const toClient = sent.filter((s) => s.toRecipients?.some((r) => r.emailAddress?.address === unpaid()));
    expect(toClient).toHaveLength(1);
    const [confirmation] = toClient;
    expect(confirmation).toMatchObject({ conversationId: opening.conversationId, subject: `RE: Checkout page is down ${tag}` });
    expect(confirmation.body?.contentType).toBe('html');
    expect(confirmation.body?.content).toContain(tag);
    expect(confirmation.body?.content).toMatch(/0 credits left/);
    expect(sent.filter((s) => s !== confirmation).map((s) => [s.toRecipients?.[0].emailAddress?.address, s.subject])).toEqual([
      [
        DEMO.staff,
        expect.stringMatching(new RegExp(`^\\[SupportGate\\] Payment received: 1 credit\\(s\\).* released \\[SG-${held!.number}\\]$`)),
      ],
    ]);
    expect(categoriesOf(opening)).toEqual(['SupportGate: Paid']);

    // Stripe delivers the event again: nothing moves, nobody is mailed again.
    const replay = await payments.deliver([event]);
    expect(replay.status).toBe('success');
    expect(outputOf(replay, 'Confirm payment in thread')[0]).toMatchObject({
      skipped: expect.stringMatching(/confirmation_mail already done/),
    });
    expect(graph.sent.length).toBe(before.sent + 2);
    expect(graph.requestsTo(`/messages/${opening.id}/createReply`, 'POST')).toHaveLength(before.replies + 1);
    expect(await kinds()).toEqual(['debit', 'purchase']);
    expect(await world.store.checkInvariants()).toEqual([]);
    console.log(`figure outlook_stripe_event_to_confirmation_ms = ${paidMs} ms`);
  });

  test('Graph answers 503 to the confirmation: the run fails, the event replayed sends it then, once (journal claim confirmation_mail)', async () => {
    const m = mail(
      { name: 'John Smith', address: unpaid() },
      'Invoice PDFs are blank since the update',
      'Hello, every invoice PDF we download from the back office is an empty page since yesterday. Could you have a look?',
    );
    await arrive(m);
    const held = await byMessageId(m);
    expect(held).toMatchObject({ status: 'waiting_payment', accountId: world.demo.unpaid.id });
    const link = sentTo(unpaid()).at(-1)!;
    expect(link.conversationId).toBe(m.conversationId);
    const session = sessionOf(link);
    const before = sentTo(unpaid()).length;

    // More 503s on the draft's send than the connector retries (3): the send fails for good.
    graph.unavailable('/send', 4);
    const event = paidEvent(session.id);
    const failed = await payments.deliver([event], { failed: 'allowed' });
    expect({ status: failed.status, node: failed.error?.node?.name }).toEqual({ status: 'error', node: 'Confirm payment in thread' });
    expect(ran(failed)).toContain('Notify staff: paid'); // told before the thread confirmations; a replay would not tell them
    expect(await world.store.getTicket(held!.id)).toMatchObject({ status: 'new' }); // the money part is done
    expect(sentTo(unpaid())).toHaveLength(before);
    expect(categoriesOf(m)).toEqual(['SupportGate: Awaiting payment']);

    // Stripe (or staff, from the dashboard) sends the event again: nothing is granted twice, the confirmation goes now.
    const replay = await payments.deliver([event]);
    expect({ status: replay.status, error: replay.error?.message }).toEqual({ status: 'success', error: undefined });
    expect(outputOf(replay, 'Process Stripe Payment')[0]).toMatchObject({
      firstTime: false,
      releasedTickets: [{ ticketId: held!.id, releasedNow: false, released: true, inOutlook: true, sendReply: true }],
    });
    const confirmations = sentTo(unpaid()).slice(before);
    expect(confirmations.map((c) => [c.conversationId, c.subject])).toEqual([
      [m.conversationId, `RE: Invoice PDFs are blank since the update [SG-${held!.number}]`],
    ]);
    expect(categoriesOf(m)).toEqual(['SupportGate: Paid']);

    // And again: the claim is done, nothing more is sent.
    const third = await payments.deliver([event]);
    expect(outputOf(third, 'Confirm payment in thread')[0]).toMatchObject({
      skipped: expect.stringMatching(/confirmation_mail already done/),
    });
    expect(sentTo(unpaid())).toHaveLength(before + 1);
    expect(await kinds()).toEqual(['debit', 'debit', 'purchase', 'purchase']);
    expect(await world.store.checkInvariants()).toEqual([]);
  });
});
