import type { Client } from '@microsoft/microsoft-graph-client';
import type * as MicrosoftGraph from '@microsoft/microsoft-graph-types';
import type { SupportEmail } from '../core/email';
import { GraphConnectorError, statusOf, wrapGraphError } from './errors';

/** Fields SupportEmail needs from a Graph message; headers carry Authentication-Results. */
export const MESSAGE_SELECT = [
  'id',
  'internetMessageId',
  'conversationId',
  'subject',
  'from',
  'sender',
  'toRecipients',
  'ccRecipients',
  'replyTo',
  'receivedDateTime',
  'sentDateTime',
  'hasAttachments',
  'body',
  'uniqueBody',
  'bodyPreview',
  'categories',
  'internetMessageHeaders',
].join(',');

/** Attachment metadata only: never the contentBytes. */
export const ATTACHMENTS_EXPAND = 'attachments($select=id,name,contentType,size,isInline)';

export const userPath = (mailbox: string): string => `/users/${encodeURIComponent(mailbox)}`;

/** Fetches one message with headers and attachment metadata; undefined when it is gone (404). */
export async function fetchMessage(client: Client, mailbox: string, id: string): Promise<MicrosoftGraph.Message | undefined> {
  try {
    return (await client
      .api(`${userPath(mailbox)}/messages/${encodeURIComponent(id)}`)
      .select(MESSAGE_SELECT)
      .expand(ATTACHMENTS_EXPAND)
      .get()) as MicrosoftGraph.Message;
  } catch (err) {
    if (statusOf(err) === 404) return undefined;
    throw wrapGraphError('MESSAGE_FETCH_FAILED', `Fetching message ${id}`, err);
  }
}

/** Turns a Graph message into a SupportEmail (core's normalizeOutlookRaw). */
export type EmailNormalizer = (message: MicrosoftGraph.Message) => SupportEmail;

// No runtime import of core here: n8n nodes bundle this folder but must reach the core only
// through its barrel (one shared core bundle), so they pass `toEmail`; index.ts registers the
// default (normalize.ts) for everyone importing the connector's barrel.
let defaultNormalizer: EmailNormalizer | undefined;

export function setDefaultEmailNormalizer(normalizer: EmailNormalizer): void {
  defaultNormalizer = normalizer;
}

export function resolveEmailNormalizer(normalizer?: EmailNormalizer): EmailNormalizer {
  const chosen = normalizer ?? defaultNormalizer;
  if (!chosen) throw new GraphConnectorError('CONFIG_INVALID', 'No email normalizer: pass toEmail (e.g. core email.normalizeOutlookRaw) or import the connector through graph-connector/index.', 'toEmail');
  return chosen;
}
