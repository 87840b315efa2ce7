/**
 * Request/response shapes of the Credits API the Gmail add-on calls (served by n8n webhook
 * workflows in front of the ledger). Every request names the project (id or name); senders are
 * e-mail addresses; credits are whole numbers; times are ISO-8601 strings.
 */
import { z } from 'zod';
import { JOURNAL_KINDS, TICKET_STATUSES } from './types';

const project = z.string().min(1).describe('Project id or name');
const email = z.string().email().describe('E-mail address, compared case-insensitively');
const credits = z.number().int().positive().describe('Whole number of credits (1 credit = 1 intervention)');
const idempotencyKey = z.string().min(1).max(200).describe('Unique per intended movement: a retry with the same key moves nothing');

/** GET-like: everything the sidebar shows about the sender of the open mail. */
export const SenderCreditsRequest = z.object({ project, sender: email });

export const JournalEntryShape = z.object({
  id: z.string(),
  kind: z.enum(JOURNAL_KINDS),
  credits: z.number().int().describe('Signed: +10 grant, -1 debit'),
  balanceAfter: z.number().int(),
  ticketId: z.string().nullable(),
  actor: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
});

export const PaymentLinkShape = z.object({
  url: z.string().url(),
  credits: z.number().int(),
  amountMinor: z.number().int().describe('Amount in minor units: 8000 = 80.00'),
  currency: z.string(),
  /** Formatted by the server with the currency's own decimals ("80.00 €", "8,000 ¥"). */
  price: z.string(),
  expiresAt: z.string(),
});

export const TicketShape = z.object({
  id: z.string(),
  number: z.number().int().describe('Shown as [SG-<number>]'),
  subject: z.string(),
  status: z.enum(TICKET_STATUSES),
  /** True once staff waived it: its credits came back. Absent from servers older than the waive: false. */
  waived: z.boolean().default(false),
  createdAt: z.string(),
});

export const UpcomingExpiryShape = z.object({
  credits: z.number().int().positive(),
  /** When they expire; in the past for credits the next daily sweep expires. */
  expiresAt: z.string(),
});

export const SenderCreditsResponse = z.object({
  /** False when neither the address nor its domain belongs to an account: the rest is empty. */
  authorized: z.boolean(),
  account: z.object({ id: z.string(), name: z.string() }).nullable(),
  balance: z.number().int(),
  /** Newest first, one page. */
  history: z.array(JournalEntryShape),
  openPaymentLinks: z.array(PaymentLinkShape),
  tickets: z.array(TicketShape),
  /** Credits that expire within 60 days (project setting creditExpiryMonths), soonest first. Absent from older servers. */
  upcomingExpiries: z.array(UpcomingExpiryShape).optional(),
});

export const GrantRequest = z.object({ project, sender: email, credits, note: z.string().max(500).default(''), idempotencyKey });
/** Takes back credits, never below zero. */
export const RevokeRequest = GrantRequest;
export const MoneyResponse = z.object({
  status: z.enum(['done', 'already_done']),
  balance: z.number().int().describe('Balance right after the movement'),
  credits: z.number().int().describe('Credits actually moved (a revoke may move fewer)'),
  entryId: z.string(),
});

/** Authorizes one address, or its whole domain (every sender @client.fr), optionally with credits. */
export const AuthorizeSenderRequest = z.object({
  project,
  sender: email,
  wholeDomain: z.boolean().default(false),
  initialCredits: z.number().int().min(0).default(0),
  /** The client's name when the address is new (the console sets it); default: the address. */
  accountName: z.string().trim().max(200).optional(),
});
export const AuthorizeSenderResponse = z.object({
  account: z.object({ id: z.string(), name: z.string() }),
  balance: z.number().int(),
  /** False when the sender was already authorized. */
  created: z.boolean(),
});

