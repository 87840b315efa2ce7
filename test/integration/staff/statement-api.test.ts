// The Credits API's statement endpoint: the staff statement behind the key, with the API's error contract.
import { openLedger, type Ledger } from '../../../core/ledger';
import { ApiError, StatementResponse } from '../../../core/ledger/api-schemas';
import { API_KEY_HEADER, handleCreditsApi } from '../../../core/staff/credits-api';
import { parseCsv } from '../../support/csv';
import { sqliteDatabase, type TestDatabase } from '../ledger/helpers';

const KEY = 'k'.repeat(32);
let db: TestDatabase;
let store: Ledger;

beforeAll(async () => {
  db = sqliteDatabase('statement-api');
  store = await openLedger(db.config);
  await store.createProject({ name: 'acme' });
});
afterAll(async () => {
  await store.close();
  await db.dispose();
});

const call = (body: unknown, key = KEY, ledger = store) =>
  handleCreditsApi(ledger, { operation: 'statement', headers: { [API_KEY_HEADER]: key }, body, expectedKey: KEY, actor: 'staff:anna' });

test("answers this month's movements with their CSV, by sender or account id", async () => {
  const { account } = await store.authorizeSender('acme', 'jane@client.fr', { initialCredits: 3 });
  await store.grant(account.id, 2, 'g-1', 'staff', 'pack');
  const month = new Date().toISOString().slice(0, 7);
  const r = await call({ project: 'acme', sender: 'JANE@client.fr', month });
  expect(r.statusCode).toBe(200);
  const s = StatementResponse.parse(r.body);
  expect(s).toMatchObject({ account: { id: account.id }, openingBalance: 0, closingBalance: 5, period: { month } });
  expect(s.lines.map((l) => [l.kind, l.credits, l.balanceAfter])).toEqual([
    ['grant', 3, 3],
    ['grant', 2, 5],
  ]);
  expect(s.totals.grants).toEqual({ count: 2, credits: 5 });
  expect(parseCsv(s.csv)).toHaveLength(5);
  expect((await call({ project: 'acme', accountId: account.id, month })).body).toEqual(r.body);
  // No period: the previous calendar month, where nothing moved yet.
  expect(StatementResponse.parse((await call({ project: 'acme', accountId: account.id })).body)).toMatchObject({
    openingBalance: 0,
    closingBalance: 0,
    lines: [],
  });
});

test('401 with no data, 400 naming the field, 404 for what does not exist, 503 without a database', async () => {
  const wrong = await call({ project: 'acme', sender: 'jane@client.fr' }, 'nope');
  expect(wrong.statusCode).toBe(401);
  expect(JSON.stringify(wrong.body)).not.toMatch(/jane|acme|balance/);
  for (const [body, field] of [
    [{ project: 'acme' }, 'sender'],
    [{ project: 'acme', sender: 'not-an-address' }, 'sender'],
    [{ project: 'acme', sender: 'jane@client.fr', month: 'November' }, 'month'],
    [{ project: 'acme', sender: 'jane@client.fr', from: '2026-11-02', to: '2026-11-01' }, 'to'],
    [{ project: 'acme', sender: 'jane@client.fr', from: '2026-11-02' }, 'to'],
  ] as const) {
    const r = await call(body);
    expect({ field, status: r.statusCode, body: ApiError.parse(r.body).error.field }).toEqual({ field, status: 400, body: field });
  }
  expect(await call({ project: 'acme', sender: 'ghost@client.fr' })).toMatchObject({
    statusCode: 404,
    body: { error: { code: 'unknown_account', field: 'sender' } },
  });
  expect(await call({ project: 'acme', accountId: 'nope' })).toMatchObject({
    statusCode: 404,
    body: { error: { code: 'unknown_account', field: 'accountId' } },
  });
  expect(await call({ project: 'ghost', sender: 'jane@client.fr' })).toMatchObject({
    statusCode: 404,
    body: { error: { code: 'unknown_project' } },
  });

  const down = await openLedger({ kind: 'postgres', connectionString: 'postgresql://sg@127.0.0.1:1/ledger' }).catch((e: unknown) => e);
  // Opening an unreachable PostgreSQL fails; a ledger that loses its database mid-way answers 503.
  expect(down).toMatchObject({ code: 'database_unreachable' });
  const closedDb = sqliteDatabase('statement-api-gone');
  const gone = await openLedger(closedDb.config);
  await gone.close();
  const r = await call({ project: 'acme', sender: 'jane@client.fr' }, KEY, gone);
  await closedDb.dispose();
  expect(r.statusCode).toBe(503);
});
