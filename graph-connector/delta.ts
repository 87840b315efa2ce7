import type { Client } from '@microsoft/microsoft-graph-client';
import type * as MicrosoftGraph from '@microsoft/microsoft-graph-types';
import type { SupportEmail } from '../core/email';
import { statusOf, wrapGraphError } from './errors';
import { fetchMessage, userPath } from './messages';
import { toSupportEmail } from './normalize';
import type { ConnectorState, FolderCursor } from './state';

export type MessageHandler = (email: SupportEmail, message: MicrosoftGraph.Message) => Promise<void>;

export interface DeltaSyncOptions {
  client: Client;
  mailbox: string;
  /** Folder id or well-known name. Default 'Inbox'. */
  folder?: string;
  state: ConnectorState;
  onMessage: MessageHandler;
  /** First run only: messages received before this are not emitted. Default: the first sync's start. */
  startFrom?: Date;
  /** After 410 Gone, mail received this long before the last good sync is re-examined. Default 24 h. */
  resyncLookbackMs?: number;
  pageSize?: number;
  now?: () => Date;
}

export interface SyncResult {
  /** Graph ids emitted to onMessage, in order. */
  processed: string[];
  /** Items skipped because already processed (notification/delta overlap, resync). */
  skippedSeen: number;
  pages: number;
  resynced: boolean;
}

type DeltaItem = MicrosoftGraph.Message & { '@removed'?: unknown };
interface DeltaPage {
  value?: DeltaItem[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

/** Cursor plus the receive-time floor; the floor stops old mail that merely changed (read, moved back) being emitted. */
type StoredCursor = FolderCursor & { since?: string };

export function dedupeKeys(item: MicrosoftGraph.Message): string[] {
  const keys = [`id:${item.id}`];
  if (item.internetMessageId) keys.push(`mid:${item.internetMessageId}`);
  return keys;
}

/**
 * One delta walk of a folder: follows @odata.nextLink pages to the @odata.deltaLink, emits each
 * new message once (dedupe by Graph id and Message-ID), then persists the deltaLink.
 * A 410 Gone restarts from scratch, filtered to the lookback window.
 */
export async function syncFolder(options: DeltaSyncOptions): Promise<SyncResult> {
  const { client, mailbox, state } = options;
  const folder = options.folder ?? 'Inbox';
  const now = options.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const cursor = (await state.getCursor(folder)) as StoredCursor | undefined;
  const since = cursor?.since ?? (options.startFrom ?? new Date(startedAt)).toISOString();
  const base = `${userPath(mailbox)}/mailFolders/${encodeURIComponent(folder)}/messages/delta`;
  const select = '$select=id,internetMessageId,receivedDateTime';
  const fresh = (floor: string): string => `${base}?${select}&$filter=${encodeURIComponent(`receivedDateTime ge ${floor}`)}`;
  const result: SyncResult = { processed: [], skippedSeen: 0, pages: 0, resynced: false };
  let floor = since;
  let url = cursor?.deltaLink ?? fresh(since);

  for (;;) {
    let page: DeltaPage;
    try {
      page = (await client
        .api(url)
        .header('Prefer', `odata.maxpagesize=${options.pageSize ?? 50}`)
        .get()) as DeltaPage;
    } catch (err) {
      if (statusOf(err) === 410 && !result.resynced) {
        // The delta token expired or the mailbox was reset: start over, dedupe covers the overlap.
        result.resynced = true;
        const lookback = new Date(Date.parse(cursor?.syncedAt ?? startedAt) - (options.resyncLookbackMs ?? 24 * 3600_000)).toISOString();
        floor = lookback > since ? lookback : since;
        url = fresh(floor);
        continue;
      }
      throw wrapGraphError('DELTA_FAILED', `Delta query of folder ${folder} for ${mailbox}`, err);
    }
    result.pages++;
    for (const item of page.value ?? []) {
      if (item['@removed'] !== undefined || !item.id) continue;
      if (item.receivedDateTime && Date.parse(item.receivedDateTime) < Date.parse(floor)) continue;
      await emitOnce(options, item, result);
    }
    if (page['@odata.nextLink']) {
      url = page['@odata.nextLink'];
      continue;
    }
    if (!page['@odata.deltaLink'])
      throw wrapGraphError(
        'DELTA_FAILED',
        `Delta query of folder ${folder}`,
        new Error('a page had neither @odata.nextLink nor @odata.deltaLink'),
      );
    const next: StoredCursor = { deltaLink: page['@odata.deltaLink'], syncedAt: startedAt, since };
    await state.setCursor(folder, next);
    return result;
  }
}

async function emitOnce(options: DeltaSyncOptions, item: DeltaItem, result: SyncResult): Promise<void> {
  const keys = dedupeKeys(item);
  for (const key of keys) {
    if (await options.state.hasSeen(key)) {
      result.skippedSeen++;
      return;
    }
  }
  const message = await fetchMessage(options.client, options.mailbox, item.id as string);
  if (message) {
    await options.onMessage(toSupportEmail(message), message);
    result.processed.push(item.id as string);
    keys.push(...dedupeKeys(message));
  }
  // Marked after the handler succeeded: a crash in between means at-least-once, never zero.
  await options.state.markSeen([...new Set(keys)]);
}

/** Serializes syncs: triggers arriving while one waits share it; none run concurrently. */
export class SyncQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private pending?: Promise<SyncResult>;
  constructor(private readonly run: () => Promise<SyncResult>) {}
  trigger(): Promise<SyncResult> {
    if (this.pending) return this.pending;
    const p = this.tail.then(() => {
      this.pending = undefined;
      return this.run();
    });
    this.pending = p;
    this.tail = p.catch(() => undefined);
    return p;
  }
}
