// Credit expiry sweep: 10,000 lots (100 accounts × 100 grants, one debit each) expired in one
// run of Ledger.expireCredits, on SQLite and PostgreSQL. Prints figure expiry_sweep_10k_lots_ms.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { addMonths, openLedger, type Ledger, type LedgerConfig } from '../core/ledger';

const PG_URL = process.env.SUPPORTGATE_TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const ACCOUNTS = 100;
const LOTS = 100;

async function sweep(config: LedgerConfig): Promise<number> {
  const ledger: Ledger = await openLedger(config);
  try {
    const p = await ledger.createProject({ name: 'bench-expiry', settings: { creditExpiryMonths: 12 } });
    for (let a = 0; a < ACCOUNTS; a++) {
      const acc = await ledger.createAccount(p.id, `C${a}`);
      // Concurrent grants of one account queue on its row lock (SQLite: group-committed together).
      await Promise.all(Array.from({ length: LOTS }, (_, l) => ledger.grant(acc.id, 2, `g-${a}-${l}`, 'bench')));
      await ledger.debit(acc.id, `d-${a}`, { actor: 'bench' });
    }
    const started = performance.now();
    const r = await ledger.expireCredits(p.id, { months: 12, now: addMonths(new Date(), 13), actor: 'bench' });
    const ms = performance.now() - started;
    if (r.lots !== ACCOUNTS * LOTS || (await ledger.checkInvariants()).length)
      throw new Error(`expected ${ACCOUNTS * LOTS} lots, got ${r.lots}`);
    return ms;
  } finally {
    await ledger.close();
  }
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sg-bench-expiry-'));
  try {
    const ms = await sweep({ kind: 'sqlite', path: join(dir, 'ledger.db') });
    console.log(`# ${ACCOUNTS} accounts × ${LOTS} lots, one transaction per account, WAL, synchronous=FULL`);
    console.log(`figure expiry_sweep_10k_lots_ms = ${Math.round(ms)} ms`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const schema = `sg_bench_expiry_${process.pid}`;
  try {
    console.log(
      `figure expiry_sweep_10k_lots_postgres_ms = ${Math.round(await sweep({ kind: 'postgres', connectionString: PG_URL, schema }))} ms`,
    );
  } catch (e) {
    console.log(`# postgres skipped: ${(e as Error).message}`);
  } finally {
    const admin = new Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  }
}
