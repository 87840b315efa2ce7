/**
 * The intake journal's races across OS processes (queue-mode workers, or two n8n on one SQLite
 * file), on both stores: 5 processes × 10 concurrent claims of one effect of one mail have exactly
 * one winner, and 5 × 10 recordings of one mail make one entry, recorded first exactly once.
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { openLedger, type Ledger } from '../../../core/ledger';
import { bundleWorker, postgresDatabase, sqliteDatabase, type TestDatabase } from './helpers';

let worker: { file: string; cleanup(): void };
beforeAll(() => {
  worker = bundleWorker(join(__dirname, 'intake-worker.ts'));
});
afterAll(() => worker.cleanup());

const PROCESSES = 5;
const CALLS_EACH = 10;

/** Forks the workers, lets them all open the ledger, then starts them at once; resolves to each one's wins. */
async function race(db: TestDatabase, job: object): Promise<number[]> {
  const children = Array.from({ length: PROCESSES }, () =>
    fork(worker.file, [JSON.stringify({ config: db.config, count: CALLS_EACH, ...job })], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  const runs = children.map((child) => {
    let onReady!: () => void;
    const ready = new Promise<void>((r) => (onReady = r));
    const done = new Promise<number>((resolve, reject) => {
      child.on('message', (m: { type: string; wins?: number; message?: string }) => {
        if (m.type === 'ready') onReady();
        else if (m.type === 'done') resolve(m.wins!);
        else reject(new Error(`worker failed: ${m.message}`));
      });
      child.on('exit', (code, signal) => reject(new Error(`worker exited early (code ${code}, signal ${signal})`)));
    });
    done.catch(() => undefined);
    return { ready, done };
  });
  await Promise.all(runs.map((r) => r.ready));
  for (const child of children) child.send('go');
  return Promise.all(runs.map((r) => r.done));
}

describe.each([
  ['SQLite', () => sqliteDatabase('intake-race')],
  ['PostgreSQL', () => postgresDatabase('intake_race')],
] as const)('intake journal across processes: %s', (_name, makeDb) => {
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
  const total = (wins: number[]) => wins.reduce((a, b) => a + b, 0);

  test(`${PROCESSES} processes × ${CALLS_EACH} claims of one reply: exactly one winner`, async () => {
    const { entry } = await ledger.journalReceived({ mailbox: 'gmail:support@agency.fr', messageId: '<claim-race@client.fr>' });
    await ledger.journalDecided(entry.id, { route: 'ticket' });
    const wins = await race(db, { mode: 'claim', entryId: entry.id, effect: 'reply' });
    expect(total(wins)).toBe(1);
    expect(await ledger.listIntakeEffects(entry.id)).toMatchObject([{ effect: 'reply', claims: 1, doneAt: null }]);
    expect(await ledger.claimEffect(entry.id, 'reply')).toBe(false);
  });

  test(`${PROCESSES} processes × ${CALLS_EACH} recordings of one mail: one entry, first exactly once`, async () => {
    const key = { mailbox: 'imap:support@agency.fr', messageId: '<receive-race@client.fr>' };
    const wins = await race(db, { mode: 'receive', ...key });
    expect(total(wins)).toBe(1);
    expect(await ledger.getIntakeEntry(key)).toMatchObject({ state: 'received', attempts: PROCESSES * CALLS_EACH });
    expect(Number((await db.raw("SELECT count(*) AS n FROM intake_journal WHERE mailbox = 'imap:support@agency.fr'"))[0]!.n)).toBe(1);
  });
});
