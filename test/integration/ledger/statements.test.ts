// Issue 15, statements: every figure of a statement reconciles with the journal, on both stores.
import { randomUUID } from 'node:crypto';
import { openLedger, type Ledger } from '../../../core/ledger';
import { accountStatement, accountsForStatements, statementCsv, statementMail, StatementMismatchError } from '../../../core/staff';
import { parseCsv } from '../../support/csv';
import { postgresDatabase, sqliteDatabase, type TestDatabase } from './helpers';

const NOV = { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' };
// Only Date is faked: the drivers' timers run for real.
const at = (iso: string) => jest.setSystemTime(new Date(iso));

describe.each([
  ['SQLite', () => sqliteDatabase('statements')],
  ['PostgreSQL', () => postgresDatabase('statements')],
] as const)('statements on %s', (_name, makeDb) => {
  let db: TestDatabase;
  let ledger: Ledger;
  let n = 0;
  const uniq = (p: string) => `${p}-${++n}-${randomUUID().slice(0, 6)}`;

  beforeAll(async () => {
    db = makeDb();
    ledger = await openLedger(db.config);
  });
  afterAll(async () => {
    jest.useRealTimers();
    await ledger?.close();
    await db?.dispose();
  });
  beforeEach(() =>
    jest.useFakeTimers({
      doNotFake: [
        'nextTick',
        'setImmediate',
        'clearImmediate',
        'setTimeout',
        'clearTimeout',
        'setInterval',
        'clearInterval',
        'queueMicrotask',
        'hrtime',
        'performance',
      ],
    }),
  );
  afterEach(() => jest.useRealTimers());

  /** Appends a journal row the way a store does (seq, balance, cached balance), for kinds this version has no operation for. */
  async function appendRaw(accountId: string, kind: string, credits: number, createdAt: string) {
    const [acc] = await db.raw(`SELECT project_id, balance, entries FROM accounts WHERE id = '${accountId}'`);
    const seq = Number(acc!.entries) + 1;
    const after = Number(acc!.balance) + credits;
    await db.raw(
      `INSERT INTO journal (id, project_id, account_id, seq, kind, credits, balance_after, idempotency_key, actor, created_at)
       VALUES ('${randomUUID()}', '${acc!.project_id}', '${accountId}', ${seq}, '${kind}', ${credits}, ${after}, '${kind}:${randomUUID()}', 'test', '${createdAt}')`,
    );
    await db.raw(`UPDATE accounts SET balance = ${after}, entries = ${seq} WHERE id = '${accountId}'`);
  }

  async function request(projectId: string, accountId: string, subject: string) {
    const messageId = `<${uniq('m')}@client.fr>`;
    const r = await ledger.openRequest({
      project: projectId,
      accountId,
      messageId,
      idempotencyKey: `msg:${projectId}:${messageId}`,
      subject,
      subjectFingerprint: '',
      bodySignature: '',
      actor: 'supportgate',
    });
    expect(r.outcome).toBe('debited');
    return r.ticket!;
  }

  /** A November with every kind, an entry at exactly `from` and one at exactly `to`. */
  async function november() {
    at('2026-10-20T09:00:00.000Z');
    const project = await ledger.createProject({ name: uniq('stmt'), priceMinor: 8000, currency: 'EUR' });
    const { account } = await ledger.authorizeSender(project.id, 'anna@client.fr', { initialCredits: 2, actor: 'staff' });
    at(NOV.from);
    await ledger.grant(account.id, 1, uniq('g'), 'staff', 'welcome back');
    at('2026-11-03T10:00:00.000Z');
    const session = `cs_test_${uniq('s')}`;
    await ledger.createPaymentRequest({
      accountId: account.id,
      stripeSessionId: session,
      url: 'https://checkout.test/x',
      credits: 10,
      amountMinor: 80000,
      currency: 'eur',
      expiresAt: '2026-11-04T10:00:00.000Z',
    });
    await ledger.markPaymentPaid(session, 'stripe');
    at('2026-11-05T11:00:00.000Z');
    const t1 = await request(project.id, account.id, 'Site <down>, "again" & =cmd');
    at('2026-11-06T12:00:00.000Z');
    const t2 = await request(project.id, account.id, 'Sales question');
    await ledger.waiveTicket(t2.id, 'staff', 'not chargeable');
    at('2026-11-10T08:00:00.000Z');
    await ledger.revoke(account.id, 2, uniq('r'), 'staff', 'goodwill reversed');
    at('2026-11-12T08:00:00.000Z');
    await ledger.markPaymentRefunded(session, 'stripe');
    await appendRaw(account.id, 'grant', 3, '2026-11-20T08:00:00.000Z');
    await appendRaw(account.id, 'expire', -1, '2026-11-30T23:59:59.999Z');
    at(NOV.to);
    await ledger.grant(account.id, 4, uniq('g'), 'staff', 'December');
    at('2026-12-02T08:00:00.000Z');
    await request(project.id, account.id, 'December request');
    return { project, account, session, t1, t2 };
  }

  test('every figure reconciles with the journal, summed both ways', async () => {
    const { project, account, session, t1 } = await november();
    // Default period: the previous calendar month (now is 2 December).
    const s = await accountStatement(ledger, { project: project.name, sender: 'ANNA@client.fr', now: new Date('2026-12-02T08:00:00Z') });
    expect(s.period).toEqual({ ...NOV, month: '2026-11', timeZone: 'UTC' });

    const sums = async (where: string) =>
      (
        await db.raw(
          `SELECT kind, COUNT(*) AS n, SUM(credits) AS c FROM journal WHERE account_id = '${account.id}' AND ${where} GROUP BY kind`,
        )
      ).map((r) => ({ kind: String(r.kind), n: Number(r.n), c: Number(r.c) }));
    const total = (rows: Array<{ c: number }>) => rows.reduce((a, r) => a + r.c, 0);
    const before = await sums(`created_at < '${NOV.from}'`);
    const inside = await sums(`created_at >= '${NOV.from}' AND created_at < '${NOV.to}'`);
    expect(s.openingBalance).toBe(total(before));
    expect(s.openingBalance).toBe(2);
    expect(s.closingBalance).toBe(total(before) + total(inside));
    // Journal → statement: every kind's count and sum is the statement's total for its group…
    const group: Record<string, string> = {
      grant: 'grants',
      purchase: 'purchases',
      debit: 'debits',
      waive: 'waives',
      refund: 'refunds',
      revoke: 'revokes',
      expire: 'expiries',
    };
    for (const k of inside)
      expect({ kind: k.kind, ...s.totals[group[k.kind] as keyof typeof s.totals] }).toEqual({ kind: k.kind, count: k.n, credits: k.c });
    // … and statement → journal: every group that moved is a kind of the journal, nothing else.
    const moved = Object.entries(s.totals)
      .filter(([, t]) => t.count > 0)
      .map(([g]) => g)
      .sort();
    expect(moved).toEqual(inside.map((k) => group[k.kind]).sort());
    expect(moved).toEqual(['debits', 'expiries', 'grants', 'purchases', 'refunds', 'revokes', 'waives']);
    expect(s.lines.reduce((a, l) => a + l.credits, 0)).toBe(s.closingBalance - s.openingBalance);
    expect(s.closingBalance - s.openingBalance).toBe(total(inside));

    // Boundaries: the grant at exactly `from` is in, the one at exactly `to` is not.
    expect(s.lines[0]).toMatchObject({ date: NOV.from, kind: 'grant', credits: 1, note: 'welcome back' });
    expect(s.lines.at(-1)).toMatchObject({ date: '2026-11-30T23:59:59.999Z', kind: 'expire', group: 'expiries', credits: -1 });
    expect(s.lines.some((l) => l.date >= NOV.to)).toBe(false);

    const purchase = s.lines.find((l) => l.kind === 'purchase')!;
    expect(purchase).toMatchObject({
      credits: 10,
      purchase: { credits: 10, amountMinor: 80000, currency: 'EUR', stripeSessionId: session },
    });
    const debit = s.lines.find((l) => l.kind === 'debit')!;
    expect(debit).toMatchObject({
      credits: -1,
      date: '2026-11-05T11:00:00.000Z',
      ticket: { number: t1.number, tag: `[SG-${t1.number}]`, subject: 'Site <down>, "again" & =cmd' },
    });
    expect(s.purchasedAmounts).toEqual([{ currency: 'EUR', amountMinor: 80000 }]);
    expect(s.upcomingExpiries).toEqual([]);
    expect(s.sendTo).toBe('anna@client.fr');
    expect(await ledger.checkInvariants()).toEqual([]);

    // The same period by from/to, and by month, is the same statement.
    expect(await accountStatement(ledger, { project: project.id, accountId: account.id, ...NOV })).toEqual({
      ...s,
      period: { ...s.period, month: null },
    });
    expect(await accountStatement(ledger, { project: project.id, accountId: account.id, month: '2026-11', pageSize: 2 })).toEqual(s);

    // CSV parse-back: header, opening, one row per movement, closing; quoted subject intact, formula defused.
    const rows = parseCsv(statementCsv(s));
    expect(rows[0]).toEqual([
      'date',
      'kind',
      'credits',
      'balance_after',
      'ticket',
      'subject',
      'purchased_credits',
      'amount',
      'currency',
      'stripe_session',
      'note',
    ]);
    expect(rows).toHaveLength(s.lines.length + 3);
    expect(rows[1]!.slice(0, 4)).toEqual([NOV.from, 'opening', '', String(s.openingBalance)]);
    expect(rows.at(-1)!.slice(0, 4)).toEqual([NOV.to, 'closing', String(s.closingBalance - s.openingBalance), String(s.closingBalance)]);
    const movements = rows.slice(2, -1);
    expect(movements.reduce((a, r) => a + Number(r[2]), 0)).toBe(s.closingBalance - s.openingBalance);
    expect(movements.find((r) => r[1] === 'purchase')!.slice(6, 10)).toEqual(['10', '800.00', 'EUR', session]);
    expect(movements.find((r) => r[1] === 'debit')!.slice(4, 6)).toEqual([`[SG-${t1.number}]`, 'Site <down>, "again" & =cmd']);
  });

  test('a subject purged by data retention leaves the tag; the mail escapes subjects in HTML', async () => {
    const { project, account, t1 } = await november();
    const s = await accountStatement(ledger, { project: project.id, accountId: account.id, month: '2026-11' });
    const en = statementMail(s, project, 'en');
    expect(en.subject).toBe(`${project.name} support statement: November 2026`);
    expect(en.text).toContain('Opening balance: 2 credits');
    expect(en.text).toContain(`[SG-${t1.number}] Site <down>, "again" & =cmd`);
    expect(en.html).toContain(`[SG-${t1.number}] Site &lt;down&gt;, &quot;again&quot; &amp; =cmd`);
    expect(en.html).not.toContain('<down>');
    const fr = statementMail(s, project, 'fr');
    expect(fr.subject).toBe(`Relevé du support ${project.name} : novembre 2026`);
    expect(fr.text).toContain("Solde d'ouverture : 2 crédits");

    await db.raw(`UPDATE tickets SET subject = '' WHERE id = '${t1.id}'`);
    const purged = await accountStatement(ledger, { project: project.id, accountId: account.id, month: '2026-11' });
    expect(purged.lines.find((l) => l.ticket?.number === t1.number)!.ticket).toEqual({
      number: t1.number,
      tag: `[SG-${t1.number}]`,
      subject: '',
    });
    expect(statementMail(purged, project, 'en').text).toMatch(new RegExp(`\\[SG-${t1.number}\\]\\n`));
    expect(parseCsv(statementCsv(purged)).find((r) => r[4] === `[SG-${t1.number}]`)![5]).toBe('');
  });

  test('an empty period carries the balance over; accounts without movements get none', async () => {
    const { project, account } = await november();
    at('2026-12-05T00:00:00.000Z');
    const idle = (await ledger.authorizeSender(project.id, 'idle@other.fr', { initialCredits: 1 })).account;
    const s = await accountStatement(ledger, { project: project.id, accountId: account.id, from: '2026-10-21', to: '2026-11-01' });
    expect(s).toMatchObject({ openingBalance: 2, closingBalance: 2, lines: [] });
    expect(Object.values(s.totals).every((t) => t.count === 0)).toBe(true);
    expect(statementMail(s, project, 'en').text).toContain('No movement in this period.');
    const before = await accountStatement(ledger, { project: project.id, accountId: account.id, month: '2026-09' });
    expect(before).toMatchObject({ openingBalance: 0, closingBalance: 0, lines: [] });

    const nov = await accountsForStatements(ledger, { project: project.name, month: '2026-11' });
    expect(nov.map((a) => a.accountId)).toEqual([account.id]);
    const dec = await accountsForStatements(ledger, { project: project.name, now: new Date('2027-01-01T08:00:00Z') });
    expect(dec.map((a) => a.accountId)).toEqual([account.id, idle.id]);
    expect(dec[0]!.period).toMatchObject({ month: '2026-12' });
  });

  test('with credit expiry on, the statement and its mail list the credits about to expire', async () => {
    at('2026-11-10T08:00:00.000Z');
    const project = await ledger.createProject({ name: uniq('expiring'), settings: { creditExpiryMonths: 1 } });
    const { account } = await ledger.authorizeSender(project.id, 'lea@client.fr', { initialCredits: 3 });
    at('2026-12-01T08:00:00.000Z');
    const s = await accountStatement(ledger, { project: project.id, accountId: account.id, now: new Date('2026-12-01T08:00:00Z') });
    expect(s.closingBalance).toBe(3);
    expect(s.upcomingExpiries).toEqual([{ credits: 3, expiresAt: '2026-12-10T08:00:00.000Z' }]);
    expect(statementMail(s, project, 'en').text).toMatch(/Expiring soon: 3 credits/);
    const off = await ledger.createProject({ name: uniq('no-expiry') });
    const other = (await ledger.authorizeSender(off.id, 'tom@client.fr', { initialCredits: 3 })).account;
    expect((await accountStatement(ledger, { project: off.id, accountId: other.id })).upcomingExpiries).toEqual([]);
  });
  test('unknown accounts and bad periods are refused naming the field', async () => {
    const { project, account } = await november();
    const other = await ledger.createProject({ name: uniq('other') });
    const err = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: unknown) => e,
      );
    expect(await err(accountStatement(ledger, { project: project.id, accountId: 'nope' }))).toMatchObject({
      code: 'unknown_account',
      field: 'accountId',
    });
    expect(await err(accountStatement(ledger, { project: other.id, accountId: account.id }))).toMatchObject({
      code: 'unknown_account',
      field: 'accountId',
    });
    expect(await err(accountStatement(ledger, { project: project.id, sender: 'ghost@nowhere.fr' }))).toMatchObject({
      code: 'unknown_account',
      field: 'sender',
    });
    expect(await err(accountStatement(ledger, { project: 'no-such', sender: 'anna@client.fr' }))).toMatchObject({
      code: 'unknown_project',
      field: 'project',
    });
    expect(await err(accountStatement(ledger, { project: project.id }))).toMatchObject({ code: 'invalid_argument', field: 'sender' });
    expect(await err(accountStatement(ledger, { project: project.id, accountId: account.id, month: '2026-13' }))).toMatchObject({
      field: 'month',
    });
    expect(
      await err(accountStatement(ledger, { project: project.id, accountId: account.id, from: '2026-11-02', to: '2026-11-01' })),
    ).toMatchObject({ field: 'to' });
    expect(
      await err(accountStatement(ledger, { project: project.id, accountId: account.id, from: 'yesterday', to: '2026-11-01' })),
    ).toMatchObject({ field: 'from' });
    expect(await err(accountStatement(ledger, { project: project.id, accountId: account.id, timeZone: 'Mars/Olympus' }))).toMatchObject({
      field: 'timeZone',
    });
  });

  test('a journal that does not add up is refused, never rendered', async () => {
    at('2026-11-02T00:00:00.000Z');
    const project = await ledger.createProject({ name: uniq('broken') });
    const { account } = await ledger.authorizeSender(project.id, 'b@broken.fr', { initialCredits: 3 });
    const [acc] = await db.raw(`SELECT entries FROM accounts WHERE id = '${account.id}'`);
    // A row whose balance_after skips a credit: the chain is broken.
    await db.raw(
      `INSERT INTO journal (id, project_id, account_id, seq, kind, credits, balance_after, idempotency_key, actor, created_at)
       VALUES ('${randomUUID()}', '${project.id}', '${account.id}', ${Number(acc!.entries) + 1}, 'debit', -1, 1, 'bad', 'test', '2026-11-03T00:00:00.000Z')`,
    );
    await expect(accountStatement(ledger, { project: project.id, accountId: account.id, month: '2026-11' })).rejects.toThrow(
      StatementMismatchError,
    );
    await expect(accountStatement(ledger, { project: project.id, accountId: account.id, month: '2026-11' })).rejects.toThrow(
      /Run Verify Ledger/,
    );
  });

  test('a 10,000-entry journal: every page read, totals equal the journal sums', async () => {
    jest.useRealTimers();
    const project = await ledger.createProject({ name: uniq('big') });
    const account = await ledger.createAccount(project.id, 'Big client');
    const rows = bigJournal(project.id, account.id, 10_000);
    for (let i = 0; i < rows.length; i += 500)
      await db.raw(
        `INSERT INTO journal (id, project_id, account_id, seq, kind, credits, balance_after, idempotency_key, actor, created_at) VALUES ${rows.slice(i, i + 500).join(',')}`,
      );
    const last = bigLast(10_000);
    await db.raw(`UPDATE accounts SET balance = ${last}, entries = 10000 WHERE id = '${account.id}'`);
    expect((await ledger.checkInvariants()).filter((v) => v.accountId === account.id)).toEqual([]);
    const started = performance.now();
    const s = await accountStatement(ledger, { project: project.id, accountId: account.id, month: '2026-11' });
    const ms = performance.now() - started;
    const inside = await db.raw(
      `SELECT kind, COUNT(*) AS n, SUM(credits) AS c FROM journal WHERE account_id = '${account.id}' AND created_at >= '${NOV.from}' AND created_at < '${NOV.to}' GROUP BY kind`,
    );
    const [opening] = await db.raw(
      `SELECT COALESCE(SUM(credits), 0) AS c FROM journal WHERE account_id = '${account.id}' AND created_at < '${NOV.from}'`,
    );
    expect(s.openingBalance).toBe(Number(opening!.c));
    expect(s.lines).toHaveLength(inside.reduce((a, r) => a + Number(r.n), 0));
    expect(s.lines.length).toBeGreaterThan(9000);
    const group: Record<string, string> = {
      grant: 'grants',
      purchase: 'purchases',
      debit: 'debits',
      waive: 'waives',
      refund: 'refunds',
      revoke: 'revokes',
      expire: 'expiries',
    };
    for (const r of inside)
      expect(s.totals[group[String(r.kind)] as keyof typeof s.totals]).toEqual({ count: Number(r.n), credits: Number(r.c) });
    expect(s.closingBalance).toBe(s.openingBalance + inside.reduce((a, r) => a + Number(r.c), 0));
    expect(parseCsv(statementCsv(s))).toHaveLength(s.lines.length + 3);
    console.log(`statement of ${s.lines.length} movements (10,000-entry journal) on ${ledger.kind}: ${ms.toFixed(0)} ms`);
  });
});

