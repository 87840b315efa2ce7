/**
 * The trigger's state in the workflow's static data, shared by its poll and its push webhook.
 * n8n gives a poll its own long-lived copy of the static data and a webhook call a fresh one from
 * the database, and it runs the webhook's create and the activation poll at the same time (n8n 2.x
 * publication), so they could each walk from a stale cursor: every walk runs under a per-node
 * lock, on the merge of the static data with the last state this process wrote (merging never
 * moves the cursor back and keeps the union of the emitted ids).
 */
import type { IDataObject } from 'n8n-workflow';
import type { gmail } from '../../core';
import { gmail as core } from '../../core';

export interface TriggerData {
  history: gmail.HistoryState;
  watch?: gmail.WatchState;
}

const latest = new Map<string, TriggerData>();
const locks = new Map<string, Promise<unknown>>();

export function readData(staticData: IDataObject, key: string): TriggerData {
  const stored = (staticData.history ?? {}) as gmail.HistoryState;
  const mine = latest.get(key);
  const history = mine ? core.mergeStates(stored, mine.history) : { ...stored };
  const watches = [staticData.watch as gmail.WatchState | undefined, mine?.watch].filter((w): w is gmail.WatchState => !!w);
  const watch = watches.sort((a, b) => b.renewedAt - a.renewedAt)[0];
  return { history, ...(watch ? { watch } : {}) };
}

export function writeData(staticData: IDataObject, key: string, data: TriggerData): void {
  latest.set(key, data);
  staticData.history = JSON.parse(JSON.stringify(data.history)) as IDataObject;
  if (data.watch) staticData.watch = { ...data.watch };
  else delete staticData.watch;
}

export function forget(key: string): void {
  latest.delete(key);
}

/** Runs fn with no other walk of the same trigger node running in this process. */
export async function exclusive<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = locks.get(key) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(fn);
  locks.set(key, run);
  try {
    return await run;
  } finally {
    if (locks.get(key) === run) locks.delete(key);
  }
}
