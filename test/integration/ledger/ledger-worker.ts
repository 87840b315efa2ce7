/**
 * A separate OS process that hammers one account (forked by exactly-once.test.ts after an
 * esbuild bundle). argv[2] is a JSON job; it says "ready", waits for "go", reports, exits.
 */
import { openLedger, type LedgerConfig } from '../../../core/ledger';

interface Job {
  config: LedgerConfig;
  accountId: string;
  mode: 'debit-distinct' | 'debit-same' | 'grant-same' | 'churn' | 'expire';
  count: number;
  prefix: string;
  /** expire: the project swept, and the sweep's clock. */
  projectId?: string;
  now?: string;
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2]!) as Job;
  const ledger = await openLedger(job.config);
  await new Promise<void>((resolve) => {
    process.once('message', () => resolve());
    process.send!({ type: 'ready' });
  });
  const statuses: Record<string, number> = {};
  const entries: Record<string, string> = {};
  const tally = (key: string, r: { status: string; entryId?: string }) => {
    statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    if (r.entryId) entries[key] = r.entryId;
  };
  if (job.mode === 'expire') {
    // One credit-expiry sweep of the project (expiry-across-processes.test.ts): statuses.lots, entries lot → expire entry.
    const r = await ledger.expireCredits(job.projectId!, { months: 12, now: new Date(job.now!), actor: `pid:${process.pid}` });
    for (const e of r.expired) entries[e.lotEntryId] = e.entryId!;
    statuses.lots = r.lots;
    statuses.credits = r.credits;
    await ledger.close();
    process.send!({ type: 'done', statuses, entries }, () => process.exit(0));
    return;
  }
  if (job.mode === 'churn') {
    // Runs until killed: each grant is followed by a debit, so the balance stays small.
    for (let i = 0; ; i++) {
      await ledger.grant(job.accountId, 1, `${job.prefix}-g${i}`, 'churn');
      await ledger.debit(job.accountId, `${job.prefix}-d${i}`, { actor: 'churn' });
      if (i % 10 === 0) process.send!({ type: 'tick', i });
    }
  }
  for (let i = 0; i < job.count; i++) {
    const key = `${job.prefix}-${i}`; // distinct per worker, or shared when the prefix is
    const r =
      job.mode === 'grant-same'
        ? await ledger.grant(job.accountId, 1, key, `pid:${process.pid}`)
        : await ledger.debit(job.accountId, key, { actor: `pid:${process.pid}` });
    tally(key, r);
  }
  await ledger.close();
  process.send!({ type: 'done', statuses, entries }, () => process.exit(0));
}

main().catch((e) => {
  process.send?.({ type: 'error', message: String((e as Error)?.stack ?? e) }, () => process.exit(1));
});
