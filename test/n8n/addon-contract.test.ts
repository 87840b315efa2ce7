/**
 * Contract between the Gmail add-on and the Credits API: the add-on's REAL client
 * (gmail-addon/src/api-client.ts) over its REAL UrlFetchApp adapter, with a UrlFetchApp that does
 * real blocking HTTP, against workflows/credits-api.json running in the real n8n. The ledger file
 * is opened here too, to check that what the sidebar shows is what the ledger holds.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { openLedger, type Ledger } from '../../core/ledger';
import { ApiClientError, createApiClient, ENDPOINTS, type ApiClient } from '../../gmail-addon/src/api-client';
import { createUrlFetchFetcher } from '../../gmail-addon/src/url-fetch-fetcher';
import { createRealUrlFetchApp } from '../unit/addon/support/real-url-fetch';
import { n8n, readState, type WorkflowJson } from './harness';
import { bindByType } from './harness/node-types';

const KEY = 'contract-key-5d7e0a9b3c1f48e2a6b4';
// credits-api.test.ts activates the same template in the same n8n: our copy lives under its own prefix.
const PREFIX = 'contract';

/** The shipped template, webhooks moved under PREFIX (fresh webhook ids), credentials bound. */
function contractCopy(bindings: Record<string, { id: string; name: string }>): WorkflowJson {
  const template = JSON.parse(readFileSync(path.join(__dirname, '../../workflows/credits-api.json'), 'utf8')) as WorkflowJson;
  const { id: _ignored, ...workflow } = bindByType(template, bindings);
  // The template serves every path the client calls (it may serve more: the statement is not in the sidebar).
  const served = workflow.nodes.filter((n) => n.type === 'n8n-nodes-base.webhook').map((n) => (n.parameters as { path?: string }).path);
  expect(served).toEqual(expect.arrayContaining(Object.values(ENDPOINTS)));
  const nodes = workflow.nodes.map((node) => {
    let copy = { ...node };
    if (node.type === 'n8n-nodes-base.webhook') {
      const parameters = node.parameters as Record<string, unknown>;
      copy = { ...copy, webhookId: randomUUID(), parameters: { ...parameters, path: `${PREFIX}/${String(parameters.path)}` } };
    }
    return copy;
  });
  return { ...workflow, name: 'SupportGate Credits API (add-on contract)', nodes } as WorkflowJson;
}

/** Runs fn and returns the ApiClientError it throws (fails the test if it returns). */
function clientError(fn: () => unknown): ApiClientError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiClientError) return error;
    throw error;
  }
  throw new Error('expected an ApiClientError, the call succeeded');
}

