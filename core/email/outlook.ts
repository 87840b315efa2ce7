import { buildSupportEmail, cleanAddress, type AttachmentInfo } from './build';
import { addHeader, bagFromPairs, messageIds } from './headers';
import { isObject, str, unwrapItem, type Json } from './item';
import { EmailInputError, type EmailAddress, type SupportEmail } from './types';

/** Graph recipient {emailAddress: {name, address}} (also accepts a bare address string). */
function recipient(v: unknown): EmailAddress | undefined {
  if (typeof v === 'string') return cleanAddress(v);
  if (!isObject(v)) return undefined;
  const e = isObject(v.emailAddress) ? v.emailAddress : v;
  return cleanAddress(e.address, e.name);
}

function recipients(v: unknown): EmailAddress[] {
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list
    .map(recipient)
    .filter((a): a is EmailAddress => a !== undefined)
    .slice(0, 200);
}

/**
 * Microsoft Outlook Trigger, output "Simplified": {id, conversationId, subject, bodyPreview,
 * from: address, to: [addresses], categories, hasAttachments}. No headers, preview body only.
 */
export function normalizeOutlookSimple(item: unknown): SupportEmail {
  const { json, binaries } = unwrapItem(item, 'Microsoft Outlook Trigger');
  return buildSupportEmail({
    source: 'outlook-simple',
    providerId: str(json.id),
    threadId: str(json.conversationId),
    from: recipient(json.from),
    to: recipients(json.to),
    subject: str(json.subject),
    text: str(json.bodyPreview) ?? '',
    textIsPreview: true,
    attachments: binaries,
    attachmentCount: binaries.length || (json.hasAttachments === true ? 1 : 0),
    headers: new Map(),
    authOrder: 'none',
  });
}

/**
 * Microsoft Outlook Trigger, output "Raw" or "Select Included Fields": a Graph message resource.
 * internetMessageHeaders is present only when the caller selected it (our Graph connector does).
 */
export function normalizeOutlookRaw(item: unknown): SupportEmail {
  const { json, binaries } = unwrapItem(item, 'Microsoft Outlook Trigger');
  const headers = bagFromPairs(json.internetMessageHeaders);
  if (typeof json.subject === 'string' && !headers.has('subject')) addHeader(headers, 'subject', json.subject);
  const from = recipient(json.from) ?? recipient(json.sender);
  if (!from && json.from === undefined && json.sender === undefined) {
    throw new EmailInputError(
      'from',
      'The Graph message has no "from" field: use the "Raw" output or include "from" in the selected fields.',
    );
  }
  const body = isObject(json.uniqueBody) ? json.uniqueBody : isObject(json.body) ? json.body : undefined;
  const content = body && typeof body.content === 'string' ? body.content : undefined;
  const isHtml = body ? String(body.contentType).toLowerCase() === 'html' : false;
  const attachments: AttachmentInfo[] = Array.isArray(json.attachments)
    ? (json.attachments as Json[]).map((a) => ({
        filename: str(a.name),
        contentType: str(a.contentType),
        size: typeof a.size === 'number' ? a.size : undefined,
      }))
    : binaries;
  return buildSupportEmail({
    source: 'outlook-raw',
    providerId: str(json.id),
    threadId: str(json.conversationId),
    messageId: str(json.internetMessageId),
    inReplyTo: headers.get('in-reply-to')?.[0],
    references: messageIds(headers.get('references')?.[0]),
    from,
    to: recipients(json.toRecipients),
    cc: recipients(json.ccRecipients),
    replyTo: recipients(json.replyTo),
    subject: str(json.subject),
    text: content !== undefined && !isHtml ? content : content === undefined ? (str(json.bodyPreview) ?? '') : undefined,
    html: isHtml ? content : undefined,
    textIsPreview: content === undefined,
    attachments,
    attachmentCount: attachments.length || (json.hasAttachments === true ? 1 : 0),
    headers,
    authOrder: 'all',
    date: str(json.receivedDateTime) ?? str(json.sentDateTime),
  });
}
