import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { openLedger, type Ledger } from '../../core/ledger';
import { n8n, readState, runNode, PACKAGE } from './harness';

// The package is installed from its packed tarball; if n8n cannot load it (wrong path in the
// "n8n" section, a node throwing at load, a library missing from the bundle), these fail.
describe('SupportGate inside a real n8n', () => {
  const state = readState();
  const ledgerPath = path.join(state.ledgerDir, 'ledger-node.sqlite');
  let credential: { id: string; name: string };
  let store: Ledger;

  beforeAll(async () => {
    credential = await (await n8n()).createCredential('Ledger (test)', 'supportGateLedgerApi', { store: 'sqlite', sqlitePath: ledgerPath });
  });
  afterAll(async () => store?.close());

  const ledgerNode = (parameters: Record<string, unknown>, continueOnFail = false) => ({
    type: 'supportGateLedger',
    parameters,
    credentials: { supportGateLedgerApi: credential },
    continueOnFail,
  });

  test('n8n lists our nodes and credentials', () => {
    const nodesJson = path.join(state.userFolder, '.cache/n8n/public/types/nodes.json');
    expect(existsSync(nodesJson)).toBe(true);
    const names = (JSON.parse(readFileSync(nodesJson, 'utf8')) as Array<{ name: string }>).map((n) => n.name);
    expect(names).toContain(`${PACKAGE}.supportGateLedger`);
    const credsJson = path.join(state.userFolder, '.cache/n8n/public/types/credentials.json');
    expect(readFileSync(credsJson, 'utf8')).toContain('"supportGateLedgerApi"');
  });

  test('sets up a project and a client, grants credits and reads the balance back', async () => {
    const created = await runNode(
      ledgerNode({ resource: 'project', operation: 'create', name: 'acme', priceMinor: 8000, currency: 'EUR', settings: '{}' }),
      [{}],
    );
    expect(created.outputs[0][0].json).toMatchObject({ name: 'acme', priceMinor: 8000, currency: 'EUR' });

    await runNode(ledgerNode({ resource: 'recipient', operation: 'add', project: 'acme', address: 'Support+Acme@Agency.test' }), [{}]);
    const authorized = await runNode(
      ledgerNode({
        resource: 'account',
        operation: 'authorizeSender',
        project: 'acme',
        sender: 'jane@client.test',
        wholeDomain: true,
        initialCredits: 2,
      }),
      [{}],
    );
    expect(authorized.outputs[0][0].json).toMatchObject({ balance: 2, domain: 'client.test' });

    // Two items, one key each: both granted; the same keys again move nothing.
    const grant = ledgerNode({
      resource: 'credits',
      operation: 'grant',
      project: 'acme',
      sender: '={{ $json.sender }}',
      credits: 5,
      idempotencyKey: '={{ $json.key }}',
      actor: 'test',
    });
    const items = [
      { sender: 'jane@client.test', key: 'g1' },
      { sender: 'bob@client.test', key: 'g2' },
    ];
    const first = await runNode(grant, items);
    expect(first.outputs[0].map((i) => i.json.status)).toEqual(['done', 'done']);
    const again = await runNode(grant, items);
    expect(again.outputs[0].map((i) => i.json.status)).toEqual(['already_done', 'already_done']);

    const balance = await runNode(ledgerNode({ resource: 'credits', operation: 'balance', project: 'acme', sender: 'JANE@client.test' }), [
      {},
    ]);
    expect(balance.outputs[0][0].json.balance).toBe(12);

    // The test process reads the same SQLite file: the journal agrees with the balance.
    store = await openLedger({ kind: 'sqlite', path: ledgerPath });
    const account = await store.resolveSender('acme', 'jane@client.test');
    expect(await store.balance(account!.id)).toBe(12);
    expect(await store.checkInvariants()).toEqual([]);
    expect((await store.listRecipients('acme')).map((r) => r.address)).toEqual(['support+acme@agency.test']);
  });

  test('bad items fail with errors naming the field; continueOnFail keeps going', async () => {
    await expect(
      runNode(ledgerNode({ resource: 'credits', operation: 'balance', project: 'nope', sender: 'jane@client.test' }), [{}]),
    ).rejects.toThrow(/Unknown project "nope"/);

    const mixed = await runNode(
      ledgerNode(
        {
          resource: 'credits',
          operation: 'grant',
          project: 'acme',
          sender: '={{ $json.sender }}',
          credits: '={{ $json.credits }}',
          idempotencyKey: '={{ $json.key }}',
        },
        true,
      ),
      [
        { sender: 'not-an-address', credits: 1, key: 'bad1' },
        { sender: 'jane@client.test', credits: 0, key: 'bad2' },
        { sender: 'jane@client.test', credits: 1, key: 'ok1' },
      ],
    );
    const [bad1, bad2] = mixed.outputs[1].map((i) => i.json); // Failed
    const [ok] = mixed.outputs[0].map((i) => i.json);
    expect(String(bad1.error)).toMatch(/sender/i);
    expect(bad2.error).toMatch(/credits must be a positive whole number/);
    expect(ok).toMatchObject({ status: 'done', balance: 13 });
  });

  test('waives a charged ticket once, with its actor and note; an uncharged ticket fails naming why', async () => {
    store ??= await openLedger({ kind: 'sqlite', path: ledgerPath });
    const account = (await store.resolveSender('acme', 'jane@client.test'))!;
    const messageId = '<waive-1@client.test>';
    const opened = await store.openRequest({
      project: 'acme',
      accountId: account.id,
      messageId,
      idempotencyKey: `msg:waive:${messageId}`,
      subject: 'Invoice question',
      subjectFingerprint: '',
      bodySignature: '',
      actor: 'test',
    });
    expect(opened.outcome).toBe('debited');
    const before = await store.balance(account.id);

    const waive = ledgerNode({
      resource: 'ticket',
      operation: 'waive',
      project: 'acme',
      ticketNumber: opened.ticket!.number,
      note: 'sales question, charged by mistake',
      actor: 'staff:anna',
    });
    const first = await runNode(waive, [{}]);
    expect(first.outputs[0][0].json).toMatchObject({
      status: 'done',
      credits: 1,
      balance: before + 1,
      ticket: { number: opened.ticket!.number, waived: true },
    });
    const again = await runNode(waive, [{}]);
    expect(again.outputs[0][0].json).toMatchObject({ status: 'already_done', entryId: first.outputs[0][0].json.entryId });
    expect(await store.balance(account.id)).toBe(before + 1);
    const waived = (await store.history(account.id)).entries.filter((e) => e.kind === 'waive');
    expect(waived).toMatchObject([
      { credits: 1, ticketId: opened.ticket!.id, actor: 'staff:anna', note: 'sales question, charged by mistake' },
    ]);

    const { ticket: free } = await store.createTicket({ project: 'acme', subject: 'Opened by staff', accountId: account.id });
    const refused = await runNode(
      ledgerNode({ resource: 'ticket', operation: 'waive', project: 'acme', ticketNumber: free.number }, true),
      [{}],
    );
    expect(refused.outputs[1][0].json.error).toMatch(new RegExp(`ticket ${free.number} was never debited`));
    expect(await store.checkInvariants()).toEqual([]);
  });

  test('Expire Unconfirmed closes a held request past the project expiry, uncharged', async () => {
    store ??= await openLedger({ kind: 'sqlite', path: ledgerPath });
    const p = await store.createProject({ name: 'acme-expiry', settings: { confirmationExpiryHours: 0.0001 } });
    const account = await store.createAccount(p.id, 'Forged Ltd');
    const { ticket } = await store.holdForConfirmation({
      project: p.id,
      accountId: account.id,
      messageId: '<held-1@client.test>',
      subject: 'Reset my password',
      sender: 'boss@client.test',
      actor: 'test',
      confirmationCode: 'ABCD-EFGH-JKMN',
    });
    await new Promise((r) => setTimeout(r, 600));
    const { outputs } = await runNode(ledgerNode({ resource: 'ticket', operation: 'expireUnconfirmed', project: 'acme-expiry' }), [{}]);
    expect(outputs[0].map((i) => [i.json.id, i.json.status])).toEqual([[ticket.id, 'closed']]);
    expect(await store.balance(account.id)).toBe(0);
  });

  test('an unreachable database names the path it tried', async () => {
    const broken = await (
      await n8n()
    ).createCredential('Ledger (broken)', 'supportGateLedgerApi', { store: 'sqlite', sqlitePath: '/nonexistent/dir/ledger.sqlite' });
    await expect(
      runNode(
        {
          type: 'supportGateLedger',
          parameters: { resource: 'project', operation: 'list' },
          credentials: { supportGateLedgerApi: broken },
        },
        [{}],
      ),
    ).rejects.toThrow(/\/nonexistent\/dir/);
  });

  test('a PostgreSQL password never appears in the error', async () => {
    const pg = await (
      await n8n()
    ).createCredential('Ledger (pg down)', 'supportGateLedgerApi', {
      store: 'postgres',
      connectionString: 'postgresql://sg:s3cret-pw@127.0.0.1:1/none',
      ssl: 'disable',
    });
    const err = await runNode(
      { type: 'supportGateLedger', parameters: { resource: 'project', operation: 'list' }, credentials: { supportGateLedgerApi: pg } },
      [{}],
    ).catch((e: Error) => e);
    expect(String((err as Error).message)).toMatch(/127\.0\.0\.1/);
    expect(JSON.stringify(err)).not.toContain('s3cret-pw');
    expect(String((err as Error).message)).not.toContain('s3cret-pw');
  });
});

