// The Credits API is the staff operations of core/staff behind a key: the same lookups, errors
// and movements as the Ledger node, answered as HTTP statuses the add-on explains.
import { addMonths, openLedger, type Ledger } from '../../../core/ledger';
import * as api from '../../../core/ledger/api-schemas';
import { API_KEY_HEADER, handleCreditsApi, type CreditsApiOperation } from '../../../core/staff/credits-api';
import * as staff from '../../../core/staff';
import { sqliteDatabase, type TestDatabase } from '../ledger/helpers';

const KEY = 'k'.repeat(32);
let db: TestDatabase;
let store: Ledger;

beforeAll(async () => {
  db = sqliteDatabase('staff-api');
  store = await openLedger(db.config);
  await store.createProject({ name: 'acme', priceMinor: 8000, currency: 'EUR', settings: {} });
  await store.createProject({ name: 'tokyo', priceMinor: 8000, currency: 'JPY', settings: {} });
});
afterAll(async () => {
  await store.close();
  await db.dispose();
});

const call = (operation: CreditsApiOperation, body: unknown, key = KEY) =>
  handleCreditsApi(store, { operation, headers: { [API_KEY_HEADER]: key }, body, expectedKey: KEY, actor: 'staff:anna' });

test('a wrong key reveals nothing, whatever the operation', async () => {
  const r = await call('sender', { project: 'acme', sender: 'jane@client.fr' }, 'wrong');
  expect(r.statusCode).toBe(401);
  expect(JSON.stringify(r.body)).not.toContain('acme');
});

test('grant through the API and through the staff operation move the same credits under their own keys', async () => {
  expect((await call('authorize', { project: 'acme', sender: 'jane@client.fr', initialCredits: 2 })).statusCode).toBe(200);
  const viaApi = await call('grant', { project: 'acme', sender: 'jane@client.fr', credits: 3, idempotencyKey: 'click-1' });
  expect(api.MoneyResponse.parse(viaApi.body)).toMatchObject({ status: 'done', balance: 5, credits: 3 });
  expect((await call('grant', { project: 'acme', sender: 'jane@client.fr', credits: 3, idempotencyKey: 'click-1' })).body).toMatchObject({
    status: 'already_done',
    balance: 5,
  });
  const direct = await staff.moveCredits(store, 'revoke', {
    project: 'acme',
    sender: 'JANE@client.fr',
    credits: 10,
    idempotencyKey: 'n8n:1',
    actor: 'n8n',
  });
  expect(direct).toMatchObject({ status: 'done', balance: 0, credits: 5 });
  expect(await staff.verifyLedger(store)).toEqual({ healthy: true, violations: [] });
});

test('one error per mistake on both surfaces: the field at fault and a 404 for what does not exist', async () => {
  const unknownSender = await call('grant', { project: 'acme', sender: 'nobody@else.fr', credits: 1, idempotencyKey: 'x' });
  expect(unknownSender.statusCode).toBe(404);
  expect(unknownSender.body).toMatchObject({ error: { code: 'unknown_account', field: 'sender' } });
  await expect(
    staff.moveCredits(store, 'grant', { project: 'acme', sender: 'nobody@else.fr', credits: 1, idempotencyKey: 'y', actor: 'n8n' }),
  ).rejects.toMatchObject({ code: 'unknown_account', field: 'sender' });
  expect((await call('ticketStatus', { project: 'nope', ticketNumber: 1, status: 'closed' })).body).toMatchObject({
    error: { code: 'unknown_project', field: 'project' },
  });
  expect((await call('waive', { project: 'acme', ticketNumber: 99, idempotencyKey: 'w' })).body).toMatchObject({
    error: { code: 'unknown_ticket', field: 'ticketNumber' },
  });
  expect((await call('grant', { project: 'acme', sender: 'jane@client.fr', credits: 0, idempotencyKey: 'z' })).body).toMatchObject({
    error: { code: 'invalid_request', field: 'credits' },
  });
  expect((await call('nope' as CreditsApiOperation, {})).body).toMatchObject({ error: { field: 'operation' } });
});

test('an open payment link carries its price formatted in its own currency (no decimals for JPY)', async () => {
  const tokyo = (await store.getProject('tokyo'))!;
  const { account } = await store.authorizeSender(tokyo.id, 'ken@client.jp');
  await store.createPaymentRequest({
    accountId: account.id,
    ticketId: null,
    stripeSessionId: 'cs_jpy',
    url: 'https://checkout.stripe.com/c/pay/cs_jpy',
    credits: 1,
    amountMinor: 8000,
    currency: 'jpy',
    expiresAt: new Date(Date.now() + 3600_000).toISOString(),
  });
  const r = api.SenderCreditsResponse.parse((await call('sender', { project: 'tokyo', sender: 'ken@client.jp' })).body);
  expect(r.openPaymentLinks[0]).toMatchObject({ amountMinor: 8000, currency: 'JPY', price: '¥8,000' });
});

test('the sender answer lists the credits about to expire, and its history an expiry, both in the shared schema', async () => {
  await store.createProject({ name: 'expiring', settings: { creditExpiryMonths: 1 } });
  expect((await call('authorize', { project: 'expiring', sender: 'ann@client.fr', initialCredits: 3 })).statusCode).toBe(200);
  const before = api.SenderCreditsResponse.parse((await call('sender', { project: 'expiring', sender: 'ann@client.fr' })).body);
  const [lot] = await store.creditLots(before.account!.id);
  expect(before.upcomingExpiries).toEqual([{ credits: 3, expiresAt: addMonths(lot!.createdAt, 1).toISOString() }]);

  const swept = await staff.expireCredits(store, { project: 'expiring', actor: 'sweep', now: new Date(Date.now() + 40 * 86_400_000) });
  expect(swept).toMatchObject({ lots: 1, credits: 3 });
  const after = api.SenderCreditsResponse.parse((await call('sender', { project: 'expiring', sender: 'ann@client.fr' })).body);
  expect(after).toMatchObject({ balance: 0, upcomingExpiries: [] });
  expect(after.history[0]).toMatchObject({
    kind: 'expire',
    credits: -3,
    balanceAfter: 0,
    actor: 'sweep',
    note: `grant of ${lot!.createdAt.slice(0, 10)} expired after 1 month`,
  });
  // A project without expiry never lists any.
  const plain = api.SenderCreditsResponse.parse((await call('sender', { project: 'acme', sender: 'jane@client.fr' })).body);
  expect(plain.upcomingExpiries).toEqual([]);
});
