// Issue 19: running the same Authorize Sender workflow again (a new execution, so a new default
// idempotency key) used to grant the initial credits a second time: 3 became 6.
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { openLedger, type LedgerConfig } from '../../core/ledger';
import { postgresDatabase, type TestDatabase } from '../integration/ledger/helpers';
import { n8n, readState, runNode } from './harness';

const stores: Array<[string, () => { config: LedgerConfig; credential: Record<string, unknown>; dispose?: TestDatabase['dispose'] }]> = [
  [
    'SQLite',
    () => {
      const sqlitePath = path.join(readState().ledgerDir, `initial-credits-${randomUUID()}.sqlite`);
      return { config: { kind: 'sqlite', path: sqlitePath }, credential: { store: 'sqlite', sqlitePath } };
    },
  ],
  [
    'PostgreSQL',
    () => {
      const db = postgresDatabase('n8n_initial');
      const pg = db.config as Extract<LedgerConfig, { kind: 'postgres' }>;
      return {
        config: pg,
        credential: { store: 'postgres', connectionString: pg.connectionString, schema: pg.schema, ssl: 'disable' },
        dispose: db.dispose,
      };
    },
  ],
];

describe.each(stores)('Authorize Sender run twice in n8n (%s)', (label, makeStore) => {
  const store = makeStore();
  afterAll(async () => store.dispose?.());

  test('grants the initial credits once: the balance stays 3, not 6', async () => {
    const credential = await (await n8n()).createCredential(`Ledger initial credits (${label})`, 'supportGateLedgerApi', store.credential);
    const ledgerNode = (parameters: Record<string, unknown>) => ({
      type: 'supportGateLedger',
      parameters,
      credentials: { supportGateLedgerApi: credential },
    });
    await runNode(
      ledgerNode({ resource: 'project', operation: 'create', name: 'initial', priceMinor: 8000, currency: 'EUR', settings: '{}' }),
      [{}],
    );

    // The idempotency key left empty, as a person setting up a client would.
    const authorize = ledgerNode({
      resource: 'account',
      operation: 'authorizeSender',
      project: 'initial',
      sender: 'jane@client.test',
      initialCredits: 3,
      idempotencyKey: '',
    });
    const first = (await runNode(authorize, [{}])).outputs[0][0].json;
    const second = (await runNode(authorize, [{}])).outputs[0][0].json;
    expect(first).toMatchObject({ created: true, balance: 3 });
    expect(second).toMatchObject({ created: false, balance: 3 });

    const ledger = await openLedger(store.config);
    try {
      const account = await ledger.resolveSender('initial', 'jane@client.test');
      expect(await ledger.balance(account!.id)).toBe(3);
      expect((await ledger.history(account!.id)).entries.map((e) => [e.kind, e.credits])).toEqual([['grant', 3]]);
    } finally {
      await ledger.close();
    }
  });
});
