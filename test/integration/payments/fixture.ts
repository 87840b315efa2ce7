/**
 * Shared setup: a local Stripe server, the real SDK pointed at it, and the REAL ledger (SQLite
 * file or a throwaway PostgreSQL schema, one per test file) behind the payments port.
 */
import Stripe from 'stripe';
import { openLedger, type Account, type JournalEntry, type Ledger, type Project } from '../../../core/ledger';
import { ledgerPaymentPort, PaymentDeps, PaymentLedgerPort } from '../../../core/payments';
import { postgresDatabase, sqliteDatabase, type TestDatabase } from '../ledger/helpers';
import { StripeTestServer, startStripeServer } from '../../support/stripe-server';

export const BACKENDS = ['sqlite', 'postgres'] as const;
export type Backend = (typeof BACKENDS)[number];

export const SETTINGS = { successUrl: 'https://acme.example/paid?session={CHECKOUT_SESSION_ID}', cancelUrl: 'https://acme.example/cancel' };

/** One database per test file and backend; call in a describe block. */
export function useLedger(backend: Backend, label: string): () => Ledger {
  let db: TestDatabase;
  let ledger: Ledger;
  beforeAll(async () => {
    db = backend === 'sqlite' ? sqliteDatabase(label) : postgresDatabase(label);
    ledger = await openLedger(db.config);
  });
  afterAll(async () => {
    await ledger?.close();
    await db?.dispose();
  });
  return () => ledger;
}

export interface Fixture {
  server: StripeTestServer;
  stripe: Stripe;
  store: Ledger;
  port: PaymentLedgerPort;
  deps: PaymentDeps;
  project: Project;
  account: Account;
  /** The account's journal, oldest first. */
  journal(): Promise<JournalEntry[]>;
  /** A ticket of the account held for payment, as Check Sender Credits leaves it. */
  heldTicket(subject?: string): Promise<string>;
  /** A later, unrelated ticket consumes one credit. */
  consume(tag: string): Promise<void>;
}

let n = 0;
export async function makeFixture(
  server: StripeTestServer,
  store: Ledger,
  project: Partial<Pick<Project, 'priceMinor' | 'currency' | 'settings'>> = {},
): Promise<Fixture> {
  const p = await store.createProject({
    name: `Acme ${process.pid}-${++n}`,
    priceMinor: 8000,
    currency: 'EUR',
    settings: { ...SETTINGS },
    ...project,
  });
  const account = await store.createAccount(p.id, 'Client SA');
  const stripe = server.client();
  const port = ledgerPaymentPort(store);
  return {
    server,
    stripe,
    store,
    port,
    deps: { stripe, ledger: port },
    project: p,
    account,
    journal: async () => (await store.history(account.id, { limit: 500 })).entries.reverse(),
    heldTicket: async (subject = 'Site down') =>
      (await store.createTicket({ project: p.id, subject, accountId: account.id, status: 'waiting_payment' })).ticket.id,
    consume: async (tag) =>
      void (await store.debit(account.id, `test:consume:${tag}`, { actor: 'test', note: 'consumed by a later ticket' })),
  };
}

export { startStripeServer };
