/**
 * Exactly once, across OS processes, on both stores: distinct keys never overdraw, one key sent
 * by many processes at once moves money once, and a writer killed with SIGKILL mid-run leaves
 * the cached balances equal to their journals.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { openLedger, type Ledger } from '../../../core/ledger';
import { bundleWorker, postgresDatabase, sqliteDatabase, type TestDatabase } from './helpers';

type WorkerReport = { type: 'done'; statuses: Record<string, number>; entries: Record<string, string> };

let worker: { file: string; cleanup(): void };
beforeAll(() => {
  worker = bundleWorker(join(__dirname, 'ledger-worker.ts'));
});
afterAll(() => worker.cleanup());

function start(
  db: TestDatabase,
  job: object,
): { child: ChildProcess; ready: Promise<void>; done: Promise<WorkerReport>; ticks: () => number } {
  const child = fork(worker.file, [JSON.stringify({ config: db.config, ...job })], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let ticks = 0;
  let onReady!: () => void;
  const ready = new Promise<void>((r) => (onReady = r));
  const done = new Promise<WorkerReport>((resolve, reject) => {
    child.on('message', (m: { type: string; message?: string }) => {
      if (m.type === 'ready') onReady();
      else if (m.type === 'tick') ticks++;
      else if (m.type === 'done') resolve(m as WorkerReport);
      else reject(new Error(`worker failed: ${m.message}`));
    });
    child.on('exit', (code, signal) => reject(new Error(`worker exited early (code ${code}, signal ${signal})`)));
  });
  done.catch(() => undefined);
  return { child, ready, done, ticks: () => ticks };
}

async function race(db: TestDatabase, jobs: object[]): Promise<WorkerReport[]> {
  const workers = jobs.map((job) => start(db, job));
  await Promise.all(workers.map((w) => w.ready));
  for (const w of workers) w.child.send('go');
  return Promise.all(workers.map((w) => w.done));
}

const sum = (reports: WorkerReport[], status: string) => reports.reduce((n, r) => n + (r.statuses[status] ?? 0), 0);

describe.each([
  ['SQLite', () => sqliteDatabase('once')],
  ['PostgreSQL', () => postgresDatabase('once')],
] as const)('exactly once across processes: %s', (_name, makeDb) => {
  let db: TestDatabase;
  let ledger: Ledger;
  let projectId: string;
  beforeAll(async () => {
    db = makeDb();
    ledger = await openLedger(db.config);
    projectId = (await ledger.createProject({ name: 'once' })).id;
  });
  afterAll(async () => {
    await ledger?.close();
    await db?.dispose();
  });

  test('4 processes × 500 distinct debits on 100 credits: exactly 100 debits', async () => {
    const account = await ledger.createAccount(projectId, 'A');
    await ledger.grant(account.id, 100, 'seed-100', 'test');
    const reports = await race(
      db,
      [0, 1, 2, 3].map((w) => ({ accountId: account.id, mode: 'debit-distinct', count: 500, prefix: `w${w}` })),
    );
    expect(sum(reports, 'debited')).toBe(100);
    expect(sum(reports, 'insufficient')).toBe(1900);
    expect(await ledger.balance(account.id)).toBe(0);
    expect(Number((await db.raw(`SELECT count(*) AS n FROM journal WHERE account_id = '${account.id}' AND kind = 'debit'`))[0]!.n)).toBe(
      100,
    );
    expect(await ledger.checkInvariants()).toEqual([]);
  });

  test.each(['debit-same', 'grant-same'])('one key sent by 4 processes at once moves once (%s)', async (mode) => {
    const account = await ledger.createAccount(projectId, mode);
    await ledger.grant(account.id, 1000, `seed-${mode}`, 'test');
    const keys = 40;
    const reports = await race(
      db,
      [0, 1, 2, 3].map(() => ({ accountId: account.id, mode, count: keys, prefix: mode })),
    );
    const moved = mode === 'grant-same' ? 'done' : 'debited';
    expect(sum(reports, moved)).toBe(keys);
    expect(sum(reports, 'already_done')).toBe(keys * 3);
    for (let i = 0; i < keys; i++) {
      // every process got the same entry for the same key
      expect(new Set(reports.map((r) => r.entries[`${mode}-${i}`])).size).toBe(1);
    }
    expect(await ledger.balance(account.id)).toBe(mode === 'grant-same' ? 1000 + keys : 1000 - keys);
    expect(await ledger.checkInvariants()).toEqual([]);
  });

  test('kill -9 of a writer mid-run leaves the invariant true and the database usable', async () => {
    const account = await ledger.createAccount(projectId, 'churn');
    const w = start(db, { accountId: account.id, mode: 'churn', count: 0, prefix: 'churn' });
    await w.ready;
    w.child.send('go');
    while (w.ticks() < 5) await new Promise((r) => setTimeout(r, 20));
    const exited = new Promise((r) => w.child.once('exit', r));
    w.child.kill('SIGKILL');
    await exited;
    const fresh = await openLedger(db.config);
    try {
      expect(await fresh.checkInvariants()).toEqual([]);
      const before = await fresh.balance(account.id);
      expect(await fresh.grant(account.id, 1, 'after-kill', 'test')).toMatchObject({ status: 'done', balance: before + 1 });
      if (db.config.kind === 'sqlite') expect(await db.raw('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    } finally {
      await fresh.close();
    }
  });
});
