/**
 * Credit expiry swept by several OS processes at once, on both stores (SQLite's driver is
 * synchronous, so real concurrency on one file needs separate processes): each lot expires once.
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { addMonths, openLedger, type Ledger } from '../../../core/ledger';
import { bundleWorker, postgresDatabase, sqliteDatabase, type TestDatabase } from './helpers';

type Report = { type: 'done'; statuses: Record<string, number>; entries: Record<string, string> };

let worker: { file: string; cleanup(): void };
beforeAll(() => {
  worker = bundleWorker(join(__dirname, 'ledger-worker.ts'));
});
afterAll(() => worker.cleanup());

/** Starts every sweep, waits until all are ready, then lets them go at once. */
async function race(db: TestDatabase, jobs: object[]): Promise<Report[]> {
  const runs = jobs.map((job) => {
    const child = fork(worker.file, [JSON.stringify({ config: db.config, ...job })], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let onReady!: () => void;
    const ready = new Promise<void>((r) => (onReady = r));
    const done = new Promise<Report>((resolve, reject) => {
      child.on('message', (m: { type: string; message?: string }) => {
        if (m.type === 'ready') onReady();
        else if (m.type === 'done') resolve(m as Report);
        else reject(new Error(`worker failed: ${m.message}`));
      });
      child.on('exit', (code) => reject(new Error(`worker exited early (code ${code})`)));
    });
    done.catch(() => undefined);
    return { child, ready, done };
  });
  await Promise.all(runs.map((r) => r.ready));
  for (const r of runs) r.child.send('go');
  return Promise.all(runs.map((r) => r.done));
}

describe.each([
  ['SQLite', () => sqliteDatabase('expiry')],
  ['PostgreSQL', () => postgresDatabase('expiry')],
] as const)('credit expiry across processes: %s', (_name, makeDb) => {
  let db: TestDatabase;
  let ledger: Ledger;
  beforeAll(async () => {
    db = makeDb();
    ledger = await openLedger(db.config);
  });
  afterAll(async () => {
    await ledger?.close();
    await db?.dispose();
  });

  test('three sweeps at once: every lot expires exactly once, balances equal their journals', async () => {
    const p = await ledger.createProject({ name: 'expiry-race', settings: { creditExpiryMonths: 12 } });
    const accounts = [];
    for (let i = 0; i < 6; i++) {
      const acc = await ledger.createAccount(p.id, `C${i}`);
      for (let j = 0; j < 4; j++) await ledger.grant(acc.id, 2, `g-${i}-${j}`, 'staff');
      await ledger.debit(acc.id, `d-${i}`, { actor: 'test', credits: 3 }); // lot 1 used up, lot 2 half: 3 lots, 5 credits left
      accounts.push(acc);
    }
    const now = addMonths(new Date(), 13).toISOString();
    const reports = await race(
      db,
      [1, 2, 3].map((n) => ({ mode: 'expire', projectId: p.id, now, accountId: '', count: 0, prefix: `s${n}` })),
    );
    expect(reports.reduce((s, r) => s + r.statuses.lots!, 0)).toBe(18);
    expect(reports.reduce((s, r) => s + r.statuses.credits!, 0)).toBe(30);
    const lotsExpired = reports.flatMap((r) => Object.keys(r.entries));
    expect(new Set(lotsExpired).size).toBe(lotsExpired.length); // no lot reported by two sweeps
    for (const acc of accounts) {
      const expired = (await ledger.history(acc.id, { limit: 50 })).entries.filter((e) => e.kind === 'expire');
      expect(expired.map((e) => e.credits).sort()).toEqual([-1, -2, -2]);
      expect(await ledger.balance(acc.id)).toBe(0);
    }
    expect(await ledger.checkInvariants()).toEqual([]);
  });
});
