/**
 * PostgreSQL's server-side debit and request opening (migration 5): how many statements one call
 * sends, that the SQL sketch similarity is the TypeScript one, and that a ledger made before
 * migration 5 gets the functions on its next open.
 */
import { Client } from 'pg';
import { openLedger, type Ledger } from '../../../core/ledger';
import { bodySignature, signatureSimilarity } from '../../../core/tickets';
import { postgresDatabase, type TestDatabase } from './helpers';

/** Counts the queries every pg client sends while fn runs (the pool's clients are pg Clients). */
async function queriesSentBy(fn: () => Promise<unknown>): Promise<string[]> {
  const sent: string[] = [];
  const original = Client.prototype.query;
  Client.prototype.query = function (this: Client, ...args: unknown[]) {
    const q = args[0] as string | { text?: string };
    sent.push(typeof q === 'string' ? q : String(q?.text));
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    await fn();
  } finally {
    Client.prototype.query = original;
  }
  return sent;
}

let db: TestDatabase;
let ledger: Ledger;
beforeAll(async () => {
  db = postgresDatabase('functions');
  ledger = await openLedger(db.config);
});
afterAll(async () => {
  await ledger?.close();
  await db?.dispose();
});

async function fundedAccount(name: string, credits: number) {
  const project = await ledger.createProject({ name });
  const account = await ledger.createAccount(project.id, 'Client');
  if (credits) await ledger.grant(account.id, credits, `seed-${name}`, 'test');
  return { project, account };
}

describe('round trips', () => {
  test('a debit is one statement: new key, replayed key and refusal alike', async () => {
    const { account } = await fundedAccount('rt-debit', 1);
    const first = await queriesSentBy(() => ledger.debit(account.id, 'k1', { actor: 'test' }));
    const replay = await queriesSentBy(() => ledger.debit(account.id, 'k1', { actor: 'test' }));
    const refused = await queriesSentBy(() => ledger.debit(account.id, 'k2', { actor: 'test' }));
    expect([first.length, replay.length, refused.length]).toEqual([1, 1, 1]);
    expect(first[0]).toMatch(/ledger_move/);
    expect(await ledger.checkInvariants()).toEqual([]);
  });

  test('opening a request is one statement: charged, redelivered, duplicate and held', async () => {
    const { project, account } = await fundedAccount('rt-open', 1);
    const since = new Date(Date.now() - 3600_000).toISOString();
    const request = (n: number, subject: string) => ({
      project: project.id,
      accountId: account.id,
      messageId: `<m${n}@client.fr>`,
      idempotencyKey: `msg:${n}`,
      subject,
      subjectFingerprint: subject.toLowerCase(),
      bodySignature: bodySignature(`body of request ${n}`),
      duplicateSince: since,
      actor: 'test',
    });
    const counts: number[] = [];
    const outcomes: string[] = [];
    for (const input of [request(1, 'Site down'), request(1, 'Site down'), request(2, 'Site down'), request(3, 'Other')]) {
      counts.push((await queriesSentBy(async () => outcomes.push((await ledger.openRequest(input)).outcome))).length);
    }
    expect(outcomes).toEqual(['debited', 'already_debited', 'duplicate', 'no_credit']);
    expect(counts).toEqual([1, 1, 1, 1]);
    expect(await ledger.checkInvariants()).toEqual([]);
  });
});

test('the SQL sketch similarity equals signatureSimilarity', async () => {
  const long = (seed: number) => Array.from({ length: 400 }, (_, i) => `w${(i * seed) % 97}`).join(' ');
  const texts = [
    '',
    'hi',
    'the invoices page shows an error 500',
    'Hello, the invoices page shows an error 500 since March. Thanks',
    long(3),
    long(5),
    long(7),
  ];
  const pairs = texts.flatMap((a) => texts.map((b) => [bodySignature(a), bodySignature(b)] as const));
  pairs.push(['not base64!', bodySignature('hi')]); // a malformed sketch is no evidence
  const values = pairs.map(([a, b]) => `(${[a, b].map((s) => `'${s}'`).join(', ')})`).join(', ');
  const rows = await db.raw(`SELECT ledger_sketch_similarity(ledger_sketch(a), ledger_sketch(b)) AS s FROM (VALUES ${values}) AS p(a, b)`);
  const expected = pairs.map(([a, b], i) => (i === pairs.length - 1 ? 0 : signatureSimilarity(a, b)));
  expect(rows.map((r) => Number(r.s))).toEqual(expected);
  expect(expected.some((s) => s > 0 && s < 1)).toBe(true);
});

test('a ledger from before migration 5 gets the functions when next opened, data kept', async () => {
  const { account } = await fundedAccount('pre-v5', 3);
  await db.raw(`DROP FUNCTION ledger_open_request(jsonb); DROP FUNCTION ledger_move(text, text, integer, text, text, text, text, text, text, text);
    DELETE FROM ledger_migrations WHERE version = 5`);
  const upgraded = await openLedger(db.config);
  try {
    expect(await upgraded.debit(account.id, 'after-upgrade', { actor: 'test' })).toMatchObject({ status: 'debited', balance: 2 });
    expect((await db.raw('SELECT version FROM ledger_migrations WHERE version = 5')).length).toBe(1);
    expect(await upgraded.checkInvariants()).toEqual([]);
  } finally {
    await upgraded.close();
  }
});
