/** SupportGate's nested Gmail labels: created when missing, ids cached per client. */
import type { gmail_v1 } from '@googleapis/gmail';
import type { GmailClient } from './client';
import { GmailError, toGmailError } from './errors';

export const LABEL_PREFIX = 'SupportGate/';
export const SUPPORTGATE_LABELS = [
  'SupportGate/Paid',
  'SupportGate/Awaiting payment',
  'SupportGate/Awaiting confirmation',
  'SupportGate/Not support',
  'SupportGate/Ignored',
] as const;

/**
 * How a label name is written in a search query: Gmail lower-cases it and turns spaces, slashes
 * and other separators into hyphens ("SupportGate/Awaiting payment" → supportgate-awaiting-payment).
 */
export function labelQueryName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s/&()"{}[\]|\\]+/g, '-');
}

/** Every user label of the mailbox (one request), refreshing the client's name→id cache. */
export async function listLabels(client: GmailClient): Promise<gmail_v1.Schema$Label[]> {
  try {
    const res = await client.api.users.labels.list({ userId: client.userId });
    const labels = res.data.labels ?? [];
    for (const l of labels) if (l.name && l.id) client.labelIds.set(l.name, l.id);
    return labels;
  } catch (err) {
    throw toGmailError(err, 'listing labels');
  }
}

function checkNames(names: string[]): string[] {
  if (!Array.isArray(names)) throw new GmailError('gmail_invalid_input', 'Label names must be a list of strings.', { field: 'labels' });
  const clean = [...new Set(names.map((n) => (typeof n === 'string' ? n.trim().replace(/\/+$/, '') : '')))];
  if (clean.some((n) => !n))
    throw new GmailError('gmail_invalid_input', 'A label name is empty: give names such as "SupportGate/Paid".', { field: 'labels' });
  return clean;
}

/** Parents first: creating "A/B" also needs "A" for Gmail to show the nesting. */
function withParents(names: string[]): string[] {
  const all = new Set<string>();
  for (const n of names) {
    const parts = n.split('/');
    for (let i = 1; i <= parts.length; i++) all.add(parts.slice(0, i).join('/'));
  }
  return [...all].sort((a, b) => a.split('/').length - b.split('/').length);
}

/** Name → id for the given labels, creating the missing ones (and their parents). Cached per client. */
export async function ensureLabels(client: GmailClient, names: string[] = [...SUPPORTGATE_LABELS]): Promise<Record<string, string>> {
  const wanted = checkNames(names);
  if (wanted.some((n) => !client.labelIds.has(n))) await listLabels(client);
  for (const name of withParents(wanted)) {
    if (client.labelIds.has(name)) continue;
    try {
      const res = await client.api.users.labels.create({
        userId: client.userId,
        requestBody: { name, labelListVisibility: 'labelShow', messageListVisibility: 'show' },
      });
      if (!res.data.id)
        throw new GmailError('gmail_request_failed', `Gmail created label "${name}" but returned no id.`, { field: 'labels' });
      client.labelIds.set(name, res.data.id);
    } catch (err) {
      // Another run created it meanwhile (409): read the list again instead of failing.
      if ((err as { status?: number; response?: { status?: number } }).response?.status === 409) {
        await listLabels(client);
        if (client.labelIds.has(name)) continue;
      }
      throw toGmailError(err, `creating label "${name}"`);
    }
  }
  return Object.fromEntries(wanted.map((n) => [n, client.labelIds.get(n) as string]));
}

/** Adds the labels (created if missing) to one message; returns the message's labels after. */
export async function applyLabels(
  client: GmailClient,
  messageId: string,
  names: string[],
  removeLabelIds: string[] = [],
): Promise<string[]> {
  if (typeof messageId !== 'string' || !messageId.trim()) {
    throw new GmailError('gmail_invalid_input', "No Gmail message id to label: pass the id of the client's mail (email.providerId).", {
      field: 'messageId',
    });
  }
  const ids = await ensureLabels(client, names);
  try {
    const res = await client.api.users.messages.modify({
      userId: client.userId,
      id: messageId.trim(),
      requestBody: { addLabelIds: Object.values(ids), ...(removeLabelIds.length ? { removeLabelIds } : {}) },
    });
    return res.data.labelIds ?? [];
  } catch (err) {
    throw toGmailError(err, `labelling message ${messageId}`);
  }
}
