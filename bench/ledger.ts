/**
 * Idempotent debits per second through the Ledger, on SQLite and PostgreSQL, each beside a raw
 * baseline on the same database in the same run: 8 concurrent clients doing a bare
 * BEGIN; INSERT journal row; UPDATE balance; COMMIT. Each client debits its own account.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Client, Pool } from 'pg';
import { openLedger, type Ledger, type LedgerConfig } from '../core/ledger';

const CLIENTS = 8;
const SECONDS = Number(process.env.SUPPORTGATE_BENCH_SECONDS ?? 4);
const PG_URL = process.env.SUPPORTGATE_BENCH_PG_URL ?? process.env.SUPPORTGATE_TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

/** Runs `op` from CLIENTS concurrent loops for `seconds`; returns operations per second. */
async function throughput(op: (client: number, i: number) => Promise<void>, seconds: number): Promise<number> {
  const end = performance.now() + seconds * 1000;
  const start = performance.now();
  let done = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      for (let i = 0; performance.now() < end; i++) {
        await op(c, i);
        done++;
      }
    }),
  );
  return done / ((performance.now() - start) / 1000);
}

/** Alternates short rounds of both loops so disk noise hits them alike; returns mean rates. */
async function compare(
  raw: (c: number, i: number) => Promise<void>,
  ledger: (c: number, i: number) => Promise<void>,
): Promise<{ ledger: number; raw: number }> {
  const rounds = 4;
  let r = 0;
  let l = 0;
  for (let k = 0; k < rounds; k++) {
    r += await throughput((c, i) => raw(c, i + k * 10_000_000), SECONDS / rounds);
    l += await throughput((c, i) => ledger(c, i + k * 10_000_000), SECONDS / rounds);
  }
  return { ledger: l / rounds, raw: r / rounds };
}

/** Accounts with enough credits that no debit in the run is refused. */
async function prepare(ledger: Ledger, label: string): Promise<{ projectId: string; accounts: string[] }> {
  const project = await ledger.createProject({ name: `bench-${label}` });
  const accounts: string[] = [];
  for (let c = 0; c < CLIENTS * 2; c++) {
    const a = await ledger.createAccount(project.id, `client ${c}`);
    await ledger.grant(a.id, 1_000_000, `seed-${c}`, 'bench');
    accounts.push(a.id);
  }
  return { projectId: project.id, accounts };
}

function ledgerRun(ledger: Ledger, accounts: string[], tag: string) {
  return (c: number, i: number) =>
    ledger.debit(accounts[c]!, `${tag}-${c}-${i}`, { actor: 'bench' }).then((r) => {
      if (r.status !== 'debited') throw new Error(`bench debit was ${r.status}`);
    });
}

async function benchSqlite(): Promise<{ ledger: number; raw: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'sg-bench-ledger-'));
  const path = join(dir, 'ledger.db');
  try {
    const ledger = await openLedger({ kind: 'sqlite', path });
    const { projectId, accounts } = await prepare(ledger, 'sqlite');
    // The raw baseline: its own connection on the same file, same pragmas, prepared statements.
    const db = new DatabaseSync(path);
    db.exec('PRAGMA busy_timeout = 15000; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;');
    const insert =
      db.prepare(`INSERT INTO journal (id, project_id, account_id, seq, kind, credits, balance_after, idempotency_key, actor, created_at)
      VALUES (?, ?, ?, ?, 'debit', -1, 0, ?, 'bench', ?)`);
    const update = db.prepare('UPDATE accounts SET balance = balance - 1, entries = entries + 1 WHERE id = ?');
    const raw = async (c: number, i: number) => {
      const account = accounts[CLIENTS + c]!;
      db.exec('BEGIN IMMEDIATE');
      insert.run(`raw-${c}-${i}`, projectId, account, 1_000_000_000 + i, `raw-${c}-${i}`, new Date().toISOString());
      update.run(account);
      db.exec('COMMIT');
      await Promise.resolve(); // yield like an async client would
    };
    await throughput(ledgerRun(ledger, accounts, 'warm'), 0.5);
    const result = await compare(raw, ledgerRun(ledger, accounts, 'run'));
    db.close();
    await ledger.close();
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchPostgres(): Promise<{ ledger: number; raw: number }> {
  const schema = `sg_bench_ledger_${process.pid}`;
  const config: LedgerConfig = { kind: 'postgres', connectionString: PG_URL, schema, maxConnections: CLIENTS };
  const ledger = await openLedger(config);
  const pool = new Pool({ connectionString: PG_URL, max: CLIENTS, options: `-c search_path=${schema}` });
  try {
    const { projectId, accounts } = await prepare(ledger, 'postgres');
    const raw = async (c: number, i: number) => {
      const account = accounts[CLIENTS + c]!;
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(
          `INSERT INTO journal (id, project_id, account_id, seq, kind, credits, balance_after, idempotency_key, actor, created_at)
          VALUES ($1, $2, $3, $4, 'debit', -1, 0, $1, 'bench', $5)`,
          [`raw-${c}-${i}`, projectId, account, 1_000_000_000 + i, new Date().toISOString()],
        );
        await client.query('UPDATE accounts SET balance = balance - 1, entries = entries + 1 WHERE id = $1', [account]);
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    };
    await throughput(ledgerRun(ledger, accounts, 'warm'), 0.5);
    await throughput((c, i) => raw(c, i + 900_000_000), 0.5);
    return await compare(raw, ledgerRun(ledger, accounts, 'run'));
  } finally {
    await pool.end();
    await ledger.close();
    const admin = new Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  }
}

const fmt = (name: string, r: { ledger: number; raw: number }) =>
  `figure ${name} = ${Math.round(r.ledger)} debits/s ratio ${(r.ledger / r.raw).toFixed(2)} vs raw_begin_insert_update_commit`;

export async function run(): Promise<void> {
  const sqlite = await benchSqlite();
  console.log(`# sqlite raw baseline: ${Math.round(sqlite.raw)} tx/s (${CLIENTS} async clients, WAL, synchronous=FULL)`);
  console.log(fmt('ledger_sqlite_debits_per_s', sqlite));
  try {
    const pg = await benchPostgres();
    console.log(`# postgres raw baseline: ${Math.round(pg.raw)} tx/s (${CLIENTS} connections)`);
    console.log(fmt('ledger_postgres_debits_per_s', pg));
  } catch (e) {
    console.log(`# postgres skipped: ${(e as Error).message}`);
  }
}
