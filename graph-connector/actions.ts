import type { Client } from '@microsoft/microsoft-graph-client';
import type * as MicrosoftGraph from '@microsoft/microsoft-graph-types';
import { wrapGraphError } from './errors';
import { userPath } from './messages';

/** Categories SupportGate puts on mail, with their Outlook colour presets. */
export const SUPPORTGATE_CATEGORIES = {
  paid: { displayName: 'SupportGate: Paid', color: 'preset4' },
  awaitingPayment: { displayName: 'SupportGate: Awaiting payment', color: 'preset1' },
  awaitingConfirmation: { displayName: 'SupportGate: Awaiting confirmation', color: 'preset3' },
  notSupport: { displayName: 'SupportGate: Not support', color: 'preset12' },
  ignored: { displayName: 'SupportGate: Ignored', color: 'preset13' },
} as const satisfies Record<string, MicrosoftGraph.OutlookCategory>;
export type SupportGateCategory = keyof typeof SUPPORTGATE_CATEGORIES;

const msg = (mailbox: string, id: string): string => `${userPath(mailbox)}/messages/${encodeURIComponent(id)}`;
const to = (addresses: string[]): MicrosoftGraph.Recipient[] => addresses.map((address) => ({ emailAddress: { address } }));

async function call<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw wrapGraphError('ACTION_FAILED', what, err);
  }
}

/** Adds a tag such as [SG-12] to a subject once. */
export function tagSubject(subject: string, tag?: string): string {
  if (!tag || subject.includes(tag)) return subject;
  return `${subject} ${tag}`.trim();
}

/**
 * Replies in the thread: createReply (Graph sets recipients, In-Reply-To, References and quotes
 * the original), then sets our HTML body and tagged subject, then sends the draft.
 */
/** `to`, when given, replaces the draft's recipients (Graph addresses a reply to the mail's Reply-To). */
export async function replyInThread(
  client: Client,
  mailbox: string,
  messageId: string,
  reply: { html: string; subjectTag?: string; subject?: string; to?: string[] },
): Promise<string> {
  const draft = (await call('Creating the reply draft', () =>
    client.api(`${msg(mailbox, messageId)}/createReply`).post({}),
  )) as MicrosoftGraph.Message;
  const patch: MicrosoftGraph.Message = {
    subject: tagSubject(reply.subject ?? draft.subject ?? '', reply.subjectTag),
    ...(reply.to?.length ? { toRecipients: to(reply.to) } : {}),
    body: { contentType: 'html', content: reply.html + (draft.body?.content ? `<br>${draft.body.content}` : '') },
  };
  await call('Writing the reply draft', () => client.api(msg(mailbox, draft.id as string)).patch(patch));
  await call('Sending the reply', () => client.api(`${msg(mailbox, draft.id as string)}/send`).post({}));
  return draft.id as string;
}

/** One-call reply with a plain comment (no subject tag). */
export async function replyWithComment(client: Client, mailbox: string, messageId: string, comment: string): Promise<void> {
  await call('Replying', () => client.api(`${msg(mailbox, messageId)}/reply`).post({ comment }));
}

export async function sendMail(
  client: Client,
  mailbox: string,
  mail: { to: string[]; subject: string; html: string; cc?: string[] },
): Promise<void> {
  const message: MicrosoftGraph.Message = {
    subject: mail.subject,
    body: { contentType: 'html', content: mail.html },
    toRecipients: to(mail.to),
    ccRecipients: to(mail.cc ?? []),
  };
  await call('Sending mail', () => client.api(`${userPath(mailbox)}/sendMail`).post({ message, saveToSentItems: true }));
}

/** Creates the SupportGate master categories that are missing; returns the names created. */
export async function ensureCategories(client: Client, mailbox: string): Promise<string[]> {
  const path = `${userPath(mailbox)}/outlook/masterCategories`;
  const existing = (await call('Listing categories', () => client.api(path).get())) as { value: MicrosoftGraph.OutlookCategory[] };
  const have = new Set(existing.value.map((c) => c.displayName?.toLowerCase()));
  const created: string[] = [];
  for (const category of Object.values(SUPPORTGATE_CATEGORIES)) {
    if (have.has(category.displayName.toLowerCase())) continue;
    await call(`Creating category ${category.displayName}`, () => client.api(path).post(category));
    created.push(category.displayName);
  }
  return created;
}

/** Sets one SupportGate category on a message, keeping its other (non-SupportGate) categories. */
export async function setCategory(
  client: Client,
  mailbox: string,
  messageId: string,
  category: SupportGateCategory,
  current: string[] = [],
): Promise<string[]> {
  const ours = new Set<string>(Object.values(SUPPORTGATE_CATEGORIES).map((c) => c.displayName));
  const categories = [...current.filter((c) => !ours.has(c)), SUPPORTGATE_CATEGORIES[category].displayName];
  await call('Setting the category', () => client.api(msg(mailbox, messageId)).patch({ categories } satisfies MicrosoftGraph.Message));
  return categories;
}

/** Moves a message; returns the new id (Graph ids change on move). */
export async function moveMessage(client: Client, mailbox: string, messageId: string, destinationId: string): Promise<string> {
  const moved = (await call('Moving the message', () =>
    client.api(`${msg(mailbox, messageId)}/move`).post({ destinationId }),
  )) as MicrosoftGraph.Message;
  return moved.id as string;
}