describe('Intake Journal in a real n8n', () => {
  const ledgerPath = path.join(readState().ledgerDir, 'ledger-node-intake.sqlite');
  let credential: { id: string; name: string };
  let store: Ledger;
  beforeAll(async () => {
    credential = await (
      await n8n()
    ).createCredential('Ledger (intake)', 'supportGateLedgerApi', { store: 'sqlite', sqlitePath: ledgerPath });
    store = await openLedger({ kind: 'sqlite', path: ledgerPath });
  });
  afterAll(async () => store?.close());
  const run = (operation: string) =>
    runNode(
      {
        type: 'supportGateLedger',
        parameters: { resource: 'intake', operation, olderThanMinutes: 1, limit: 10 },
        credentials: { supportGateLedgerApi: credential },
      },
      [{}],
    );

  test('lists the mail no run finished and the replies claimed but never sent, once they are old enough', async () => {
    const { entry } = await store.journalReceived({ mailbox: 'gmail:acme', messageId: '<lost@client.fr>', providerMessageId: '18abc' });
    await store.claimEffect(entry.id, 'reply');
    expect((await run('listUnfinished')).outputs[0]).toEqual([]); // just touched: maybe still at work
    await store.journalDecided(entry.id, { route: 'debited' });
    const old = new Date(Date.now() - 5 * 60_000).toISOString();
    // Backdate, as if the run died five minutes ago.
    const db = new DatabaseSync(ledgerPath);
    db.prepare('UPDATE intake_journal SET updated_at = ?').run(old);
    db.prepare('UPDATE intake_effects SET claimed_at = ?').run(old);
    db.close();
    expect((await run('listUnfinished')).outputs[0].map((i) => i.json)).toEqual([
      expect.objectContaining({ messageId: '<lost@client.fr>', state: 'decided', route: 'debited' }),
    ]);
    expect((await run('listStuck')).outputs[0].map((i) => i.json)).toEqual([
      expect.objectContaining({ entryId: entry.id, effect: 'reply', doneAt: null, mailbox: 'gmail:acme' }),
    ]);
  });
});
