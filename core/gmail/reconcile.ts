/** The reconcile sweep: recent inbox mail that no SupportGate label marks as handled yet. */
import { mapLimit } from './map-limit';
import type { gmail_v1 } from '@googleapis/gmail';
import type { GmailClient } from './client';
import { GmailError, toGmailError } from './errors';
import { LABEL_PREFIX, labelQueryName, listLabels } from './labels';

export interface ListUnlabeledOptions {
  newerThanDays?: number;
  /** Labels under this prefix mark a message as handled. */
  excludeLabelPrefix?: string;
  /** Page size asked of Gmail (maxResults), 100 by default. */
  pageSize?: number;
  /** Stop after this many messages, 500 by default. */
  maxMessages?: number;
  /** Raw messages fetched at once. */
  concurrency?: number;
}

/** A Gmail message in format raw: what core/email's normalizeGmailRaw (and normalizeAny) read. */
export interface RawGmailMessage {
  id: string;
  threadId: string;
  raw: string;
  labelIds: string[];
  internalDate?: string;
  snippet?: string;
}

export interface UnlabeledRecent {
  query: string;
  ids: string[];
  messages: RawGmailMessage[];
}

/** The search query; every existing label under the prefix is excluded by its query name. */
export function reconcileQuery(newerThanDays: number, excludedLabelNames: string[]): string {
  if (!Number.isInteger(newerThanDays) || newerThanDays < 1) {
    throw new GmailError('gmail_invalid_input', `newerThanDays must be a whole number of days ≥ 1 (got ${newerThanDays}).`, {
      field: 'newerThanDays',
    });
  }
  const excluded = [...new Set(excludedLabelNames.map(labelQueryName))].sort().map((l) => `-label:${l}`);
  return ['in:inbox', `newer_than:${newerThanDays}d`, '-in:drafts', '-from:me', ...excluded].join(' ');
}

async function fetchRaw(client: GmailClient, id: string): Promise<RawGmailMessage> {
  try {
    const { data } = await client.api.users.messages.get({ userId: client.userId, id, format: 'raw' });
    if (!data.raw) throw new GmailError('gmail_request_failed', `Gmail returned message ${id} without its raw content.`, { field: 'raw' });
    return {
      id: data.id ?? id,
      threadId: data.threadId ?? '',
      raw: data.raw,
      labelIds: data.labelIds ?? [],
      ...(data.internalDate ? { internalDate: data.internalDate } : {}),
      ...(data.snippet ? { snippet: data.snippet } : {}),
    };
  } catch (err) {
    throw toGmailError(err, `reading message ${id}`);
  }
}

export async function listUnlabeledRecent(client: GmailClient, options: ListUnlabeledOptions = {}): Promise<UnlabeledRecent> {
  const prefix = options.excludeLabelPrefix ?? LABEL_PREFIX;
  const maxMessages = options.maxMessages ?? 500;
  const labels = await listLabels(client);
  // The prefix label itself ("SupportGate") is a parent only: messages never carry it alone.
  const handled = labels.filter((l) => l.name?.startsWith(prefix));
  const handledIds = new Set(handled.map((l) => l.id));
  const query = reconcileQuery(
    options.newerThanDays ?? 1,
    handled.map((l) => l.name as string),
  );

  const refs: gmail_v1.Schema$Message[] = [];
  let pageToken: string | undefined;
  do {
    let page: gmail_v1.Schema$ListMessagesResponse;
    try {
      page = (
        await client.api.users.messages.list({
          userId: client.userId,
          q: query,
          maxResults: Math.min(options.pageSize ?? 100, 500),
          includeSpamTrash: false,
          ...(pageToken ? { pageToken } : {}),
        })
      ).data;
    } catch (err) {
      throw toGmailError(err, 'listing recent messages');
    }
    refs.push(...(page.messages ?? []));
    pageToken = page.nextPageToken ?? undefined;
  } while (pageToken && refs.length < maxMessages);

  const ids = [...new Set(refs.map((m) => m.id).filter((id): id is string => !!id))].slice(0, maxMessages);
  const messages: RawGmailMessage[] = await mapLimit(ids, options.concurrency ?? 4, (id) => fetchRaw(client, id));
  // A label added between list and get: not ours to answer again.
  const fresh = messages.filter((m) => !m.labelIds.some((l) => handledIds.has(l)));
  return { query, ids: fresh.map((m) => m.id), messages: fresh };
}
