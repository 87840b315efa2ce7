import path from 'node:path';
import { openLedger, type Account, type Ledger, type Project } from '../../core/ledger';
import { startStripeServer, type StripeTestServer } from '../support/stripe-server';
import { n8n, readState, runNode } from './harness';

// Create Payment Link and Process Stripe Payment inside the real n8n; Stripe is the local
// protocol server in this jest process, the ledger a SQLite file both processes open.
describe('payments inside a real n8n', () => {
  const state = readState();
  const ledgerPath = path.join(state.ledgerDir, 'payments.sqlite');
  let server: StripeTestServer;
  let store: Ledger;
  let project: Project;
  let account: Account;
  let credentials: Record<string, { id: string; name: string }>;

  beforeAll(async () => {
    server = await startStripeServer();
    store = await openLedger({ kind: 'sqlite', path: ledgerPath });
    project = await store.createProject({
      name: 'acme-pay',
      priceMinor: 8000,
      currency: 'EUR',
      settings: { successUrl: 'https://acme.example/ok', cancelUrl: 'https://acme.example/ko' },
    });
    account = await store.createAccount(project.id, 'Client SA');
    const api = await n8n();
    credentials = {
      supportGateLedgerApi: await api.createCredential('Ledger (payments test)', 'supportGateLedgerApi', {
        store: 'sqlite',
        sqlitePath: ledgerPath,
      }),
      supportGateStripeApi: await api.createCredential('Stripe (local)', 'supportGateStripeApi', {
        secretKey: 'sk_test_supportgate',
        apiBaseUrl: `http://127.0.0.1:${server.port}`,
      }),
    };
  });
  afterAll(async () => {
    await store?.close();
    await server?.stop();
  });

  const held = async (subject: string, messageId: string) =>
    (
      await store.createTicket({
        project: project.id,
        subject,
        accountId: account.id,
        sender: 'jane@client.test',
        messageId,
        status: 'waiting_payment',
      })
    ).ticket;
  const checkItem = (ticket: { id: string; number: number }, messageId: string, subject: string) => ({
    email: { messageId, subject, references: [], language: 'fr', from: { address: 'jane@client.test', name: 'Jane' } },
    project: { id: project.id, name: project.name },
    account: { id: account.id },
    ticket: { id: ticket.id, number: ticket.number },
  });

  test('one link per account, then a paid event grants once and releases the held ticket', async () => {
    const t1 = await held('Site en panne', '<m1@client.test>');
    const t2 = await held('Encore en panne', '<m2@client.test>');
    const created = await runNode({ type: 'createPaymentLink', parameters: {}, credentials }, [
      checkItem(t1, '<m1@client.test>', 'Site en panne'),
      checkItem(t2, '<m2@client.test>', 'Encore en panne'),
    ]);
    const [first, second] = created.outputs[0].map((i) => i.json as Record<string, any>);
    expect(server.count('POST', '/v1/checkout/sessions')).toBe(1);
    expect(first.payment).toMatchObject({ reused: false, price: '80,00 €', credits: 1 });
    expect(second.payment).toMatchObject({ reused: true, sessionId: first.payment.sessionId, url: first.payment.url });
    expect([first.sendReply, second.sendReply]).toEqual([true, false]);
    expect(first.reply).toMatchObject({
      to: 'jane@client.test',
      subject: expect.stringContaining(`[SG-${t1.number}]`),
      headers: { 'In-Reply-To': '<m1@client.test>', 'Auto-Submitted': 'auto-replied' },
    });
    expect(first.reply.text).toContain(first.payment.url);
    expect(first.reply.text).toContain('80,00 €');
    expect((await store.getTicket(t1.id))!.status).toBe('waiting_payment');

    const sessionId = first.payment.sessionId as string;
    const event = server.event('checkout.session.completed', server.pay(sessionId).session);
    const processed = await runNode({ type: 'processStripePayment', parameters: { mode: 'event' }, credentials }, [
      event as never,
      event as never,
    ]);
    const [paid, expired, refunded, ignored] = processed.outputs;
    expect([paid.length, expired?.length ?? 0, refunded?.length ?? 0, ignored?.length ?? 0]).toEqual([2, 0, 0, 0]);
    expect(paid.map((i) => i.json.firstTime)).toEqual([true, false]);
    expect(paid.map((i) => i.json.sendReply)).toEqual([true, false]);
    expect(paid[0].json).toMatchObject({ kind: 'paid', sessionId, credits: 1, balance: 0, releasedTicket: { id: t1.id, status: 'new' } });
    expect((paid[0].json.reply as Record<string, string>).text).toContain('80,00 €');
    // Tickets opened without provider ids: no thread to answer in, so the top-level reply confirms.
    expect(paid[0].json.releasedTickets).toMatchObject([
      { ticketId: t1.id, releasedNow: true, threadId: null, inGmail: false, sendReply: false },
    ]);
    expect(paid[0].json.stillHeld).toMatchObject([{ ticketId: t2.id, released: false, reason: 'no credit left to debit' }]);

    const history = (await store.history(account.id)).entries.map((e) => e.kind);
    expect(history.filter((k) => k === 'purchase')).toHaveLength(1);
    expect((await store.getTicket(t1.id))!.status).toBe('new');
    expect((await store.getPaymentRequestBySession(sessionId))!.status).toBe('paid');
    expect(await store.checkInvariants()).toEqual([]);
  });

  test('an event for an unknown session fails clearly; continueOnFail puts the error on the item', async () => {
    const forged = { id: 'evt_forged', type: 'checkout.session.completed', data: { object: { id: 'cs_test_unknown' } } };
    await expect(runNode({ type: 'processStripePayment', parameters: { mode: 'event' }, credentials }, [forged])).rejects.toThrow(
      /Stripe has no Checkout Session "cs_test_unknown"/,
    );
    const soft = await runNode({ type: 'processStripePayment', parameters: { mode: 'event' }, credentials, continueOnFail: true }, [
      forged,
    ]);
    expect(soft.outputs[0]).toHaveLength(0); // never on Paid
    expect(String(soft.outputs[3][0].json.error)).toMatch(/Stripe has no Checkout Session "cs_test_unknown"/);
  });
});
