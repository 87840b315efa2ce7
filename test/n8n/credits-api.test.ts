import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openLedger, type Ledger } from '../../core/ledger';
import { MoneyResponse, SenderCreditsResponse, ApiError, StatementResponse, WaiveTicketResponse } from '../../core/ledger/api-schemas';
import { n8n, readState, type WorkflowJson } from './harness';
import { bindByType } from './harness/node-types';

const KEY = 'test-key-9f2c41d0c1b5e7a83d22';

describe('workflows/credits-api.json in a real n8n', () => {
  const ledgerPath = path.join(readState().ledgerDir, 'credits-api.sqlite');
  let store: Ledger;
  const call = async (route: string, body: unknown, key: string | null = KEY) =>
    (await n8n()).webhook(route, { body, headers: key === null ? {} : { 'X-SupportGate-Key': key } });

  beforeAll(async () => {
    store = await openLedger({ kind: 'sqlite', path: ledgerPath });
    await store.createProject({ name: 'acme' });
    const api = await n8n();
    const template = JSON.parse(readFileSync(path.join(__dirname, '../../workflows/credits-api.json'), 'utf8')) as WorkflowJson;
    const workflow = bindByType(template, {
      supportGateLedgerApi: await api.createCredential('Ledger (credits api)', 'supportGateLedgerApi', {
        store: 'sqlite',
        sqlitePath: ledgerPath,
      }),
      supportGateAddonApi: await api.createCredential('Credits API key', 'supportGateAddonApi', { apiKey: KEY }),
    });
    const { id: _ignored, ...withoutId } = workflow;
    const { id, versionId } = await api.createWorkflow(withoutId as WorkflowJson);
    await api.activate(id, versionId);
    // Webhooks register asynchronously after activation.
    for (let i = 0; i < 50 && (await call('supportgate/credits/sender', {}, null)).status === 404; i++)
      await new Promise((r) => setTimeout(r, 100));
  });
  afterAll(async () => store?.close());

  test('a missing or wrong key gets 401 and no data', async () => {
    await store.authorizeSender('acme', 'jane@client.test', { initialCredits: 3 });
    for (const key of [null, 'wrong-key']) {
      const res = await call('supportgate/credits/sender', { project: 'acme', sender: 'jane@client.test' }, key);
      expect(res.status).toBe(401);
      expect(ApiError.parse(res.body).error.code).toBe('unauthorized');
      expect(res.text).not.toMatch(/jane|balance|acme/);
    }
  });

  test('authorize, grant, then the balance and history round-trip', async () => {
    const auth = await call('supportgate/credits/authorize', {
      project: 'acme',
      sender: 'Bob@Other.test',
      wholeDomain: true,
      initialCredits: 2,
    });
    expect(auth.status).toBe(200);
    expect(auth.body).toMatchObject({ balance: 2, created: true });

    const grant = { project: 'acme', sender: 'carol@other.test', credits: 5, note: 'pack of 5', idempotencyKey: 'click-1' };
    const first = MoneyResponse.parse((await call('supportgate/credits/grant', grant)).body);
    const again = MoneyResponse.parse((await call('supportgate/credits/grant', grant)).body);
    expect(first).toMatchObject({ status: 'done', balance: 7, credits: 5 });
    expect(again).toMatchObject({ status: 'already_done', balance: 7, entryId: first.entryId });

    const revoked = MoneyResponse.parse((await call('supportgate/credits/revoke', { ...grant, credits: 1, idempotencyKey: 'rv-1' })).body);
    expect(revoked.balance).toBe(6);

    const sender = SenderCreditsResponse.parse(
      (await call('supportgate/credits/sender', { project: 'acme', sender: 'bob@other.test' })).body,
    );
    expect(sender).toMatchObject({ authorized: true, balance: 6 });
    expect(sender.history.map((e) => [e.kind, e.credits])).toEqual([
      ['revoke', -1],
      ['grant', 5],
      ['grant', 2],
    ]);
    expect(await store.checkInvariants()).toEqual([]);

    const stranger = SenderCreditsResponse.parse(
      (await call('supportgate/credits/sender', { project: 'acme', sender: 'who@nowhere.test' })).body,
    );
    expect(stranger).toMatchObject({ authorized: false, balance: 0, account: null });
  });

  test('bad bodies get 400 naming the field; unknown things get 404', async () => {
    const cases: Array<[string, unknown, number, string]> = [
      ['supportgate/credits/grant', { project: 'acme', sender: 'jane@client.test', credits: -2, idempotencyKey: 'x' }, 400, 'credits'],
      ['supportgate/credits/grant', { project: 'acme', sender: 'not-an-address', credits: 1, idempotencyKey: 'x' }, 400, 'sender'],
      ['supportgate/credits/grant', { project: 'acme', sender: 'jane@client.test', credits: 1 }, 400, 'idempotencyKey'],
      ['supportgate/tickets/status', { project: 'acme', ticketNumber: 1, status: 'flying' }, 400, 'status'],
      ['supportgate/credits/sender', { project: 'nope', sender: 'jane@client.test' }, 404, 'project'],
      ['supportgate/credits/grant', { project: 'acme', sender: 'x@unknown.test', credits: 1, idempotencyKey: 'y' }, 404, 'sender'],
      ['supportgate/tickets/status', { project: 'acme', ticketNumber: 999, status: 'closed' }, 404, 'ticketNumber'],
      ['supportgate/tickets/waive', { project: 'acme', ticketNumber: 1 }, 400, 'idempotencyKey'],
      ['supportgate/tickets/waive', { project: 'acme', ticketNumber: 999, idempotencyKey: 'w' }, 404, 'ticketNumber'],
    ];
    for (const [route, body, status, field] of cases) {
      const res = await call(route, body);
      expect({ route, field, status: res.status }).toEqual({ route, field, status });
      expect(ApiError.parse(res.body).error.field).toBe(field);
    }
  });

  test('a ticket status changes through the API and is recorded with its actor', async () => {
    const { ticket } = await store.createTicket({ project: 'acme', subject: 'Site down', messageId: '<m1@client.test>' });
    const res = await call('supportgate/tickets/status', {
      project: 'acme',
      ticketNumber: ticket.number,
      status: 'in_progress',
      note: 'on it',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ticket: { number: ticket.number, status: 'in_progress' } });
    const history = await store.ticketHistory(ticket.id);
    expect(history.at(-1)).toMatchObject({ toStatus: 'in_progress', actor: 'gmail-addon', note: 'on it' });
  });

  test('a charged ticket is waived once through the API, whatever the click key; uncharged ones are refused', async () => {
    const { account } = await store.authorizeSender('acme', 'wendy@waive.test', { initialCredits: 2 });
    const messageId = '<waive-api@waive.test>';
    const { ticket } = await store.openRequest({
      project: 'acme',
      accountId: account.id,
      messageId,
      idempotencyKey: `msg:api:${messageId}`,
      subject: 'Pricing?',
      subjectFingerprint: '',
      bodySignature: '',
      actor: 'test',
    });
    const click = { project: 'acme', ticketNumber: ticket!.number, note: 'sales question', idempotencyKey: 'waive-click-1' };
    const first = await call('supportgate/tickets/waive', click);
    expect(first.status).toBe(200);
    const done = WaiveTicketResponse.parse(first.body);
    expect(done).toMatchObject({ status: 'done', balance: 2, credits: 1, ticket: { number: ticket!.number, waived: true } });
    const other = WaiveTicketResponse.parse((await call('supportgate/tickets/waive', { ...click, idempotencyKey: 'waive-click-2' })).body);
    expect(other).toMatchObject({ status: 'already_done', balance: 2, entryId: done.entryId });

    const sender = SenderCreditsResponse.parse(
      (await call('supportgate/credits/sender', { project: 'acme', sender: 'wendy@waive.test' })).body,
    );
    expect(sender.history.map((e) => [e.kind, e.credits, e.actor, e.note])).toEqual([
      ['waive', 1, 'gmail-addon', 'sales question'],
      ['debit', -1, 'test', `ticket ${ticket!.number}`],
      ['grant', 2, 'system', 'initial credits'],
    ]);
    expect(sender.tickets).toMatchObject([{ number: ticket!.number, waived: true }]);

    const { ticket: free } = await store.createTicket({ project: 'acme', subject: 'Never charged', accountId: account.id });
    const refused = await call('supportgate/tickets/waive', { ...click, ticketNumber: free.number });
    expect(refused.status).toBe(400);
    expect(ApiError.parse(refused.body).error).toMatchObject({ code: 'not_charged', field: 'ticketNumber' });
    expect(await store.balance(account.id)).toBe(2);
    expect(await store.checkInvariants()).toEqual([]);
  });

  // Issue 15: statements.
  test("statement: this month's movements and their CSV; 400 naming the field, 404 for an unknown sender", async () => {
    const { account } = await store.authorizeSender('acme', 'stella@statement.test', { initialCredits: 4 });
    const month = new Date().toISOString().slice(0, 7);
    const res = await call('supportgate/credits/statement', { project: 'acme', sender: 'stella@statement.test', month });
    expect(res.status).toBe(200);
    const s = StatementResponse.parse(res.body);
    expect(s).toMatchObject({
      account: { id: account.id },
      openingBalance: 0,
      closingBalance: 4,
      period: { month },
      totals: { grants: { count: 1, credits: 4 } },
    });
    expect(s.csv.split('\r\n')).toHaveLength(5);
    const bad = await call('supportgate/credits/statement', { project: 'acme', sender: 'stella@statement.test', month: 'May' });
    expect(bad.status).toBe(400);
    expect(ApiError.parse(bad.body).error.field).toBe('month');
    const unknown = await call('supportgate/credits/statement', { project: 'acme', sender: 'nobody@statement.test' });
    expect(unknown.status).toBe(404);
    expect(ApiError.parse(unknown.body).error).toMatchObject({ code: 'unknown_account', field: 'sender' });
    expect((await call('supportgate/credits/statement', { project: 'acme', sender: 'stella@statement.test' }, 'wrong-key')).status).toBe(
      401,
    );
  });
});