export const SetTicketStatusRequest = z.object({
  project,
  ticketNumber: z.number().int().positive(),
  status: z.enum(TICKET_STATUSES),
  note: z.string().max(500).optional(),
});
export const SetTicketStatusResponse = z.object({ ticket: TicketShape });

/**
 * Staff marks a ticket not chargeable: its credits come back, at most once per ticket whatever
 * the key. The key is per click, like grant and revoke, so every money request has one shape.
 */
export const WaiveTicketRequest = z.object({
  project,
  ticketNumber: z.number().int().positive(),
  note: z.string().max(500).default(''),
  idempotencyKey,
});
export const WaiveTicketResponse = MoneyResponse.extend({ ticket: TicketShape });

/**
 * Statements (issue 15): an account's movements in a period, by sender or account id; the period
 * is a month ("2026-11"), from/to (ISO dates, to exclusive), or nothing: the previous calendar
 * month (UTC, or the project's settings.timeZone). Totals per group reconcile with the balances.
 */
export const StatementRequest = z
  .object({
    project,
    sender: email.optional(),
    accountId: z.string().min(1).optional(),
    month: z
      .string()
      .regex(/^\d{4}-\d{2}$/, 'write the month as YYYY-MM, e.g. 2026-11')
      .optional(),
    from: z.string().min(1).optional(),
    to: z.string().min(1).optional(),
  })
  .refine((r) => r.sender || r.accountId, { message: "give sender (one of the account's addresses) or accountId", path: ['sender'] });
const StatementLineShape = z.object({
  date: z.string(),
  kind: z.string().describe('Journal kind: grant, purchase, debit, waive, refund, revoke, expire…'),
  group: z.string(),
  credits: z.number().int().describe('Signed'),
  balanceAfter: z.number().int(),
  ticket: z.object({ number: z.number().int(), tag: z.string(), subject: z.string() }).nullable(),
  purchase: z
    .object({ credits: z.number().int(), amountMinor: z.number().int(), currency: z.string(), stripeSessionId: z.string() })
    .nullable(),
  note: z.string().nullable(),
});
export const StatementResponse = z.object({
  account: z.object({ id: z.string(), name: z.string() }),
  period: z.object({ from: z.string(), to: z.string(), month: z.string().nullable(), timeZone: z.string() }),
  openingBalance: z.number().int(),
  closingBalance: z.number().int(),
  lines: z.array(StatementLineShape),
  totals: z.record(z.string(), z.object({ count: z.number().int(), credits: z.number().int() })),
  purchasedAmounts: z.array(z.object({ currency: z.string(), amountMinor: z.number().int() })),
  upcomingExpiries: z.array(z.object({ credits: z.number().int(), expiresAt: z.string() })),
  /** The same statement as RFC 4180 CSV. */
  csv: z.string(),
});
export type StatementRequest = z.infer<typeof StatementRequest>;
export type StatementResponse = z.infer<typeof StatementResponse>;

/** Every failure: code is a LedgerError code (or "unauthorized", "bad_request"); field names the input at fault. */
export const ApiError = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
});

export type SenderCreditsRequest = z.infer<typeof SenderCreditsRequest>;
export type SenderCreditsResponse = z.infer<typeof SenderCreditsResponse>;
export type GrantRequest = z.infer<typeof GrantRequest>;
export type RevokeRequest = z.infer<typeof RevokeRequest>;
export type MoneyResponse = z.infer<typeof MoneyResponse>;
export type AuthorizeSenderRequest = z.infer<typeof AuthorizeSenderRequest>;
export type AuthorizeSenderResponse = z.infer<typeof AuthorizeSenderResponse>;
export type SetTicketStatusRequest = z.infer<typeof SetTicketStatusRequest>;
export type SetTicketStatusResponse = z.infer<typeof SetTicketStatusResponse>;
export type WaiveTicketRequest = z.infer<typeof WaiveTicketRequest>;
export type WaiveTicketResponse = z.infer<typeof WaiveTicketResponse>;
export type ApiError = z.infer<typeof ApiError>;
