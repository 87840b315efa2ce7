import { createHash } from 'node:crypto';
import { guessLanguage, htmlToPlainText, stripPreviewQuote, stripQuotesAndSignatures } from './clean-text';
import { first, messageIds, type HeaderBag } from './headers';
import {
  EmailInputError,
  RULE_HEADERS,
  supportEmailSchema,
  type AuthHeaders,
  type EmailAddress,
  type EmailSource,
  type SupportEmail,
} from './types';

export interface AttachmentInfo {
  filename?: string;
  contentType?: string;
  size?: number;
}

/** What every normalizer extracts before the shared cleaning and validation. */
export interface EmailParts {
  source: EmailSource;
  messageId?: string;
  providerId?: string;
  threadId?: string;
  inReplyTo?: string;
  references?: string[];
  from?: EmailAddress;
  to?: EmailAddress[];
  cc?: EmailAddress[];
  replyTo?: EmailAddress[];
  subject?: string;
  text?: string;
  html?: string;
  textIsPreview?: boolean;
  /** The raw body was cut before parsing (see raw-bounds.ts): the text is truncated whatever its length. */
  bodyCut?: boolean;
  attachments?: AttachmentInfo[];
  attachmentCount?: number;
  headers: HeaderBag;
  authOrder: AuthHeaders['order'];
  expectedAuthservId?: string;
  date?: string | Date;
}

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+$/;

export function cleanAddress(address: unknown, name?: unknown): EmailAddress | undefined {
  if (typeof address !== 'string') return undefined;
  const a = address.trim().replace(/^<|>$/g, '').toLowerCase();
  if (!ADDRESS.test(a)) return undefined;
  return { address: a, name: typeof name === 'string' ? name.trim() : '' };
}

function toIsoDate(date: string | Date | undefined): string | undefined {
  if (date === undefined) return undefined;
  const d = date instanceof Date ? date : new Date(date);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

function synthesizeMessageId(parts: EmailParts, body: string): string {
  if (parts.providerId) return `<${parts.providerId.replace(/[<>\s]/g, '')}@${parts.source}.supportgate.invalid>`;
  const h = createHash('sha256')
    .update([parts.from?.address, parts.subject, toIsoDate(parts.date), body.slice(0, 4096)].join('\n'))
    .digest('hex')
    .slice(0, 32);
  return `<${h}@supportgate.invalid>`;
}

export function buildSupportEmail(parts: EmailParts): SupportEmail {
  if (!parts.from) {
    throw new EmailInputError(
      'from',
      `The ${parts.source} item has no usable From address. Pass the trigger's output unchanged (for Outlook, include the "from" field; for Gmail simple mode, keep the From header).`,
    );
  }
  let body = parts.text && parts.text.trim() ? parts.text : parts.html ? htmlToPlainText(parts.html) : '';
  if (parts.textIsPreview) body = stripPreviewQuote(body);
  const cleaned = stripQuotesAndSignatures(body);

  const headers: Record<string, string> = {};
  for (const name of RULE_HEADERS) {
    const v = first(parts.headers, name);
    if (v !== undefined) headers[name] = v;
  }
  const declaredId = messageIds(parts.messageId ?? first(parts.headers, 'message-id'))[0];
  const subject = (parts.subject ?? first(parts.headers, 'subject') ?? '').slice(0, 1000);

  const email: SupportEmail = {
    source: parts.source,
    messageId: declaredId ?? synthesizeMessageId(parts, body),
    messageIdSynthetic: declaredId === undefined,
    providerId: parts.providerId,
    threadId: parts.threadId,
    inReplyTo: messageIds(parts.inReplyTo ?? first(parts.headers, 'in-reply-to'))[0],
    references: parts.references ?? messageIds(first(parts.headers, 'references')),
    from: parts.from,
    to: parts.to ?? [],
    cc: parts.cc ?? [],
    replyTo: parts.replyTo ?? [],
    subject,
    text: cleaned.text,
    textTruncated: cleaned.truncated || parts.bodyCut === true,
    textIsPreview: parts.textIsPreview ?? false,
    attachments: {
      count: parts.attachmentCount ?? parts.attachments?.length ?? 0,
      items: (parts.attachments ?? []).slice(0, 50).map((a) => ({
        filename: a.filename ?? '',
        contentType: a.contentType ?? 'application/octet-stream',
        size: Math.max(0, Math.round(a.size ?? 0)),
      })),
    },
    auth: {
      authenticationResults: parts.headers.get('authentication-results') ?? [],
      arcAuthenticationResults: parts.headers.get('arc-authentication-results') ?? [],
      order: parts.authOrder,
      expectedAuthservId: parts.expectedAuthservId,
    },
    headers,
    date: toIsoDate(parts.date ?? first(parts.headers, 'date')),
    language: guessLanguage(`${subject}\n${cleaned.text}`),
  };
  const checked = supportEmailSchema.safeParse(email);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new EmailInputError(issue.path.join('.') || 'item', `Invalid ${parts.source} item: ${issue.message}.`);
  }
  return checked.data;
}
