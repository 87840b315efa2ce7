import type { Client } from '@microsoft/microsoft-graph-client';
import type * as MicrosoftGraph from '@microsoft/microsoft-graph-types';
import { statusOf, wrapGraphError } from './errors';

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
