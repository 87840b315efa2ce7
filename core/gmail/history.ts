/**
 * New inbox mail, each message once: the cursor is Gmail's historyId (users.history.list,
 * messageAdded in INBOX). When Gmail no longer has the history the cursor points at (404), a
 * bounded search (`in:inbox after:<last mail seen>`) takes over, deduplicated against the ids
 * emitted last, so an expired cursor neither loses mail silently nor repeats it.
 *
 * The state is plain JSON so that a caller (the n8n trigger) can keep it in its static data.
 */
import { mapLimit } from './map-limit';
import type { gmail_v1 } from '@googleapis/gmail';
import { normalizeGmailRaw } from '../email/gmail';
import type { SupportEmail } from '../email/types';
import type { GmailClient } from './client';
import { GmailError, toGmailError } from './errors';

/** Ids of the last emitted messages kept for deduplication (a re-list is bounded well below it). */
export const DEDUPE_WINDOW = 500;
/** At most this many messages in a re-list after an expired cursor, by default. */
export const DEFAULT_RELIST_MAX = 100;
/** The re-list searches from this long before the last mail seen: Gmail's after: has a one-second grain and dates can be late. */
export const RELIST_MARGIN_MS = 10 * 60_000;

export interface HistoryState {
  /** Gmail's historyId the next walk starts from. */
  historyId?: string;
  /** The mailbox's own address (users.getProfile), for the own-mail exclusion. */
  emailAddress?: string;
  /** Epoch ms of the newest mail seen (or of the cursor's start): where a re-list searches from. */
  seenUntil?: number;
  /** Gmail ids of the messages emitted last, newest last, at most DEDUPE_WINDOW. */
  recentIds?: string[];
}

export interface NewMessage {
  /** The mail as every SupportGate node reads it: providerId is the Gmail message id, threadId the Gmail thread. */
  email: SupportEmail;
  gmail: { id: string; threadId: string; labelIds: string[]; historyId?: string; internalDate?: string };
}

export type SkipReason = 'sent' | 'draft' | 'own_address' | 'own_auto_reply' | 'already_emitted' | 'deleted';

export interface WalkResult {
  /** The state to keep (cursor advanced only when the whole walk succeeded). */
  state: HistoryState;
  /** New mail, oldest first. */
  messages: NewMessage[];
  skipped: Array<{ id: string; reason: SkipReason }>;
  /** How the new mail was found: 'start' (first run: cursor set, nothing emitted), 'history' or 'relist' (cursor expired). */
  via: 'start' | 'history' | 'relist';
  /** After a re-list: the search made, and whether the bound cut it (older mail past the bound was not emitted). */
  relist?: { query: string; truncated: boolean; max: number };
}

export interface WalkOptions {
  /** Other addresses of this mailbox (send-as aliases) whose mail is ours, never a client's. */
  ownAddresses?: string[];
  /** Bound of the re-list after an expired cursor (DEFAULT_RELIST_MAX). */
  relistMax?: number;
  /** Parallel message fetches (4). */
  concurrency?: number;
  /** For tests: the clock. */
  now?: () => number;
}

const statusOf = (err: unknown): number | undefined =>
  (err as { response?: { status?: number } })?.response?.status ??
  (err as { status?: number })?.status ??
  ((err as { cause?: unknown })?.cause ? statusOf((err as { cause: unknown }).cause) : undefined);

const isNewer = (a: string | undefined, b: string | undefined): boolean => {
  if (!a) return false;
  if (!b) return true;
  return BigInt(a) > BigInt(b);
};

/** The mailbox's address and current historyId: where a fresh cursor starts. */
export async function currentProfile(client: GmailClient): Promise<{ emailAddress: string; historyId: string }> {
  try {
    const { data } = await client.api.users.getProfile({ userId: client.userId });
    if (!data.historyId)
      throw new GmailError('gmail_request_failed', 'Gmail returned the profile without a historyId.', { field: 'historyId' });
    return { emailAddress: data.emailAddress ?? '', historyId: String(data.historyId) };
  } catch (err) {
    throw toGmailError(err, 'reading the mailbox profile');
  }
}

/** A fresh cursor at the mailbox's current history: mail already there is never emitted. */
export async function startState(client: GmailClient, previous: HistoryState = {}, now = Date.now()): Promise<HistoryState> {
  const profile = await currentProfile(client);
  return {
    ...previous,
    historyId: profile.historyId,
    emailAddress: profile.emailAddress,
    seenUntil: Math.max(previous.seenUntil ?? 0, now),
    recentIds: previous.recentIds ?? [],
  };
}

/**
 * Two states of the same trigger merged (e.g. a push and a poll that each saved one): the newer
 * cursor, the later mail seen, the union of the emitted ids. Merging never moves the cursor back.
 */
