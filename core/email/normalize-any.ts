import { normalizeGmailFull, normalizeGmailRaw, normalizeGmailSimple } from './gmail';
import { normalizeImapRaw, normalizeImapResolved, normalizeImapSimple } from './imap';
import { isObject, unwrapItem } from './item';
import { normalizeOutlookRaw, normalizeOutlookSimple } from './outlook';
import { normalizeRfc822 } from './rfc822';
import { EmailInputError, type EmailSource, type SupportEmail } from './types';

/** An n8n Webhook node item ({headers, params, query, body}): its body is the mail, never the item itself. */
function isWebhookItem(json: Record<string, unknown>): boolean {
  return isObject(json.headers) && isObject(json.params) && isObject(json.query) && 'body' in json;
}

/** The raw message a Webhook item carries: the body as text, or a `raw` field of a JSON body. */
function webhookRawMessage(json: Record<string, unknown>): string {
  const body = json.body;
  const raw = typeof body === 'string' ? body : isObject(body) && typeof body.raw === 'string' ? body.raw : '';
  if (!raw.trim()) {
    throw new EmailInputError(
      'body',
      'A Webhook item carries no raw message: POST the message itself (Content-Type: message/rfc822 or text/plain) or a JSON body {"raw": "<RFC 822 message>"}.',
    );
  }
  return raw;
}

/** Which normalizer an item needs, from its shape alone. */
export function detectSource(item: unknown): EmailSource | 'gmail-api-raw' {
  if (typeof item === 'string' || Buffer.isBuffer(item)) return 'rfc822';
  const { json } = unwrapItem(item, 'input');
  if (isWebhookItem(json)) return 'rfc822';
  if (typeof json.raw === 'string') return json.threadId !== undefined ? 'gmail-api-raw' : 'imap-raw';
  if ('textPlain' in json || 'textHtml' in json || isObject(json.metadata)) return 'imap-simple';
  const mailparserShape = isObject(json.headers) && (isObject(json.from) || 'messageId' in json || 'text' in json || 'html' in json);
  if (mailparserShape) return json.threadId !== undefined || json.labelIds !== undefined ? 'gmail-full' : 'imap-resolved';
  if ('snippet' in json && ('From' in json || isObject(json.payload))) return 'gmail-simple';
  if ('internetMessageId' in json || 'toRecipients' in json || isObject(json.body) || isObject(json.from)) return 'outlook-raw';
  if ('bodyPreview' in json || 'conversationId' in json)
    return typeof json.from === 'string' || json.from === undefined ? 'outlook-simple' : 'outlook-raw';
  throw new EmailInputError(
    'item',
    'Unrecognized email item: expected the output of the Gmail Trigger, Microsoft Outlook Trigger or Email Trigger (IMAP), or a raw RFC 822 message.',
  );
}

/** Any supported trigger output (bare json or an n8n {json, binary} item) or raw MIME → SupportEmail. */
export async function normalizeAny(item: unknown): Promise<SupportEmail> {
  switch (detectSource(item)) {
    case 'rfc822':
      if (typeof item === 'string' || Buffer.isBuffer(item)) return normalizeRfc822(item);
      return normalizeRfc822(webhookRawMessage(unwrapItem(item, 'input').json));
    case 'gmail-api-raw':
      return normalizeGmailRaw(item);
    case 'imap-raw':
      return normalizeImapRaw(item);
    case 'imap-simple':
      return normalizeImapSimple(item);
    case 'gmail-full':
      return normalizeGmailFull(item);
    case 'imap-resolved':
      return normalizeImapResolved(item);
    case 'gmail-simple':
      return normalizeGmailSimple(item);
    case 'outlook-raw':
      return normalizeOutlookRaw(item);
    case 'outlook-simple':
      return normalizeOutlookSimple(item);
  }
}
