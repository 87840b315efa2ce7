import { parseAddressHeader } from 'mailparser';
import { cleanAddress, type AttachmentInfo, type EmailParts } from './build';
import { messageIds, type HeaderBag } from './headers';
import type { AuthHeaders, EmailAddress, EmailSource } from './types';

type Json = Record<string, unknown>;

interface AddressLike {
  address?: unknown;
  name?: unknown;
  group?: unknown;
}

function flatten(values: unknown, out: EmailAddress[]): void {
  if (!Array.isArray(values)) return;
  for (const v of values as AddressLike[]) {
    if (!v || typeof v !== 'object') continue;
    if (Array.isArray(v.group)) flatten(v.group, out);
    const a = cleanAddress(v.address, v.name);
    if (a) out.push(a);
  }
}

/** mailparser AddressObject (or an array of them, or a plain header string) → addresses. */
export function addressesOf(value: unknown): EmailAddress[] {
  const out: EmailAddress[] = [];
  if (typeof value === 'string') {
    flatten(parseAddressHeader(value.slice(0, 16 * 1024)).value, out);
    return out;
  }
  for (const obj of Array.isArray(value) ? value : [value]) {
    if (obj && typeof obj === 'object') flatten((obj as { value?: unknown }).value, out);
  }
  return out.slice(0, 200);
}

/** A ParsedMail from simpleParser, in memory or after n8n's JSON round trip. */
export function partsFromParsedMail(
  mail: Json,
  source: EmailSource,
  headers: HeaderBag,
  authOrder: AuthHeaders['order'],
  extra: Partial<EmailParts> = {},
): EmailParts {
  const attachments: AttachmentInfo[] = Array.isArray(mail.attachments)
    ? (mail.attachments as Json[]).map((a) => ({
        filename: typeof a.filename === 'string' ? a.filename : undefined,
        contentType: typeof a.contentType === 'string' ? a.contentType : undefined,
        size: typeof a.size === 'number' ? a.size : undefined,
      }))
    : [];
  const html = typeof mail.html === 'string' ? mail.html : undefined;
  return {
    source,
    messageId: typeof mail.messageId === 'string' ? mail.messageId : undefined,
    inReplyTo: typeof mail.inReplyTo === 'string' ? mail.inReplyTo : undefined,
    references: mail.references !== undefined ? messageIds(mail.references) : undefined,
    from: addressesOf(mail.from)[0],
    to: addressesOf(mail.to),
    cc: addressesOf(mail.cc),
    replyTo: addressesOf(mail.replyTo),
    subject: typeof mail.subject === 'string' ? mail.subject : undefined,
    text: typeof mail.text === 'string' ? mail.text : undefined,
    html,
    attachments,
    headers,
    authOrder,
    date: typeof mail.date === 'string' || mail.date instanceof Date ? (mail.date as string | Date) : undefined,
    ...extra,
  };
}