export function mergeStates(a: HistoryState, b: HistoryState): HistoryState {
  const newer = isNewer(b.historyId, a.historyId) ? b : a;
  const ids = [...new Set([...(a.recentIds ?? []), ...(b.recentIds ?? [])])].slice(-DEDUPE_WINDOW);
  return {
    ...a,
    ...b,
    historyId: newer.historyId,
    emailAddress: newer.emailAddress ?? a.emailAddress ?? b.emailAddress,
    seenUntil: Math.max(a.seenUntil ?? 0, b.seenUntil ?? 0) || undefined,
    recentIds: ids,
  };
}

/** Message ids added to INBOX after the cursor, in history order, and the mailbox's historyId now. */
async function addedSince(client: GmailClient, startHistoryId: string): Promise<{ ids: string[]; historyId: string } | 'expired'> {
  const ids: string[] = [];
  let pageToken: string | undefined;
  let historyId = startHistoryId;
  do {
    let page: gmail_v1.Schema$ListHistoryResponse;
    try {
      page = (
        await client.api.users.history.list({
          userId: client.userId,
          startHistoryId,
          historyTypes: ['messageAdded'],
          labelId: 'INBOX',
          maxResults: 500,
          ...(pageToken ? { pageToken } : {}),
        })
      ).data;
    } catch (err) {
      // Gmail keeps about a week of history; an older (or invalid) startHistoryId answers 404.
      if (statusOf(err) === 404) return 'expired';
      throw toGmailError(err, 'listing the mailbox history');
    }
    for (const record of page.history ?? [])
      for (const added of record.messagesAdded ?? []) if (added.message?.id) ids.push(added.message.id);
    if (page.historyId) historyId = String(page.historyId);
    pageToken = page.nextPageToken ?? undefined;
  } while (pageToken);
  return { ids: [...new Set(ids)], historyId };
}

/** The Gmail query of a re-list: inbox mail after the last mail seen (minus a margin), in epoch seconds. */
export function relistQuery(seenUntil: number): string {
  return `in:inbox after:${Math.max(0, Math.floor((seenUntil - RELIST_MARGIN_MS) / 1000))}`;
}

async function relist(client: GmailClient, seenUntil: number, max: number): Promise<{ ids: string[]; query: string; truncated: boolean }> {
  const query = relistQuery(seenUntil);
  const ids: string[] = [];
  let pageToken: string | undefined;
  let truncated = false;
  do {
    let page: gmail_v1.Schema$ListMessagesResponse;
    try {
      page = (
        await client.api.users.messages.list({
          userId: client.userId,
          q: query,
          maxResults: Math.min(max, 500),
          includeSpamTrash: false,
          ...(pageToken ? { pageToken } : {}),
        })
      ).data;
    } catch (err) {
      throw toGmailError(err, 'listing the inbox after an expired history id');
    }
    for (const m of page.messages ?? []) if (m.id) ids.push(m.id);
    pageToken = page.nextPageToken ?? undefined;
    if (ids.length >= max && (pageToken || ids.length > max)) truncated = true;
  } while (pageToken && ids.length < max);
  // Gmail lists newest first: the bound keeps the newest.
  return { ids: [...new Set(ids)].slice(0, max), query, truncated };
}

async function fetchFull(client: GmailClient, id: string): Promise<gmail_v1.Schema$Message | undefined> {
  try {
    return (await client.api.users.messages.get({ userId: client.userId, id, format: 'raw' })).data;
  } catch (err) {
    // Deleted between the history record and now: nothing to emit.
    if (statusOf(err) === 404) return undefined;
    throw toGmailError(err, `reading message ${id}`);
  }
}

const lower = (s: string | undefined) => (s ?? '').trim().toLowerCase();

/**
 * Why a message is not a client's mail, or undefined. Drafts and sent mail are ours; so is mail
 * from the mailbox's own address, and an automatic reply carrying the headers every SupportGate
 * reply carries (Auto-Submitted: auto-replied and X-Auto-Response-Suppress: All), e.g. a reply
 * Gmail filed back in the inbox through a forwarding alias.
 */
export function exclusionOf(
  message: Pick<gmail_v1.Schema$Message, 'labelIds'>,
  email: Pick<SupportEmail, 'from' | 'headers'>,
  ownAddresses: string[],
): SkipReason | undefined {
  const labels = message.labelIds ?? [];
  if (labels.includes('DRAFT')) return 'draft';
  if (labels.includes('SENT')) return 'sent';
  const own = new Set(ownAddresses.map(lower).filter(Boolean));
  if (own.has(lower(email.from?.address))) return 'own_address';
  if (lower(email.headers['auto-submitted']) === 'auto-replied' && lower(email.headers['x-auto-response-suppress']) === 'all')
    return 'own_auto_reply';
  return undefined;
}

/**
 * One walk from the state's cursor: new inbox mail since, each message once. The returned state
 * is the one to keep; on any error nothing is returned, so the caller keeps its old state and the
 * next walk covers the same ground (already emitted ids are skipped).
 */
