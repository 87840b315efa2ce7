import libmime from 'libmime';
import { buildSupportEmail } from './build';
import { htmlToPlainText } from './clean-text';
import { addHeader, bagFromLineRecord, bagFromPairs, type HeaderBag } from './headers';
import { isObject, str, unwrapItem } from './item';
import { addressesOf, partsFromParsedMail } from './parsed-mail';
import { normalizeRfc822 } from './rfc822';
import { EmailInputError, type SupportEmail } from './types';

/** Gmail stamps this authserv-id on the Authentication-Results it adds. */
export const GMAIL_AUTHSERV_ID = 'mx.google.com';

/**
 * Gmail Trigger, "Simplify" on: the Gmail API message in metadata format, with the
 * From/To/Cc/Subject headers lifted to the top level (or still under payload.headers when
 * n8n's simplification failed). No body: only the snippet, so textIsPreview is set.
 */
export function normalizeGmailSimple(item: unknown): SupportEmail {
  const { json, binaries } = unwrapItem(item, 'Gmail Trigger');
  const payload = isObject(json.payload) ? json.payload : {};
  const headers: HeaderBag = bagFromPairs(payload.headers);
  for (const name of ['From', 'To', 'Cc', 'Subject', 'Message-ID', 'In-Reply-To', 'References', 'Date']) {
    if (json[name] !== undefined) addHeader(headers, name, json[name]);
  }
  if (typeof payload.mimeType === 'string' && !headers.has('content-type')) addHeader(headers, 'content-type', payload.mimeType);
  if (!headers.has('from')) {
    throw new EmailInputError(
      'From',
      'The Gmail Trigger item has no From header: keep "Simplify" output unchanged or switch it off to get the full message.',
    );
  }
  const internal = Number(json.internalDate);
  return buildSupportEmail({
    source: 'gmail-simple',
    providerId: str(json.id),
    threadId: str(json.threadId),
    from: addressesOf(headers.get('from')?.[0])[0],
    to: addressesOf(headers.get('to')?.join(', ') ?? ''),
    cc: addressesOf(headers.get('cc')?.join(', ') ?? ''),
    // Gmail API header values can keep RFC 2047 encoded words.
    subject: libmime.decodeWords(headers.get('subject')?.[0] ?? ''),
    // The snippet is HTML-escaped text ("it&#39;s"); convert() decodes the entities.
    text: typeof json.snippet === 'string' ? htmlToPlainText(json.snippet) : '',
    textIsPreview: true,
    attachments: binaries,
    headers,
    authOrder: 'none',
    date: Number.isFinite(internal) && internal > 0 ? new Date(internal) : undefined,
  });
}

/** Gmail Trigger, "Simplify" off: n8n's parseRawEmail output (mailparser fields, headers as {key: line}). */
export function normalizeGmailFull(item: unknown): SupportEmail {
  const { json, binaries } = unwrapItem(item, 'Gmail Trigger');
  const headers = isObject(json.headers) ? bagFromLineRecord(json.headers) : new Map<string, string[]>();
  const parts = partsFromParsedMail(json, 'gmail-full', headers, 'last-only', {
    providerId: str(json.id),
    threadId: str(json.threadId),
    expectedAuthservId: GMAIL_AUTHSERV_ID,
  });
  if (binaries.length) parts.attachments = binaries;
  return buildSupportEmail(parts);
}

/** A Gmail API message fetched with format=raw ({id, threadId, raw: base64url}). */
export async function normalizeGmailRaw(item: unknown): Promise<SupportEmail> {
  const { json } = unwrapItem(item, 'Gmail API');
  if (typeof json.raw !== 'string' || !json.raw) {
    throw new EmailInputError('raw', 'The Gmail message has no "raw" field: fetch it with format=raw.');
  }
  return normalizeRfc822(Buffer.from(json.raw, 'base64url'), 'gmail-full', {
    providerId: str(json.id),
    threadId: str(json.threadId),
    expectedAuthservId: GMAIL_AUTHSERV_ID,
  });
}
