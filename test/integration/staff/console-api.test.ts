// The console's operations of the Credits API on both stores: the same staff operations as the
// Ledger node, money in currency units, and the error contract (401 with no data, 400 naming the
// field, 404, 503).
import { openLedger, type Ledger } from '../../../core/ledger';
import * as c from '../../../core/ledger/console-schemas';
import { ApiError } from '../../../core/ledger/api-schemas';
import { API_KEY_HEADER, CREDITS_API_OPERATIONS, handleCreditsApi } from '../../../core/staff/credits-api';
import { postgresDatabase, sqliteDatabase, type TestDatabase } from '../ledger/helpers';

const KEY = 'k'.repeat(32);

describe.each([
  ['SQLite', () => sqliteDatabase('console-api')],
  ['PostgreSQL', () => postgresDatabase('console_api')],
])('console API on %s', (_store, makeDb) => {
  let db: TestDatabase;
  let store: Ledger;
  beforeAll(async () => {
    db = makeDb();
    store = await openLedger(db.config);
  });
  afterAll(async () => {
    await store.close();
    await db.dispose();
  });

  const call = (operation: string, body: unknown, key = KEY) =>
    handleCreditsApi(store, { operation, headers: { [API_KEY_HEADER]: key }, body, expectedKey: KEY, actor: 'console' });
  const ok = async (operation: string, body: unknown) => {
    const r = await call(operation, body);
    if (r.statusCode !== 200) throw new Error(`${operation}: ${r.statusCode} ${JSON.stringify(r.body)}`);
    return r.body as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  const error = async (operation: string, body: unknown) => {
    const r = await call(operation, body);
    return { status: r.statusCode, ...ApiError.parse(r.body).error };
  };

  test('an empty ledger is the first run; one projectCreate in currency units makes a project ready for mail', async () => {
    expect(c.OverviewResponse.parse(await ok('overview', {}))).toEqual({ projects: [] });
    const { project } = c.ProjectResponse.parse(
      await ok('projectCreate', {
        name: 'Acme support',
        supportAddresses: ['support@agency.fr', 'support+acme@agency.fr'],
        price: '80',
        packs: [{ credits: 5, price: '350,50' }],
      }),
    );
    expect(project).toMatchObject({
      name: 'Acme support',
      currency: 'EUR',
      priceMinor: 8000,
      price: '80,00 €',
      defaultLanguage: 'fr',
      recipients: ['support+acme@agency.fr', 'support@agency.fr'],
      packs: [{ credits: 5, priceMinor: 35050, price: '350,50 €' }],
      successUrl: 'https://agency.fr/',
      cancelUrl: 'https://agency.fr/',
      ticketTagFormat: '[SG-{{number}}]',
      senderAuthentication: 'require',
    });
    expect((await store.resolveRecipient('support+acme@agency.fr'))?.projectId).toBe(project.id);
    const { projects } = c.OverviewResponse.parse(await ok('overview', {}));
    expect(projects).toEqual([expect.objectContaining({ id: project.id, clients: 0, openTickets: 0 })]);
    // JPY has no decimals: 8000 is ¥8,000.
    const jpy = c.ProjectResponse.parse(
      await ok('projectCreate', {
        name: 'Tokyo',
        supportAddresses: ['help@tokyo.jp'],
        price: 8000,
        currency: 'jpy',
        defaultLanguage: 'en',
      }),
    );
    expect(jpy.project).toMatchObject({ currency: 'JPY', priceMinor: 8000, price: '¥8,000' });
  });

  test('the first-run form is refused field by field, saying what to write, and a refused form creates nothing', async () => {
    expect(await error('projectCreate', { name: 'X', supportAddresses: ['support@x.fr'], price: 'eighty' })).toMatchObject({
      status: 400,
      code: 'invalid_argument',
      field: 'price',
      message: 'price: write an amount in EUR such as 80 or 80.50.',
    });
    expect(await error('projectCreate', { name: 'X', supportAddresses: ['support@x.fr'], price: '80.5', currency: 'JPY' })).toMatchObject({
      field: 'price',
      message: expect.stringContaining('such as 8000'),
    });
    const many = await call('projectCreate', { supportAddresses: ['not-an-address'], price: '80', ticketTagFormat: '[SG]' });
    expect(many.statusCode).toBe(400);
    const issues = (many.body.error as { issues: Array<{ field: string; message: string }> }).issues;
    expect(issues.map((i) => i.field)).toEqual(['name', 'supportAddresses.0', 'ticketTagFormat']);
    expect(issues[1].message).toContain('support+acme@agency.fr reaches the same mailbox and can be tied to one client');
    expect(issues[2].message).toContain('{{number}}');
    expect(
      await error('projectCreate', { name: 'X', supportAddresses: ['support@x.fr'], price: 80, packs: [{ credits: 5, price: '-3' }] }),
    ).toMatchObject({
      field: 'packs.0.price',
    });
    // An address another project owns: refused by name, and no project "Stolen" left behind.
    expect(await error('projectCreate', { name: 'Stolen', supportAddresses: ['new@x.fr', 'support@agency.fr'], price: 80 })).toMatchObject({
      status: 400,
      code: 'duplicate',
      field: 'supportAddresses.1',
    });
    expect(await store.getProject('Stolen')).toBeNull();
    expect(await store.resolveRecipient('new@x.fr')).toBeNull();
    // The same form again (a retry after a lost answer) answers with the project it made; the same
    // name with other values is refused; never a second project.
    const again = c.ProjectResponse.parse(
      await ok('projectCreate', {
        name: 'Acme support',
        supportAddresses: ['support+acme@agency.fr', 'SUPPORT@agency.fr'],
        price: 80,
        packs: [{ credits: 5, price: '350,50' }],
      }),
    );
    expect(again.project).toMatchObject({ name: 'Acme support', priceMinor: 8000 });
    expect(await error('projectCreate', { name: 'Acme support', supportAddresses: ['other@agency.fr'], price: 80 })).toMatchObject({
      code: 'duplicate',
      field: 'name',
    });
    expect((await store.listProjects()).filter((p) => p.name === 'Acme support')).toHaveLength(1);
  });

  test('projectUpdate changes only what it is given; recipients are added and removed, never the last one', async () => {
    const { project } = c.ProjectResponse.parse(
      await ok('projectUpdate', { projectId: 'Acme support', price: '95.50', senderAuthentication: 'flag', defaultLanguage: 'en' }),
    );
    expect(project).toMatchObject({ priceMinor: 9550, price: '€95.50', senderAuthentication: 'flag', successUrl: 'https://agency.fr/' });
    expect(project.packs).toEqual([{ credits: 5, priceMinor: 35050, price: '€350.50' }]);
    // Changing the currency asks for the amounts in the new one.
    expect(await error('projectUpdate', { projectId: project.id, currency: 'USD' })).toMatchObject({ field: 'packs' });
    expect(await error('projectUpdate', { projectId: project.id, currency: 'USD', packs: [] })).toMatchObject({ field: 'price' });
    expect(await error('projectUpdate', { projectId: 'nope' })).toMatchObject({ status: 404, code: 'unknown_project', field: 'project' });
    expect(c.RecipientsResponse.parse(await ok('recipientAdd', { projectId: project.id, address: 'Help@Agency.fr' })).recipients).toContain(
      'help@agency.fr',
    );
    const after = c.RecipientsResponse.parse(await ok('recipientRemove', { projectId: project.id, address: 'support@agency.fr' }));
    expect(after.recipients).toEqual(['help@agency.fr', 'support+acme@agency.fr']);
    await ok('recipientRemove', { projectId: project.id, address: 'help@agency.fr' });
    expect(await error('recipientRemove', { projectId: project.id, address: 'support+acme@agency.fr' })).toMatchObject({
      field: 'address',
    });
    const back = c.ProjectResponse.parse(
      await ok('projectUpdate', { projectId: project.id, supportAddresses: ['support@agency.fr', 'support+acme@agency.fr'] }),
    );
    expect(back.project.recipients).toEqual(['support+acme@agency.fr', 'support@agency.fr']);
  });

  test('clients: authorize a sender or a whole domain with initial credits, search, remove, authorize again without a second grant', async () => {
    await ok('authorize', { project: 'Acme support', sender: 'jane@client.fr', initialCredits: 2 });
    const dom = await ok('authorizeDomain', {
      projectId: 'Acme support',
      domain: 'bigcorp.com',
      accountName: 'BigCorp',
      initialCredits: 5,
    });
    expect(dom).toMatchObject({ account: { name: 'BigCorp' }, balance: 5, created: true });
    expect(await ok('authorizeDomain', { projectId: 'Acme support', domain: 'BIGCORP.com', initialCredits: 5 })).toMatchObject({
      balance: 5,
      created: false,
    });
    const { clients } = c.ClientsResponse.parse(await ok('clients', { projectId: 'Acme support' }));
    expect(clients.map((x) => [x.name, x.balance, x.senders, x.domains])).toEqual(
      expect.arrayContaining([
        ['jane@client.fr', 2, ['jane@client.fr'], []],
        ['BigCorp', 5, [], ['bigcorp.com']],
      ]),
    );
    expect(clients.every((x) => typeof x.lastActivityAt === 'string')).toBe(true);
    // A domain-only client is named by an address of its domain where the API takes a sender.
    const bigcorp = clients.find((x) => x.name === 'BigCorp')!;
    expect(bigcorp.ref).toBe('postmaster@bigcorp.com');
    expect(await ok('grant', { project: 'Acme support', sender: bigcorp.ref, credits: 1, idempotencyKey: 'console-1' })).toMatchObject({
      balance: 6,
    });
    await ok('revoke', { project: 'Acme support', sender: bigcorp.ref, credits: 1, idempotencyKey: 'console-2' });
    expect(
      c.ClientsResponse.parse(await ok('clients', { projectId: 'Acme support', search: 'BIGCORP' })).clients.map((x) => x.name),
    ).toEqual(['BigCorp']);

    expect(await ok('senderRemove', { projectId: 'Acme support', address: 'jane@client.fr' })).toEqual({ removed: true });
    expect(await ok('senderRemove', { projectId: 'Acme support', address: 'jane@client.fr' })).toEqual({ removed: false });
    expect(await ok('sender', { project: 'Acme support', sender: 'jane@client.fr' })).toMatchObject({ authorized: false });
    expect(await ok('authorize', { project: 'Acme support', sender: 'jane@client.fr', initialCredits: 2 })).toMatchObject({ balance: 2 });

    expect(await ok('domainRemove', { projectId: 'Acme support', domain: 'bigcorp.com' })).toEqual({ removed: true });
    expect(await ok('sender', { project: 'Acme support', sender: 'ceo@bigcorp.com' })).toMatchObject({ authorized: false });
    expect(await ok('authorizeDomain', { projectId: 'Acme support', domain: 'bigcorp.com', initialCredits: 5 })).toMatchObject({
      account: { id: dom.account.id },
      balance: 5,
      created: true,
    });
    expect(await store.checkInvariants()).toEqual([]);
    expect(await error('authorizeDomain', { projectId: 'Acme support', domain: 'not a domain' })).toMatchObject({
      status: 400,
      field: 'domain',
    });
    expect(await error('senderRemove', { projectId: 'Acme support', address: 'nope' })).toMatchObject({ status: 400, field: 'address' });
    expect(await error('clients', { projectId: 'nope' })).toMatchObject({ status: 404, code: 'unknown_project' });
  });

  test('tickets by status with tag and client, payments with their state, the journal as JSON and CSV', async () => {
    const project = (await store.getProject('Acme support'))!;
    const jane = (await store.resolveSender(project.id, 'jane@client.fr'))!;
    const opened = await store.openRequest({
      project: project.id,
      accountId: jane.id,
      messageId: '<m1@client.fr>',
      idempotencyKey: `msg:${project.id}:<m1@client.fr>`,
      subject: 'Site <script>alert(1)</script> down',
      sender: 'jane@client.fr',
      category: 'bug',
      urgency: 'high',
      summary: 'The site is down',
      subjectFingerprint: '',
      bodySignature: '',
      actor: 'supportgate',
    });
    const tickets = c.TicketsResponse.parse(await ok('tickets', { projectId: project.id })).tickets;
    expect(tickets).toEqual([
      expect.objectContaining({
        number: opened.ticket!.number,
        tag: `[SG-${opened.ticket!.number}]`,
        subject: 'Site <script>alert(1)</script> down',
        status: 'new',
        category: 'bug',
        summary: 'The site is down',
        accountName: 'jane@client.fr',
        sender: 'jane@client.fr',
      }),
    ]);
    expect((await ok('tickets', { projectId: project.id, status: 'resolved' })).tickets).toEqual([]);
    expect(await error('tickets', { projectId: project.id, status: 'open' })).toMatchObject({ status: 400, field: 'status' });
    await ok('ticketStatus', { project: project.id, ticketNumber: opened.ticket!.number, status: 'resolved' });
    expect((await ok('tickets', { projectId: project.id, status: 'resolved' })).tickets).toHaveLength(1);

    await store.createPaymentRequest({
      accountId: jane.id,
      stripeSessionId: `cs_old_${_store}`,
      url: 'https://checkout.stripe.com/c/pay/cs_old',
      credits: 5,
      amountMinor: 35050,
      currency: 'eur',
      expiresAt: new Date(Date.now() - 1000),
    });
    const payments = c.PaymentsResponse.parse(await ok('payments', { projectId: project.id, accountId: jane.id })).payments;
    expect(payments).toEqual([
      expect.objectContaining({ status: 'expired', credits: 5, amountMinor: 35050, price: '€350.50', currency: 'EUR' }),
    ]);

    const { entries } = (await ok('journal', { accountId: jane.id })) as { entries: c.ConsoleJournalEntry[] };
    expect(entries.map((e) => e.kind)).toEqual(['grant', 'debit']);
    expect(entries.reduce((sum, e) => sum + e.credits, 0)).toBe(await store.balance(jane.id));
    const { csv } = (await ok('journal', { accountId: jane.id, format: 'csv' })) as { csv: string };
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('seq,createdAt,kind,credits,balanceAfter,ticketId,actor,note,id');
    expect(lines[1]).toMatch(/^1,[^,]+,grant,2,2,,console,initial credits,/);
    expect(lines[2]).toMatch(/^2,[^,]+,debit,-1,1,/);
    expect(await error('journal', { accountId: 'nope' })).toMatchObject({ status: 404, code: 'unknown_account', field: 'accountId' });
  });

  test('health: the ledger invariant and the intake backlog', async () => {
    const r = c.HealthResponse.parse(await ok('health', {}));
    expect(r.ledger).toEqual({ ok: true, violations: [] });
    expect(r.intake).toMatchObject({ unfinished: 0, stuckEffects: 0, oldestUnfinishedAt: null });
  });

  test('templates: built-in text, a preview with sample values, a save that refuses unknown variables', async () => {
    const list = c.TemplatesResponse.parse(await ok('templates', { projectId: 'Acme support', language: 'fr' }));
    expect(list.variables).toContain('payment_url');
    const request = list.templates.find((t) => t.name === 'payment_request')!;
    expect(request).toMatchObject({ custom: false, subject: 'Re: [SG-42] Site en panne' });
    expect(request.body).toContain('{{payment_url}}');
    const preview = c.TemplatePreviewResponse.parse(
      await ok('templatePreview', {
        projectId: 'Acme support',
        language: 'fr',
        name: 'payment_request',
        body: 'Payez {{price}} ici : {{payment_url}} {{oops}}',
      }),
    );
    expect(preview.body).toBe('Payez 95,50 € ici : https://checkout.stripe.com/c/pay/cs_test_example {{oops}}');
    expect(preview.unknownVariables).toEqual(['oops']);
    expect(
      await error('templateSave', { projectId: 'Acme support', language: 'fr', name: 'payment_request', body: 'Hi {{prix}}' }),
    ).toMatchObject({
      status: 400,
      field: 'body',
      message: expect.stringContaining('{{prix}} is not a template variable'),
    });
    expect(await error('templateSave', { projectId: 'Acme support', language: 'fr', name: 'nope', body: 'x' })).toMatchObject({
      status: 404,
      field: 'name',
    });
    const saved = c.TemplateSaveResponse.parse(
      await ok('templateSave', {
        projectId: 'Acme support',
        language: 'fr',
        name: 'payment_request',
        body: 'Payez {{price}} : {{payment_url}}',
      }),
    );
    expect(saved.template).toMatchObject({ custom: true, body: 'Payez {{price}} : {{payment_url}}' });
    const again = c.TemplatesResponse.parse(await ok('templates', { projectId: 'Acme support', language: 'fr' }));
    expect(again.templates.find((t) => t.name === 'payment_request')).toMatchObject({
      custom: true,
      body: 'Payez {{price}} : {{payment_url}}',
    });
    // Other settings survive a template save.
    expect((await store.getProject('Acme support'))!.settings).toMatchObject({ senderAuthentication: 'flag', defaultLanguage: 'en' });
  });

  test('a stored setting the mail path refuses is a 400 naming the setting, not a failed call', async () => {
    const p = await store.createProject({ name: 'Broken tag', settings: { ticketTagFormat: '[SG]' } });
    expect(await error('tickets', { projectId: p.id })).toMatchObject({ status: 400, field: 'ticketTagFormat' });
  });

  test('the error contract: 401 with no data for every operation, 400 naming operation for an unknown one', async () => {
    for (const operation of CREDITS_API_OPERATIONS) {
      const r = await call(operation, { projectId: 'Acme support' }, 'wrong');
      expect(r.statusCode).toBe(401);
      expect(JSON.stringify(r.body)).not.toMatch(/Acme|agency/);
    }
    expect(await error('nope', {})).toMatchObject({ status: 400, field: 'operation' });
    expect(await error('constructor', {})).toMatchObject({ status: 400, field: 'operation' });
  });
});

test('a ledger database that fails answers 503 on a console operation, with no data', async () => {
  const db = postgresDatabase('console_503');
  const store = await openLedger(db.config);
  try {
    await db.dispose(); // the schema and its tables are gone under the open ledger
    const r = await handleCreditsApi(store, { operation: 'overview', headers: { [API_KEY_HEADER]: KEY }, body: {}, expectedKey: KEY });
    expect(r.statusCode).toBe(503);
    expect(ApiError.parse(r.body).error.code).toMatch(/^database_/);
  } finally {
    await store.close();
  }
});