export async function walkHistory(client: GmailClient, state: HistoryState, options: WalkOptions = {}): Promise<WalkResult> {
  const now = options.now ?? Date.now;
  if (!state.historyId) return { state: await startState(client, state, now()), messages: [], skipped: [], via: 'start' };

  let ids: string[];
  let nextHistoryId: string;
  let via: WalkResult['via'] = 'history';
  let relistInfo: WalkResult['relist'];
  const added = await addedSince(client, state.historyId);
  if (added === 'expired') {
    // The cursor from now on; anything arriving during the re-list shows up in both and is deduplicated.
    const profile = await currentProfile(client);
    const max = Math.max(1, options.relistMax ?? DEFAULT_RELIST_MAX);
    const found = await relist(client, state.seenUntil ?? now(), max);
    ids = found.ids.reverse(); // oldest first
    nextHistoryId = profile.historyId;
    via = 'relist';
    relistInfo = { query: found.query, truncated: found.truncated, max };
  } else {
    ids = added.ids;
    nextHistoryId = added.historyId;
  }

  const recent = new Set(state.recentIds ?? []);
  const skipped: WalkResult['skipped'] = [];
  const todo = ids.filter((id) => {
    if (!recent.has(id)) return true;
    skipped.push({ id, reason: 'already_emitted' });
    return false;
  });
  const fetched: Array<gmail_v1.Schema$Message | undefined> = await mapLimit(todo, options.concurrency ?? 4, (id) => fetchFull(client, id));

  const own = [state.emailAddress ?? '', ...(options.ownAddresses ?? [])];
  const messages: NewMessage[] = [];
  let seenUntil = state.seenUntil ?? 0;
  for (let i = 0; i < todo.length; i++) {
    const m = fetched[i];
    if (!m?.raw) {
      skipped.push({ id: todo[i], reason: 'deleted' });
      continue;
    }
    const internal = Number(m.internalDate);
    if (Number.isFinite(internal)) seenUntil = Math.max(seenUntil, internal);
    const email = await normalizeGmailRaw({ id: m.id ?? todo[i], threadId: m.threadId ?? '', raw: m.raw });
    const reason = exclusionOf(m, email, own);
    if (reason) {
      skipped.push({ id: todo[i], reason });
      continue;
    }
    messages.push({
      email,
      gmail: {
        id: m.id ?? todo[i],
        threadId: m.threadId ?? '',
        labelIds: m.labelIds ?? [],
        ...(m.historyId ? { historyId: String(m.historyId) } : {}),
        ...(m.internalDate ? { internalDate: String(m.internalDate) } : {}),
      },
    });
  }
  messages.sort((a, b) => Number(a.gmail.internalDate ?? 0) - Number(b.gmail.internalDate ?? 0));

  const recentIds = [
    ...(state.recentIds ?? []).filter((id) => !messages.some((m) => m.gmail.id === id)),
    ...messages.map((m) => m.gmail.id),
  ].slice(-DEDUPE_WINDOW);
  // Never move the cursor back (a push and a poll racing, or Gmail answering with an older id).
  const historyId = isNewer(nextHistoryId, state.historyId) || via === 'relist' ? nextHistoryId : state.historyId;
  return {
    state: { ...state, historyId, seenUntil: seenUntil || now(), recentIds },
    messages,
    skipped,
    via,
    ...(relistInfo ? { relist: relistInfo } : {}),
  };
}

/**
 * The newest client mail of the inbox (exclusions applied), for an editor's "fetch test event":
 * it reads and changes no cursor.
 */
export async function latestInboxMessage(
  client: GmailClient,
  options: { ownAddresses?: string[]; lookAt?: number } = {},
): Promise<NewMessage | undefined> {
  let ids: string[];
  try {
    ids = (
      (await client.api.users.messages.list({ userId: client.userId, q: 'in:inbox', maxResults: options.lookAt ?? 10 })).data.messages ?? []
    )
      .map((m) => m.id ?? '')
      .filter(Boolean);
  } catch (err) {
    throw toGmailError(err, 'listing the inbox');
  }
  const profile = await currentProfile(client);
  for (const id of ids) {
    const m = await fetchFull(client, id);
    if (!m?.raw) continue;
    const email = await normalizeGmailRaw({ id: m.id ?? id, threadId: m.threadId ?? '', raw: m.raw });
    if (exclusionOf(m, email, [profile.emailAddress, ...(options.ownAddresses ?? [])])) continue;
    return {
      email,
      gmail: {
        id: m.id ?? id,
        threadId: m.threadId ?? '',
        labelIds: m.labelIds ?? [],
        ...(m.historyId ? { historyId: String(m.historyId) } : {}),
        ...(m.internalDate ? { internalDate: String(m.internalDate) } : {}),
      },
    };
  }
  return undefined;
}
