/**
 * Drives the intake as the Gmail Trigger would, through the test copy's webhook (one mail per
 * execution, several at once), and records what n8n answered for each delivery.
 */
import path from 'node:path';
import { runtimeDir } from '../../scripts/n8n/paths';
import type { ChaosMail } from './mails';

// n8n's own Gmail Trigger code turns the Gmail API's format=raw message into the trigger's item
// (Simplify off), as test/fixtures/demo/generate.cjs does for the demo mails.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const gmailTrigger = require(
  path.join(runtimeDir, 'node_modules', 'n8n-nodes-base', 'dist', 'nodes', 'Google', 'Gmail', 'GenericFunctions.js'),
) as {
  parseRawEmail: (this: unknown, message: object, prefix: string) => Promise<{ json: Record<string, unknown> }>;
};
const triggerCtx = {
  getNodeParameter: (name: string, _i: number, fallback: unknown) => (name === 'options.downloadAttachments' ? false : fallback),
  getNode: () => ({ name: 'Gmail Trigger', typeVersion: 1.4 }),
  helpers: {
    prepareBinaryData: async () => {
      throw new Error('chaos mails have no attachments');
    },
  },
  logger: { debug() {}, warn() {}, error() {} },
};

/** The Gmail Trigger's item for a mail, as n8n's own trigger builds it. */
export async function triggerItem(mail: ChaosMail): Promise<Record<string, unknown>> {
  const raw = {
    id: mail.id,
    threadId: mail.threadId,
    labelIds: ['INBOX', 'UNREAD'],
    sizeEstimate: mail.raw.length,
    raw: mail.raw.toString('base64url'),
  };
  const item = await gmailTrigger.parseRawEmail.call(triggerCtx, raw, 'attachment_');
  return JSON.parse(JSON.stringify(item.json)) as Record<string, unknown>;
}

/** What became of one delivery, as the caller saw it. */
export type Answer = 'ok' | 'failed' | 'timeout' | 'refused' | 'dropped' | `http ${number}`;

/**
 * POSTs trigger items to a production webhook and waits for the workflow's answer (responseMode
 * lastNode: 200 once the execution finished, 500 if it failed). A 404 right after a start (the
 * webhook not registered yet) is tried again for a while.
 */
export async function deliver(url: string, items: unknown[], timeoutMs: number): Promise<Answer> {
  const until = Date.now() + 15_000;
  for (;;) {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ items }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.status === 404 && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 250));
        continue;
      }
      return res.ok ? 'ok' : res.status === 500 ? 'failed' : `http ${res.status}`;
    } catch (e) {
      const err = e as Error & { cause?: { code?: string } };
      if (err.name === 'TimeoutError' || err.name === 'AbortError') return 'timeout';
      if (err.cause?.code === 'ECONNREFUSED') return 'refused';
      return 'dropped';
    }
  }
}

export interface Delivery {
  mail: ChaosMail;
  /** Why this delivery is there: the first one, a later duplicate, or a duplicate sent at the same time. */
  kind: 'first' | 'redelivery' | 'concurrent';
}

/**
 * Runs deliveries `concurrency` at a time. `beforeEach(i)` runs before the i-th one is sent and may
 * wait (the driver pauses while n8n's main is down: its trigger would not run either).
 */
export async function pump(
  deliveries: Delivery[],
  concurrency: number,
  send: (d: Delivery) => Promise<Answer>,
  beforeEach: (i: number) => Promise<void> = async () => undefined,
): Promise<Answer[]> {
  const answers: Answer[] = new Array(deliveries.length);
  let next = 0;
  let gate = Promise.resolve();
  const lane = async () => {
    for (;;) {
      // One at a time through beforeEach, so events happen at their index and pauses hold every lane.
      let i = -1;
      gate = gate.then(async () => {
        if (next >= deliveries.length) return;
        i = next++;
        await beforeEach(i);
      });
      await gate;
      if (i < 0) return;
      answers[i] = await send(deliveries[i]);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return answers;
}

export function tally(answers: Answer[]): string {
  const counts = new Map<string, number>();
  for (const a of answers) counts.set(a, (counts.get(a) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${v} ${k}`)
    .join(', ');
}