/** One kind cycle that never overdraws: +5 grant, then debits, waive, revoke, expire, refund, purchase. */
const CYCLE: Array<[string, number]> = [
  ['grant', 5],
  ['debit', -1],
  ['debit', -1],
  ['waive', 1],
  ['revoke', -1],
  ['expire', -1],
  ['refund', -1],
  ['purchase', 2],
  ['debit', -1],
];
function bigLast(count: number): number {
  let b = 0;
  for (let i = 0; i < count; i++) b += CYCLE[i % CYCLE.length]![1];
  return b;
}
/** The first 100 entries in October (the opening), the rest spread over November, 200 ms apart. */
export function bigJournal(projectId: string, accountId: string, count: number): string[] {
  let balance = 0;
  const oct = Date.parse('2026-10-15T00:00:00Z');
  const nov = Date.parse(NOV.from);
  return Array.from({ length: count }, (_, i) => {
    const [kind, credits] = CYCLE[i % CYCLE.length]!;
    balance += credits;
    const createdAt = new Date(i < 100 ? oct + i * 1000 : nov + (i - 100) * 200).toISOString();
    return `('${randomUUID()}', '${projectId}', '${accountId}', ${i + 1}, '${kind}', ${credits}, ${balance}, 'bulk:${accountId}:${i}', 'bench', '${createdAt}')`;
  });
}