describe('Gmail add-on client ⇄ Credits API workflow in a real n8n', () => {
  const ledgerPath = path.join(readState().ledgerDir, 'addon-contract.sqlite');
  const baseUrl = `${readState().baseUrl}/webhook/${PREFIX}`;
  let store: Ledger;
  let client: ApiClient;
  const urlFetch = createRealUrlFetchApp();
  const clientWithKey = (apiKey: string) => createApiClient(createUrlFetchFetcher(urlFetch), { baseUrl, apiKey });

  /** Independent of the ledger code: the stored balance and the sum of the journal, read with SQL. */
  const sqlBalance = (accountId: string) => {
    const db = new DatabaseSync(ledgerPath, { readOnly: true });
    try {
      const stored = db.prepare('SELECT balance FROM accounts WHERE id = ?').get(accountId) as { balance: number };
      const summed = db.prepare('SELECT COALESCE(SUM(credits), 0) AS total FROM journal WHERE account_id = ?').get(accountId) as {
        total: number;
      };
      return { stored: Number(stored.balance), summed: Number(summed.total) };
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    store = await openLedger({ kind: 'sqlite', path: ledgerPath });
    await store.createProject({ name: 'acme' });
    const api = await n8n();
    const workflow = contractCopy({
      supportGateLedgerApi: await api.createCredential('Ledger (add-on contract)', 'supportGateLedgerApi', {
        store: 'sqlite',
        sqlitePath: ledgerPath,
      }),
      supportGateAddonApi: await api.createCredential('Add-on key (add-on contract)', 'supportGateAddonApi', { apiKey: KEY }),
    });
    const { id, versionId } = await api.createWorkflow(workflow);
    await api.activate(id, versionId);
    // Webhooks register asynchronously after activation.
    for (let i = 0; i < 50 && (await api.webhook(`${PREFIX}/${ENDPOINTS.sender}`, { body: {} })).status === 404; i++)
      await new Promise((r) => setTimeout(r, 100));
    client = clientWithKey(KEY);
  });
  afterAll(async () => store?.close());

  test('a wrong key is the client\'s "unauthorized" kind, with the settings hint', () => {
    const error = clientError(() =>
      clientWithKey('not-the-key-000000000000000').senderCredits({ project: 'acme', sender: 'jane@client.test' }),
    );
    expect(error).toMatchObject({ kind: 'unauthorized', status: 401, code: 'unauthorized' });
    expect(error.message).toMatch(/Settings/);
    expect(urlFetch.calls.at(-1)).toEqual({ url: `${baseUrl}/${ENDPOINTS.sender}`, status: 401 });
  });

  test('authorize, grant twice with one key, revoke: the sidebar data matches the ledger', async () => {
    const auth = client.authorize({ project: 'acme', sender: 'Jane@Client.test', wholeDomain: false, initialCredits: 3 });
    expect(auth).toMatchObject({ balance: 3, created: true });
    expect(client.authorize({ project: 'acme', sender: 'jane@client.test', wholeDomain: false, initialCredits: 3 })).toMatchObject({
      balance: 3,
      created: false,
    });

    const grant = { project: 'acme', sender: 'jane@client.test', credits: 5, note: 'pack of 5', idempotencyKey: `grant-${randomUUID()}` };
    const first = client.grant(grant);
    const again = client.grant(grant);
    expect(first).toMatchObject({ status: 'done', balance: 8, credits: 5 });
    expect(again).toEqual({ ...first, status: 'already_done' });

    const revoked = client.revoke({
      project: 'acme',
      sender: 'jane@client.test',
      credits: 2,
      note: 'goodwill undone',
      idempotencyKey: `revoke-${randomUUID()}`,
    });
    expect(revoked).toMatchObject({ status: 'done', balance: 6, credits: 2 });

    const seen = client.senderCredits({ project: 'acme', sender: 'JANE@client.test' });
    expect(seen).toMatchObject({ authorized: true, account: { id: auth.account.id }, balance: 6 });
    expect(seen.history.map((e) => [e.kind, e.credits, e.balanceAfter])).toEqual([
      ['revoke', -2, 6],
      ['grant', 5, 8],
      ['grant', 3, 3],
    ]);

    const ledgerHistory = await store.history(auth.account.id);
    expect(seen.history.map((e) => e.id)).toEqual(ledgerHistory.entries.map((e) => e.id));
    expect(await store.balance(auth.account.id)).toBe(6);
    expect(sqlBalance(auth.account.id)).toEqual({ stored: 6, summed: 6 });
    expect(await store.checkInvariants()).toEqual([]);

    expect(client.senderCredits({ project: 'acme', sender: 'who@nowhere.test' })).toMatchObject({
      authorized: false,
      account: null,
      balance: 0,
      history: [],
    });
  });

  test('authorizing with no initial credits (the add-on sends 0 when the field is empty) creates a client at 0', async () => {
    const auth = client.authorize({ project: 'acme', sender: 'zoe@zero.test', wholeDomain: true, initialCredits: 0 });
    expect(auth).toMatchObject({ balance: 0, created: true });
    expect(await store.resolveSender('acme', 'someone-else@zero.test')).toMatchObject({ id: auth.account.id });
    expect(client.senderCredits({ project: 'acme', sender: 'zoe@zero.test' })).toMatchObject({ authorized: true, balance: 0, history: [] });
  });

  test('a ticket created in the ledger changes status through the client, recorded with its actor', async () => {
    const { account } = await store.authorizeSender('acme', 'tom@tickets.test', { initialCredits: 1 });
    const { ticket } = await store.createTicket({
      project: 'acme',
      subject: 'Site down <urgent>',
      accountId: account.id,
      sender: 'tom@tickets.test',
      messageId: '<m1@tickets.test>',
    });

    const answer = client.setTicketStatus({ project: 'acme', ticketNumber: ticket.number, status: 'in_progress', note: 'on it' });
    expect(answer.ticket).toEqual({
      id: ticket.id,
      number: ticket.number,
      subject: 'Site down <urgent>',
      status: 'in_progress',
      waived: false,
      createdAt: ticket.createdAt,
    });
    expect((await store.ticketHistory(ticket.id)).at(-1)).toMatchObject({ toStatus: 'in_progress', actor: 'gmail-addon', note: 'on it' });
    expect(client.senderCredits({ project: 'acme', sender: 'tom@tickets.test' }).tickets).toEqual([answer.ticket]);

    const missing = clientError(() => client.setTicketStatus({ project: 'acme', ticketNumber: 99_999, status: 'closed' }));
    expect(missing).toMatchObject({ kind: 'not_found', status: 404, field: 'ticketNumber' });
  });

  test('Waive gives a charged ticket its credit back once, whatever the click, and the sidebar shows it', async () => {
    const { account } = await store.authorizeSender('acme', 'wes@waive.test', { initialCredits: 2 });
    const messageId = '<waive-contract@waive.test>';
    const { ticket } = await store.openRequest({
      project: 'acme',
      accountId: account.id,
      messageId,
      idempotencyKey: `msg:contract:${messageId}`,
      subject: 'Our bug',
      subjectFingerprint: '',
      bodySignature: '',
      actor: 'test',
    });
    const click = { project: 'acme', ticketNumber: ticket!.number, note: 'our bug', idempotencyKey: `waive-${randomUUID()}` };
    const first = client.waive(click);
    expect(first).toMatchObject({ status: 'done', balance: 2, credits: 1, ticket: { id: ticket!.id, waived: true } });
    expect(client.waive(click)).toEqual({ ...first, status: 'already_done' });
    expect(client.waive({ ...click, idempotencyKey: `waive-${randomUUID()}` })).toEqual({ ...first, status: 'already_done' });
    expect(urlFetch.calls.at(-1)).toEqual({ url: `${baseUrl}/${ENDPOINTS.waive}`, status: 200 });

    const seen = client.senderCredits({ project: 'acme', sender: 'wes@waive.test' });
    expect(seen.history[0]).toMatchObject({
      kind: 'waive',
      credits: 1,
      balanceAfter: 2,
      ticketId: ticket!.id,
      actor: 'gmail-addon',
      note: 'our bug',
    });
    expect(seen.tickets).toMatchObject([{ number: ticket!.number, waived: true }]);
    expect(sqlBalance(account.id)).toEqual({ stored: 2, summed: 2 });

    const { ticket: free } = await store.createTicket({ project: 'acme', subject: 'Opened by staff', accountId: account.id });
    const refused = clientError(() => client.waive({ ...click, ticketNumber: free.number }));
    expect(refused).toMatchObject({ kind: 'invalid_request', status: 400, field: 'ticketNumber', code: 'not_charged' });
    expect(await store.checkInvariants()).toEqual([]);
  });

  test('a 400 from the server reaches the UI as invalid_request naming the field', async () => {
    // Both requests are valid for the client's own schema: only the ledger can refuse them.
    client.setTicketStatus({
      project: 'acme',
      ticketNumber: (await store.createTicket({ project: 'acme', subject: 'Done', messageId: '<m2@tickets.test>' })).ticket.number,
      status: 'closed',
    });
    const closed = (await store.findTicketByMessageId('acme', '<m2@tickets.test>'))!;
    const transition = clientError(() => client.setTicketStatus({ project: 'acme', ticketNumber: closed.number, status: 'in_progress' }));
    expect(transition).toMatchObject({ kind: 'invalid_request', status: 400, field: 'status', code: 'invalid_transition' });
    expect(transition.message).toMatch(/closed/);

    await store.authorizeSender('acme', 'ann@one.test');
    await store.authorizeSender('acme', 'bea@two.test');
    const shared = `same-click-${randomUUID()}`;
    client.grant({ project: 'acme', sender: 'ann@one.test', credits: 1, note: '', idempotencyKey: shared });
    const conflict = clientError(() =>
      client.grant({ project: 'acme', sender: 'bea@two.test', credits: 1, note: '', idempotencyKey: shared }),
    );
    expect(conflict).toMatchObject({ kind: 'invalid_request', status: 400, field: 'idempotencyKey', code: 'idempotency_conflict' });
    expect(await store.checkInvariants()).toEqual([]);
  });
});
