import { z } from 'zod';

/** Where a SupportEmail came from: lets rules know which fields the source could not carry. */
export const EMAIL_SOURCES = [
  'gmail-simple',
  'gmail-full',
  'outlook-simple',
  'outlook-raw',
  'imap-simple',
  'imap-resolved',
  'imap-raw',
  'rfc822',
] as const;
export type EmailSource = (typeof EMAIL_SOURCES)[number];

export const emailAddressSchema = z.object({
  address: z.string(),
  name: z.string(),
});
export type EmailAddress = z.infer<typeof emailAddressSchema>;

export const attachmentSummarySchema = z.object({
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int().nonnegative(),
});

/**
 * Authentication-Results values as the source delivered them, top (newest, added by the
 * receiving host) first. `order` says how much of the header list the source kept:
 * 'all' (raw MIME, Graph internetMessageHeaders), 'first-only' (IMAP simple keeps the first
 * occurrence), 'last-only' (n8n's mailparser-based items keep the last occurrence), 'none'.
 */
export const authHeadersSchema = z.object({
  authenticationResults: z.array(z.string()),
  arcAuthenticationResults: z.array(z.string()),
  order: z.enum(['all', 'first-only', 'last-only', 'none']),
  /** The authserv-id this source is known to stamp (e.g. mx.google.com for Gmail). */
  expectedAuthservId: z.string().optional(),
});
export type AuthHeaders = z.infer<typeof authHeadersSchema>;

/** The headers the pre-filter and authenticity rules read; lower-case names, first value kept. */
export const RULE_HEADERS = [
  'auto-submitted',
  'x-autoreply',
  'x-autorespond',
  'x-auto-response-suppress',
  'precedence',
  'list-id',
  'list-unsubscribe',
  'list-post',
  'list-unsubscribe-post',
  'return-path',
  'content-type',
  'x-failed-recipients',
  'feedback-id',
  'x-mailer',
  'received-spf',
  // The receiving server's spam verdict and bulk senders' campaign stamps (pre-filter).
  'x-spam-flag',
  'x-spam-status',
  'x-ms-exchange-organization-scl',
  'x-forefront-antispam-report',
  'x-mc-user',
  'x-mailin-campaign',
  'x-mailjet-campaign',
  'x-cmail-groupname',
  'x-campaign-id',
  'x-campaignid',
  // Which support address the mail was really delivered to (the gate reads them with To/Cc).
  'delivered-to',
  'x-original-to',
  'envelope-to',
] as const;
export type RuleHeader = (typeof RULE_HEADERS)[number];

export const supportEmailSchema = z.object({
  source: z.enum(EMAIL_SOURCES),
  /** Message-ID with angle brackets; synthesized (see messageIdSynthetic) when the source has none. */
  messageId: z.string().min(1),
  messageIdSynthetic: z.boolean(),
  /** Provider id (Gmail id, Graph id, IMAP uid) when known. */
  providerId: z.string().optional(),
  threadId: z.string().optional(),
  inReplyTo: z.string().optional(),
  references: z.array(z.string()),
  from: emailAddressSchema,
  to: z.array(emailAddressSchema),
  cc: z.array(emailAddressSchema),
  replyTo: z.array(emailAddressSchema),
  subject: z.string(),
  /** Body without quoted history and signatures, capped at TEXT_CAP characters. */
  text: z.string(),
  /** True when the body was cut to the cap, or the source only gave a preview/snippet. */
  textTruncated: z.boolean(),
  textIsPreview: z.boolean(),
  attachments: z.object({
    count: z.number().int().nonnegative(),
    items: z.array(attachmentSummarySchema),
  }),
  auth: authHeadersSchema,
  headers: z.record(z.string(), z.string()),
  date: z.string().optional(),
  language: z.enum(['fr', 'en', 'other']),
});
export type SupportEmail = z.infer<typeof supportEmailSchema>;

/** Thrown for an item that cannot become a SupportEmail; `field` names what is missing. */
export class EmailInputError extends Error {
  readonly code = 'EMAIL_INPUT_INVALID';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'EmailInputError';
  }
}

/** Characters of cleaned body kept per email. */
export const TEXT_CAP = 64 * 1024;
/** Characters of body examined at all: bounds CPU on 10 MB bodies. */
export const SCAN_CAP = 256 * 1024;
