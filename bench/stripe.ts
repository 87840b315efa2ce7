/**
 * Stripe API calls per unpaid request: each client writes 5 times before paying. SupportGate
 * reuses the account's open link; the naive baseline creates a Checkout Session per mail.
 * Calls are counted by the local Stripe-protocol server (the real SDK talks to it); the ledger
 * is the real one, on a temporary SQLite file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLedger } from '../core/ledger';
import { checkoutParams, createPaymentLink, ledgerPaymentPort, processStripeEvent } from '../core/payments';
import { startStripeServer } from '../test/support/stripe-server';

const CLIENTS = 40;
const MAILS_PER_CLIENT = 5;

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sg-bench-stripe-'));
  const server = await startStripeServer();
  const store = await openLedger({ kind: 'sqlite', path: join(dir, 'ledger.sqlite') });
  try {
    const stripe = server.client();
    const project = await store.createProject({
      name: 'Bench',
      priceMinor: 8000,
      currency: 'EUR',
      settings: { successUrl: 'https://bench.example/ok', cancelUrl: 'https://bench.example/ko' },
    });
    const deps = { stripe, ledger: ledgerPaymentPort(store) };
    const accounts = [];
    for (let c = 0; c < CLIENTS; c++) accounts.push(await store.createAccount(project.id, `Client ${c}`));

    // SupportGate: every mail asks for a payment link; one Stripe call per account.
    const sessions = new Set<string>();
    const tickets: string[] = [];
    let mails = 0;
    const started = performance.now();
    for (const account of accounts) {
      for (let m = 0; m < MAILS_PER_CLIENT; m++) {
        const { ticket } = await store.createTicket({
          project: project.id,
          subject: `Help ${m}`,
          accountId: account.id,
          status: 'waiting_payment',
        });
        tickets.push(ticket.id);
        const link = await createPaymentLink(deps, {
          project,
          accountId: account.id,
          ticketId: ticket.id,
          customerEmail: `${account.id}@client.example`,
        });
        if (await deps.ledger.claimPaymentRequestMail(link.sessionId, new Date())) mails++;
        sessions.add(link.sessionId);
      }
    }
    const linkMs = (performance.now() - started) / (CLIENTS * MAILS_PER_CLIENT);
    const ours = server.count() / CLIENTS;

    // Naive baseline: a new Checkout Session for every mail.
    const before = server.count();
    const expiresAt = Math.floor(Date.now() / 1000) + 23 * 3600;
    for (const account of accounts) {
      for (let m = 0; m < MAILS_PER_CLIENT; m++) {
        await stripe.checkout.sessions.create(checkoutParams({ project, accountId: account.id }, 8000, 1, expiresAt));
      }
    }
    const naive = (server.count() - before) / CLIENTS;

    // Then everyone pays, and each completed event is delivered twice (Stripe retries): calls per paid request.
    const beforePay = server.count();
    const payStarted = performance.now();
    for (const id of sessions) {
      const event = server.event('checkout.session.completed', server.pay(id).session);
      await processStripeEvent(deps, event);
      await processStripeEvent(deps, event);
    }
    const eventMs = (performance.now() - payStarted) / (sessions.size * 2);
    let purchases = 0;
    for (const account of accounts)
      purchases += (await store.history(account.id, { limit: 500 })).entries.filter((e) => e.kind === 'purchase').length;
    const perPaid = (server.count() - beforePay) / sessions.size;
    if ((await store.checkInvariants()).length) throw new Error('ledger invariants broken');

    const fmt = (n: number): string => String(Math.round(n * 1000) / 1000);
    console.log(`figure stripe_calls_per_unpaid_request = ${fmt(ours)} calls ratio ${fmt(ours / naive)} vs naive`);
    console.log(`figure stripe_calls_per_unpaid_request_naive = ${fmt(naive)} calls`);
    console.log(
      `figure payment_request_mails_per_unpaid_account = ${fmt(mails / CLIENTS)} mails ratio ${fmt(mails / (CLIENTS * MAILS_PER_CLIENT))} vs one_per_mail`,
    );
    console.log(`figure stripe_calls_per_paid_event_delivery = ${fmt(perPaid / 2)} calls`);
    console.log(`figure grants_per_paid_session = ${fmt(purchases / sessions.size)}`);
    console.log(`figure payment_link_ms_sqlite = ${fmt(linkMs)} ms`);
    console.log(`figure payment_event_ms_sqlite = ${fmt(eventMs)} ms`);
  } finally {
    await store.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
