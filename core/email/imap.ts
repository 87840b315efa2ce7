import { buildSupportEmail } from './build';
import { addHeader, bagFromLineRecord, type HeaderBag } from './headers';
import { isObject, str, unwrapItem } from './item';
import { addressesOf, partsFromParsedMail } from './parsed-mail';
import { normalizeRfc822 } from './rfc822';
import { EmailInputError, type SupportEmail } from './types';

/**
 * Email Trigger (IMAP) v2, format "simple": {textHtml, textPlain, metadata: {header: first value},
 * attributes: {uid}, from, to, cc, subject, date} with header values already decoded by libmime.
 */
export function normalizeImapSimple(item: unknown): SupportEmail {
  const { json, binaries } = unwrapItem(item, 'Email Trigger (IMAP)');
  const headers: HeaderBag = new Map();
  if (isObject(json.metadata)) {
    for (const [name, value] of Object.entries(json.metadata)) addHeader(headers, name, value);
  }
  for (const name of ['from', 'to', 'cc', 'subject', 'date']) addHeader(headers, name, json[name]);
  const from = addressesOf(str(json.from) ?? '')[0];
  if (!from) {
    throw new EmailInputError(
      'from',
      'The Email Trigger item has no usable "from": pass the trigger output of format "simple" or "resolved" unchanged.',
    );
  }
  const uid = isObject(json.attributes) ? str(json.attributes.uid) : undefined;
  return buildSupportEmail({
    source: 'imap-simple',
    providerId: uid ? `imap-uid-${uid}` : undefined,
    from,
    to: addressesOf(str(json.to) ?? ''),
    cc: addressesOf(str(json.cc) ?? ''),
    replyTo: addressesOf(headers.get('reply-to')?.[0] ?? ''),
    subject: str(json.subject),
    text: str(json.textPlain),
    html: str(json.textHtml),
    attachments: binaries,
    headers,
    // n8n keeps values[0] of each header: the topmost, the one the receiving host added.
    authOrder: 'first-only',
    date: str(json.date),
  });
}

/** Email Trigger (IMAP) v2, format "resolved": the same mailparser shape as Gmail full. */
export function normalizeImapResolved(item: unknown): SupportEmail {
  const { json, binaries } = unwrapItem(item, 'Email Trigger (IMAP)');
  const headers = isObject(json.headers) ? bagFromLineRecord(json.headers) : new Map<string, string[]>();
  const uid = isObject(json.attributes) ? str(json.attributes.uid) : undefined;
  const parts = partsFromParsedMail(json, 'imap-resolved', headers, 'last-only', { providerId: uid ? `imap-uid-${uid}` : undefined });
  if (binaries.length) parts.attachments = binaries;
  return buildSupportEmail(parts);
}

const LOOKS_LIKE_HEADERS = /^(?:[!-9;-~]+:[^\r\n]*\r?\n(?:[ \t][^\r\n]*\r?\n)*){2,}\r?\n/;

/**
 * Email Trigger (IMAP) v2, format "RAW": {raw}. n8n fetches BODY[TEXT] — the body without the
 * header section — so only a full message (some setups pass one) can become a SupportEmail.
 */
export async function normalizeImapRaw(item: unknown): Promise<SupportEmail> {
  const { json } = unwrapItem(item, 'Email Trigger (IMAP)');
  const raw = json.raw;
  if (typeof raw !== 'string' || !raw) {
    throw new EmailInputError('raw', 'The Email Trigger item has no "raw" text: choose format "RAW", "simple" or "resolved".');
  }
  if (!LOOKS_LIKE_HEADERS.test(raw.slice(0, 64 * 1024))) {
    throw new EmailInputError(
      'raw',
      'The Email Trigger "RAW" format carries only the message body (IMAP BODY[TEXT]), without From, Message-ID or authentication headers: set the trigger\'s format to "resolved" (or "simple").',
    );
  }
  return normalizeRfc822(raw, 'imap-raw');
}
