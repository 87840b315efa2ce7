/**
 * A monthly statement of an account whose journal holds 10,000 entries (100 before the period,
 * 9,900 in it), on SQLite and PostgreSQL: the time of accountStatement (paged reads with ticket and
 * payment joins, reconciliation), beside the raw baseline of one bare SELECT of the same rows.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Client } from 'pg';
import { openLedger, type Ledger, type LedgerConfig } from '../core/ledger';
import { accountStatement } from '../core/staff';

const ENTRIES = 10_000;
const RUNS = 5;
const PG_URL = process.env.SUPPORTGATE_BENCH_PG_URL ?? process.env.SUPPORTGATE_TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
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
const PERIOD = '2026-11';
const RAW = `SELECT * FROM journal WHERE account_id = $1 AND created_at >= '2026-11-01T00:00:00.000Z' AND created_at < '2026-12-01T00:00:00.000Z' ORDER BY seq`;

function rows(projectId: string, accountId: string): { values: string[]; balance: number } {
  let balance = 0;
  const oct = Date.parse('2026-10-15T00:00:00Z');
  const nov = Date.parse('2026-11-01T00:00:00Z');
  const values = Array.from({ length: ENTRIES }, (_, i) => {
    const [kind, credits] = CYCLE[i % CYCLE.length]!;
    balance += credits;
    const at = new Date(i < 100 ? oct + i * 1000 : nov + (i - 100) * 200).toISOString();
    return `('${randomUUID()}', '${projectId}', '${accountId}', ${i + 1}, '${kind}', ${credits}, ${balance}, 'bulk:${i}', 'bench', '${at}')`;
  });
  return { values, balance };
}
const INSERT =
  'INSERT INTO journal (id, project_id, account_id, seq, kind, credits, balance_after, idempotency_key, actor, created_at) VALUES ';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

async function seeded(
  config: LedgerConfig,
  exec: (sql: string) => Promise<void>,
): Promise<{ ledger: Ledger; accountId: string; projectId: string }> {
  const ledger = await openLedger(config);
  const project = await ledger.createProject({ name: 'bench-statements' });
  const account = await ledger.createAccount(project.id, 'Big client');
  const { values, balance } = rows(project.id, account.id);
  for (let i = 0; i < values.length; i += 1000) await exec(INSERT + values.slice(i, i + 1000).join(','));
  await exec(`UPDATE accounts SET balance = ${balance}, entries = ${ENTRIES} WHERE id = '${account.id}'`);
  const bad = (await ledger.checkInvariants()).length;
  if (bad) throw new Error('seeded journal does not reconcile');
  return { ledger, accountId: account.id, projectId: project.id };
}

/** 1,000 accounts of 10 entries (half of them idle last month): how long finding whom to send statements to takes. */
async function listing(name: string, ledger: Ledger, exec: (sql: string) => Promise<void>) {
  const project = await ledger.createProject({ name: `bench-listing-${ledger.kind}` });
  const values: string[] = [];
  for (let a = 0; a < 1000; a++) {
    const account = await ledger.createAccount(project.id, `client ${a}`);
    let balance = 0;
    for (let i = 0; i < 10; i++) {
      balance += 1;
      // Even accounts moved in November; odd ones only in October.
      const at = new Date(Date.parse(a % 2 === 0 && i >= 5 ? '2026-11-10T00:00:00Z' : '2026-10-10T00:00:00Z') + i * 1000).toISOString();
      values.push(
        `('${randomUUID()}', '${project.id}', '${account.id}', ${i + 1}, 'grant', 1, ${balance}, 'l:${a}:${i}', 'bench', '${at}')`,
      );
    }
    await exec(`UPDATE accounts SET balance = 10, entries = 10 WHERE id = '${account.id}'`);
  }
  for (let i = 0; i < values.length; i += 1000) await exec(INSERT + values.slice(i, i + 1000).join(','));
  const period = { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' };
  const found = (await ledger.accountsWithMovements(project.id, period)).length;
  if (found !== 500) throw new Error(`expected 500 accounts with movements, got ${found}`);
  const ms = await timeIt(() => ledger.accountsWithMovements(project.id, period));
  console.log(`# ${ledger.kind}: ${found} of 1000 accounts (10,000 entries) moved in the period`);
  console.log(`figure ${name} = ${ms.toFixed(1)} ms`);
}

async function report(name: string, ledger: Ledger, projectId: string, accountId: string, raw: () => Promise<unknown>) {
  const lines = (await accountStatement(ledger, { project: projectId, accountId, month: PERIOD })).lines.length;
  const ms = await timeIt(() => accountStatement(ledger, { project: projectId, accountId, month: PERIOD }));
  const base = await timeIt(raw);
  console.log(`# ${ledger.kind}: ${lines} movements in the period; raw SELECT of them ${base.toFixed(1)} ms (median of ${RUNS})`);
  console.log(`figure ${name} = ${ms.toFixed(1)} ms ratio ${(ms / base).toFixed(2)} vs raw_select_of_the_period`);
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sg-bench-statements-'));
  const path = join(dir, 'ledger.db');
  try {
    const raw = new DatabaseSync(path);
    const { ledger, accountId, projectId } = await seeded({ kind: 'sqlite', path }, async (sql) => void raw.exec(sql));
    const stmt = raw.prepare(RAW.replace('$1', '?'));
    await report('statement_10k_entries_ms', ledger, projectId, accountId, async () => stmt.all(accountId));
    await listing('statement_accounts_to_send_1k_accounts_ms', ledger, async (sql) => void raw.exec(sql));
    await ledger.close();
    raw.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const schema = `sg_bench_statements_${process.pid}`;
  const client = new Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
  try {
    await client.connect();
    const { ledger, accountId, projectId } = await seeded(
      { kind: 'postgres', connectionString: PG_URL, schema },
      async (sql) => void (await client.query(sql)),
    );
    await report('statement_10k_entries_postgres_ms', ledger, projectId, accountId, () => client.query(RAW, [accountId]));
    await listing('statement_accounts_to_send_1k_accounts_postgres_ms', ledger, async (sql) => void (await client.query(sql)));
    await ledger.close();
  } catch (e) {
    console.log(`# postgres skipped: ${(e as Error).message}`);
  } finally {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}
