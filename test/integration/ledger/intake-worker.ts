/**
 * A separate OS process for intake-across-processes.test.ts (bundled by esbuild, then forked):
 * argv[2] is a JSON job; it says "ready", waits for "go", runs its calls at once, reports, exits.
 */
import { openLedger, type IntakeEffect, type LedgerConfig } from '../../../core/ledger';

interface Job {
  config: LedgerConfig;
  mode: 'claim' | 'receive';
  entryId: string;
  effect: IntakeEffect;
  mailbox: string;
  messageId: string;
  count: number;
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2]!) as Job;
  const ledger = await openLedger(job.config);
  await new Promise<void>((resolve) => {
    process.once('message', () => resolve());
    process.send!({ type: 'ready' });
  });
  const calls = Array.from({ length: job.count }, () =>
    job.mode === 'claim'
      ? ledger.claimEffect(job.entryId, job.effect)
      : ledger
          .journalReceived({ mailbox: job.mailbox, messageId: job.messageId, providerMessageId: `pid-${process.pid}` })
          .then((r) => r.firstTime),
  );
  const wins = (await Promise.all(calls)).filter(Boolean).length;
  await ledger.close();
  process.send!({ type: 'done', wins }, () => process.exit(0));
}

main().catch((e) => {
  process.send?.({ type: 'error', message: String((e as Error)?.stack ?? e) }, () => process.exit(1));
});
