import path from 'node:path';
import { openLedger, type Ledger } from '../../core/ledger';
import { startStripeServer, type StripeTestServer } from '../support/stripe-server';
import { n8n, readState, runNode, type Item } from './harness';
import { nodeTypes } from './harness/node-types';

// Under continue-on-fail, a failed item must take an output that leads to no client mail and no
// money: each node below gets one bad item and one it cannot even set up for, inside the real n8n.
describe('failed items never take a success output', () => {
  const state = readState();
  const ledgerPath = path.join(state.ledgerDir, 'failure-paths.sqlite');
  let server: StripeTestServer;
  let store: Ledger;
  let ledger: { id: string; name: string };
  let broken: { id: string; name: string };
  let stripe: { id: string; name: string };

  beforeAll(async () => {
    server = await startStripeServer();
    store = await openLedger({ kind: 'sqlite', path: ledgerPath });
    await store.createProject({ name: 'failing', priceMinor: 8000, currency: 'EUR' });
    const api = await n8n();
    ledger = await api.createCredential('Ledger (failure paths)', 'supportGateLedgerApi', { store: 'sqlite', sqlitePath: ledgerPath });
    // A directory is no SQLite file: the ledger cannot be opened, every item fails at setup.
    broken = await api.createCredential('Ledger (unusable)', 'supportGateLedgerApi', { store: 'sqlite', sqlitePath: state.ledgerDir });
    stripe = await api.createCredential('Stripe (failure paths)', 'supportGateStripeApi', {
      secretKey: 'sk_test_supportgate',
      apiBaseUrl: `http://127.0.0.1:${server.port}`,
    });
  });
  afterAll(async () => {
    await store?.close();
    await server?.stop();
  });

  /** The items on each named output, from the node's own outputNames as n8n loaded them. */
  async function byOutputName(type: string, outputs: Item[][]): Promise<Record<string, Item[]>> {
    const names = (await nodeTypes()).get(type)?.outputNames ?? [];
    return Object.fromEntries(names.map((name, i) => [name, outputs[i] ?? []]));
  }

  const cases: Array<{
    type: string;
    parameters: Record<string, unknown>;
    bad: Record<string, unknown>;
    safe: string;
    credentials: () => Record<string, { id: string; name: string }>;
    setupBreaks?: () => Record<string, { id: string; name: string }>;
  }> = [
    {
      type: 'checkSenderCredits',
      parameters: {},
      bad: { nothing: 'here' },
      safe: 'Failed',
      credentials: () => ({ supportGateLedgerApi: ledger }),
      setupBreaks: () => ({ supportGateLedgerApi: broken }),
    },
    {
      type: 'debitCredit',
      parameters: {},
      bad: { foo: 1 },
      safe: 'Failed',
      credentials: () => ({ supportGateLedgerApi: ledger }),
      setupBreaks: () => ({ supportGateLedgerApi: broken }),
    },
    {
      type: 'createPaymentLink',
      parameters: { project: 'no-such-project', accountId: 'acc', credits: 1 },
      bad: { email: { messageId: '<x@y>' } },
      safe: 'Failed',
      credentials: () => ({ supportGateLedgerApi: ledger, supportGateStripeApi: stripe }),
      setupBreaks: () => ({ supportGateLedgerApi: broken, supportGateStripeApi: stripe }),
    },
    {
      type: 'supportGateLedger',
      parameters: { resource: 'credits', operation: 'balance', project: 'failing', sender: 'nobody@nowhere.test' },
      bad: {},
      safe: 'Failed',
      credentials: () => ({ supportGateLedgerApi: ledger }),
      setupBreaks: () => ({ supportGateLedgerApi: broken }),
    },
    {
      type: 'processStripePayment',
      parameters: { mode: 'event' },
      bad: { id: 'evt_x', type: 'checkout.session.completed', data: { object: { id: 'cs_test_none' } } },
      safe: 'Ignored',
      credentials: () => ({ supportGateLedgerApi: ledger, supportGateStripeApi: stripe }),
      setupBreaks: () => ({ supportGateLedgerApi: broken, supportGateStripeApi: stripe }),
    },
    { type: 'classifySupportEmail', parameters: {}, bad: { email: { subject: 42 } }, safe: 'Needs review', credentials: () => ({}) },
  ];

  test.each(cases)('$type: a bad item goes to $safe only, with its error', async ({ type, parameters, bad, safe, credentials }) => {
    const { outputs } = await runNode({ type, parameters, credentials: credentials(), continueOnFail: true }, [bad]);
    const named = await byOutputName(type, outputs);
    expect(Object.keys(named)).toContain(safe);
    for (const [name, items] of Object.entries(named)) expect([name, items.length]).toEqual([name, name === safe ? 1 : 0]);
    expect(String(named[safe]![0]!.json.error)).not.toBe('');
    expect(named[safe]![0]!.pairedItem).toEqual({ item: 0 });
  });

  test.each(cases.filter((c) => c.setupBreaks))(
    '$type: when the ledger cannot be opened every item goes to $safe',
    async ({ type, parameters, bad, safe, setupBreaks }) => {
      const { outputs } = await runNode({ type, parameters, credentials: setupBreaks!(), continueOnFail: true }, [bad, bad]);
      const named = await byOutputName(type, outputs);
      for (const [name, items] of Object.entries(named)) expect([name, items.length]).toEqual([name, name === safe ? 2 : 0]);
    },
  );
});
