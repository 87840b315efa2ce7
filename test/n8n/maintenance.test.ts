// The Ledger node's sweeps in a real n8n, on both stores: Credits → Expire Credits and
// Ticket → Purge Old Mail Data, each with a dry run first, then for real, then again (nothing).
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import { openLedger, type Ledger, type LedgerConfig } from '../../core/ledger';
import { requestKey } from '../../core/tickets';
import { postgresDatabase } from '../integration/ledger/helpers';
import { n8n, readState, runNode } from './harness';

interface Store {
  config: LedgerConfig;
  credential: Record<string, unknown>;
  raw(sql: string): Promise<void>;
  dispose?: () => Promise<void>;
}
const stores: Array<[string, () => Store]> = [
  [
    'SQLite',
    () => {
      const sqlitePath = path.join(readState().ledgerDir, `maintenance-${randomUUID()}.sqlite`);
      return {
        config: { kind: 'sqlite', path: sqlitePath },
        credential: { store: 'sqlite', sqlitePath },
        async raw(sql) {
          const db = new DatabaseSync(sqlitePath);
          try {
            db.exec('PRAGMA busy_timeout = 15000');
            db.exec(sql);
          } finally {
            db.close();
          }
        },
      };
    },
  ],
  [
    'PostgreSQL',
    () => {
      const db = postgresDatabase('n8n_maintenance');
      const pg = db.config as Extract<LedgerConfig, { kind: 'postgres' }>;
      return {
        config: pg,
        credential: { store: 'postgres', connectionString: pg.connectionString, schema: pg.schema, ssl: 'disable' },
        raw: async (sql) => void (await db.raw(sql)),
        dispose: db.dispose,
      };
    },
  ],
];

describe.each(stores)('Ledger sweeps in a real n8n (%s)', (label, makeStore) => {
  const store = makeStore();
  let ledger: Ledger;
  let credential: { id: string; name: string };
  beforeAll(async () => {
    credential = await (await n8n()).createCredential(`Ledger maintenance (${label})`, 'supportGateLedgerApi', store.credential);
  });
  afterAll(async () => {
    await ledger?.close();
    await store.dispose?.();
  });
  const ledgerNode = (parameters: Record<string, unknown>, continueOnFail = false) => ({
    type: 'supportGateLedger',
    parameters,
    credentials: { supportGateLedgerApi: credential },
    continueOnFail,
  });
  const run = async (parameters: Record<string, unknown>) => (await runNode(ledgerNode(parameters), [{}])).outputs[0][0].json;

  test('a bad creditExpiryMonths is refused naming the setting', async () => {
    const refused = await runNode(
      ledgerNode(
        {
          resource: 'project',
          operation: 'create',
          name: 'bad',
          priceMinor: 8000,
          currency: 'EUR',
          settings: '{"creditExpiryMonths": -2}',
        },
        true,
      ),
      [{}],
    );
    expect(refused.outputs[1][0].json.error).toMatch(/settings\.creditExpiryMonths must be a whole number of months/);
  });

  test('Expire Credits: a lot past creditExpiryMonths expires once; a dry run only counts', async () => {
    await run({
      resource: 'project',
      operation: 'create',
      name: 'maint',
      priceMinor: 8000,
      currency: 'EUR',
      settings: '{"creditExpiryMonths": 12}',
    });
    ledger = await openLedger(store.config);
    const { account } = await ledger.authorizeSender('maint', 'jane@client.test');
    // A lot granted in January 2024, as a ledger of that time wrote it (seq 1; cached balance with it).
    await store.raw(
      `INSERT INTO journal (id, project_id, account_id, seq, kind, credits, balance_after, idempotency_key, actor, note, created_at)
       VALUES ('old-lot-${label}', '${account.projectId}', '${account.id}', 1, 'grant', 4, 4, 'old-grant', 'staff', 'pack', '2024-01-15T09:00:00.000Z');
       UPDATE accounts SET balance = 4, entries = 1 WHERE id = '${account.id}';`,
    );
    await ledger.grant(account.id, 2, 'fresh-grant', 'staff');
    expect(await ledger.checkInvariants()).toEqual([]);

    const expire = { resource: 'credits', operation: 'expire', project: 'maint' };
    expect(await run({ ...expire, dryRun: true })).toMatchObject({ enabled: true, months: 12, dryRun: true, lots: 1, credits: 4 });
    expect(await ledger.balance(account.id)).toBe(6);
    const done = await run(expire);
    expect(done).toMatchObject({ dryRun: false, accounts: 1, lots: 1, credits: 4, expired: [{ lotEntryId: `old-lot-${label}` }] });
    expect(await run(expire)).toMatchObject({ lots: 0, credits: 0 });
    expect(await ledger.balance(account.id)).toBe(2);
    const expired = (await ledger.history(account.id)).entries.filter((e) => e.kind === 'expire');
    expect(expired).toMatchObject([{ credits: -4, balanceAfter: 2, idempotencyKey: `expire:old-lot-${label}`, actor: 'n8n' }]);
    expect(await ledger.checkInvariants()).toEqual([]);
  });

  test('Purge Old Mail Data: a ticket closed past retentionMonths loses its mail data, its debit stays', async () => {
    const account = (await ledger.resolveSender('maint', 'jane@client.test'))!;
    const messageId = `<old-mail-${label}@client.test>`;
    const opened = await ledger.openRequest({
      project: 'maint',
      accountId: account.id,
      messageId,
      idempotencyKey: requestKey(account.projectId, messageId),
      subject: 'Old printer question',
      sender: 'jane@client.test',
      summary: 'printer',
      subjectFingerprint: '',
      bodySignature: '',
      actor: 'test',
    });
    await ledger.setTicketStatus(opened.ticket!.id, 'closed', 'staff');
    // Closed in 2023: older than the default 24 months.
    await store.raw(`UPDATE ticket_status_history SET created_at = '2023-03-01T00:00:00.000Z' WHERE ticket_id = '${opened.ticket!.id}'`);

    const purge = { resource: 'ticket', operation: 'purgeMailData', project: 'maint' };
    expect(await run({ ...purge, dryRun: true })).toMatchObject({ enabled: true, months: 24, dryRun: true, tickets: 1 });
    expect((await ledger.getTicket(opened.ticket!.id))?.subject).toBe('Old printer question');
    expect(await run(purge)).toMatchObject({ tickets: 1, messages: 1, ticketNumbers: [opened.ticket!.number] });
    expect(await run(purge)).toMatchObject({ tickets: 0 });
    expect(await ledger.getTicket(opened.ticket!.id)).toMatchObject({ subject: '', sender: null, summary: null, messageId: null });
    expect(await ledger.hasJournalEntry(account.id, requestKey(account.projectId, messageId))).toBe(true);
    expect(await ledger.checkInvariants()).toEqual([]);
  });
});
