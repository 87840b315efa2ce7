// The Ledger node's operations behind the console's (one core implementation): Project Create with
// a price in currency units and its support addresses, Remove Sender / Remove Domain, tickets of a
// project by status, and a client's journal exported as a CSV file.
import path from 'node:path';
import { openLedger, type Ledger } from '../../core/ledger';
import { n8n, PACKAGE, readState, runNode, type WorkflowJson } from './harness';

describe('Ledger node: console operations in a real n8n', () => {
  const ledgerPath = path.join(readState().ledgerDir, 'ledger-node-console.sqlite');
  let credential: { id: string; name: string };
  let store: Ledger;
  beforeAll(async () => {
    credential = await (
      await n8n()
    ).createCredential('Ledger (console ops)', 'supportGateLedgerApi', { store: 'sqlite', sqlitePath: ledgerPath });
    store = await openLedger({ kind: 'sqlite', path: ledgerPath });
  });
  afterAll(async () => store?.close());

  const ledgerNode = (parameters: Record<string, unknown>, continueOnFail = false) => ({
    type: 'supportGateLedger',
    parameters,
    credentials: { supportGateLedgerApi: credential },
    continueOnFail,
  });

  test('Project Create takes the price in currency units and the support addresses; a bad price names the field and the fix', async () => {
    const created = await runNode(
      ledgerNode({
        resource: 'project',
        operation: 'create',
        name: 'tokyo',
        price: '8000',
        priceMinor: 1,
        currency: 'JPY',
        supportAddresses: 'help@tokyo.test, help+vip@tokyo.test',
        settings: '{}',
      }),
      [{}],
    );
    expect(created.outputs[0][0].json).toMatchObject({ name: 'tokyo', priceMinor: 8000, currency: 'JPY' });
    expect((await store.listRecipients('tokyo')).map((r) => r.address)).toEqual(['help+vip@tokyo.test', 'help@tokyo.test']);
    const updated = await runNode(
      ledgerNode({ resource: 'project', operation: 'update', project: 'tokyo', price: '9 500', currency: '', settings: '{}' }),
      [{}],
    );
    expect(updated.outputs[0][0].json).toMatchObject({ priceMinor: 9500, currency: 'JPY' });
    const bad = await runNode(
      ledgerNode({ resource: 'project', operation: 'create', name: 'eu', price: '80.505', currency: 'EUR', settings: '{}' }, true),
      [{}],
    );
    expect(bad.outputs[1][0].json.error).toBe('price: write an amount in EUR such as 80 or 80.50.');
    expect(await store.getProject('eu')).toBeNull();
  });

  test('Remove Sender and Remove Domain: no longer recognised, the journal kept', async () => {
    const { account } = await store.authorizeSender('tokyo', 'ken@client.test', { initialCredits: 2 });
    await store.authorizeDomain('tokyo', account.id, 'client.test');
    const removed = await runNode(
      ledgerNode({ resource: 'account', operation: 'removeSender', project: 'tokyo', sender: 'KEN@client.test' }),
      [{}],
    );
    expect(removed.outputs[0][0].json).toMatchObject({ removed: true });
    expect((await store.resolveSender('tokyo', 'ken@client.test'))?.id).toBe(account.id); // still by its domain
    const domain = await runNode(ledgerNode({ resource: 'account', operation: 'removeDomain', project: 'tokyo', domain: 'client.test' }), [
      {},
    ]);
    expect(domain.outputs[0][0].json).toMatchObject({ removed: true, domain: 'client.test' });
    expect(await store.resolveSender('tokyo', 'ken@client.test')).toBeNull();
    expect(await store.balance(account.id)).toBe(2);
    const bad = await runNode(
      ledgerNode({ resource: 'account', operation: 'removeDomain', project: 'tokyo', domain: 'not a domain' }, true),
      [{}],
    );
    expect(bad.outputs[1][0].json.error).toMatch(/not a valid domain/);
  });

  test('Get Many by Project filters by status; Export Journal writes the CSV file', async () => {
    const { account } = await store.authorizeSender('tokyo', 'yui@other.test', { initialCredits: 3 });
    const a = await store.createTicket({ project: 'tokyo', subject: 'Login fails', accountId: account.id, sender: 'yui@other.test' });
    await store.createTicket({ project: 'tokyo', subject: 'Invoice', accountId: account.id, status: 'waiting_payment' });
    await store.setTicketStatus(a.ticket.id, 'resolved', 'staff');
    const resolved = await runNode(
      ledgerNode({ resource: 'ticket', operation: 'listByProject', project: 'tokyo', status: 'resolved', limit: 10 }),
      [{}],
    );
    expect(resolved.outputs[0].map((i) => [i.json.subject, i.json.tag, i.json.accountName])).toEqual([
      ['Login fails', `[SG-${a.ticket.number}]`, 'yui@other.test'],
    ]);
    const all = await runNode(ledgerNode({ resource: 'ticket', operation: 'listByProject', project: 'tokyo', status: '', limit: 10 }), [
      {},
    ]);
    expect(all.outputs[0].map((i) => i.json.subject)).toEqual(['Invoice', 'Login fails']);

    await store.grant(account.id, 5, 'pack-1', 'staff:anna', '=HYPERLINK("x")');
    // Export Journal → Respond to Webhook with the binary: the CSV as a client would download it.
    const api = await n8n();
    const hook = `sg-journal-${Date.now()}`;
    const { id, versionId } = await api.createWorkflow({
      name: `journal export ${hook}`,
      nodes: [
        {
          id: 'b0a50000-0000-4000-8000-000000000001',
          name: 'Webhook',
          type: 'n8n-nodes-base.webhook',
          typeVersion: 2.1,
          position: [0, 0],
          webhookId: 'b0a50000-0000-4000-8000-00000000000a',
          parameters: { httpMethod: 'POST', path: hook, responseMode: 'responseNode', options: {} },
        },
        {
          id: 'b0a50000-0000-4000-8000-000000000002',
          name: 'Export',
          type: `${PACKAGE}.supportGateLedger`,
          typeVersion: 1,
          position: [200, 0],
          parameters: {
            resource: 'credits',
            operation: 'exportJournal',
            project: 'tokyo',
            sender: 'yui@other.test',
            binaryPropertyName: 'csv',
          },
          credentials: { supportGateLedgerApi: credential },
        },
        {
          id: 'b0a50000-0000-4000-8000-000000000003',
          name: 'Respond',
          type: 'n8n-nodes-base.respondToWebhook',
          typeVersion: 1.4,
          position: [400, 0],
          parameters: { respondWith: 'binary', inputDataFieldName: 'csv', options: {} },
        },
      ],
      connections: {
        Webhook: { main: [[{ node: 'Export', type: 'main', index: 0 }]] },
        Export: { main: [[{ node: 'Respond', type: 'main', index: 0 }]] },
      },
      settings: { executionOrder: 'v1' },
    } as unknown as WorkflowJson);
    await api.activate(id, versionId);
    try {
      let res = await api.webhook(hook, { body: {} });
      for (let n = 0; res.status === 404 && n < 50; n++) {
        await new Promise((r) => setTimeout(r, 100));
        res = await api.webhook(hook, { body: {} });
      }
      expect(res.status).toBe(200);
      const lines = res.text.split('\r\n');
      expect(lines[0]).toBe('seq,createdAt,kind,credits,balanceAfter,ticketId,actor,note,id');
      expect(lines[1]).toMatch(/^1,[^,]+,grant,3,3,,system,initial credits,/);
      // A note a spreadsheet would run as a formula is written as text.
      expect(lines[2]).toContain(`"'=HYPERLINK(""x"")"`);
    } finally {
      await api.deleteWorkflow(id);
    }
  });
});
