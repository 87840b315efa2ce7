/**
 * The Credits API the Gmail add-on (and the console) calls, framework-free: (operation, headers,
 * body) → (status, JSON body). The n8n "SupportGate Credits API" node serves it behind n8n Webhook
 * nodes. Shapes are the zod schemas of core/ledger/api-schemas.ts, shared with the add-on; every
 * operation is the staff operation the Ledger node runs too.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import * as api from '../ledger/api-schemas';
import { isLedgerError, type Ledger, type Ticket } from '../ledger';
import { authorizeSender } from './clients';
import { moveCredits, senderOverview } from './credits';
import { setTicketStatus, waiveTicket } from './ticket-actions';
import { CONSOLE_OPERATIONS, consoleHandlers } from './api/console';
import { fail, InvalidRequest, parse, type ApiHandler, type ApiResponse } from './api/handler';

export type { ApiResponse } from './api/handler';
export const ADDON_OPERATIONS = ['sender', 'grant', 'revoke', 'authorize', 'ticketStatus', 'waive'] as const;
/** The add-on's operations, then the console's (core/staff/api/console.ts). */
export const CREDITS_API_OPERATIONS = [...ADDON_OPERATIONS, ...CONSOLE_OPERATIONS] as const;
export type CreditsApiOperation = (typeof CREDITS_API_OPERATIONS)[number];
export const API_KEY_HEADER = 'x-supportgate-key';

/** The one answer to a missing or wrong key, whoever checks it first. */
export const UNAUTHORIZED: ApiResponse = fail(
  401,
  'unauthorized',
  `Missing or wrong ${API_KEY_HEADER} header: use the key of the "SupportGate Credits API" credential.`,
);

/** Constant-time comparison of the presented key with the configured one. */
export function apiKeyMatches(presented: unknown, expected: string): boolean {
  if (typeof presented !== 'string' || !expected) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

const ticketShape = (t: Ticket): api.SenderCreditsResponse['tickets'][number] => ({
  id: t.id,
  number: t.number,
  subject: t.subject,
  status: t.status,
  waived: t.waived,
  createdAt: t.createdAt,
});
const moneyShape = (r: api.MoneyResponse): api.MoneyResponse => ({
  status: r.status,
  balance: r.balance,
  credits: r.credits,
  entryId: r.entryId,
});

const addonHandlers: Record<(typeof ADDON_OPERATIONS)[number], ApiHandler> = {
  async sender(ledger, body) {
    const o = await senderOverview(ledger, parse(api.SenderCreditsRequest, body));
    const link = o.openPaymentLink;
    const response: api.SenderCreditsResponse = {
      authorized: o.authorized,
      account: o.account ? { id: o.account.id, name: o.account.name } : null,
      balance: o.balance,
      history: o.history.map((e) => ({
        id: e.id,
        kind: e.kind,
        credits: e.credits,
        balanceAfter: e.balanceAfter,
        ticketId: e.ticketId,
        actor: e.actor,
        note: e.note,
        createdAt: e.createdAt,
      })),
      openPaymentLinks: link
        ? [
            {
              url: link.url,
              credits: link.credits,
              amountMinor: link.amountMinor,
              currency: link.currency,
              price: link.price,
              expiresAt: link.expiresAt,
            },
          ]
        : [],
      tickets: o.tickets.map(ticketShape),
    };
    return response;
  },
  async grant(ledger, body, actor) {
    const req = parse(api.GrantRequest, body);
    return moneyShape(await moveCredits(ledger, 'grant', { ...req, idempotencyKey: `api:grant:${req.idempotencyKey}`, actor }));
  },
  async revoke(ledger, body, actor) {
    const req = parse(api.RevokeRequest, body);
    return moneyShape(await moveCredits(ledger, 'revoke', { ...req, idempotencyKey: `api:revoke:${req.idempotencyKey}`, actor }));
  },
  async authorize(ledger, body, actor) {
    const r = await authorizeSender(ledger, { ...parse(api.AuthorizeSenderRequest, body), actor });
    const response: api.AuthorizeSenderResponse = {
      account: { id: r.account.id, name: r.account.name },
      balance: r.balance,
      created: r.created,
    };
    return response;
  },
  async ticketStatus(ledger, body, actor) {
    const response: api.SetTicketStatusResponse = {
      ticket: ticketShape(await setTicketStatus(ledger, { ...parse(api.SetTicketStatusRequest, body), actor })),
    };
    return response;
  },
  async waive(ledger, body, actor) {
    const r = await waiveTicket(ledger, { ...parse(api.WaiveTicketRequest, body), actor });
    const response: api.WaiveTicketResponse = { ...moneyShape(r), ticket: ticketShape(r.ticket) };
    return response;
  },
};

const handlers: Record<CreditsApiOperation, ApiHandler> = { ...addonHandlers, ...consoleHandlers };

const statusOf = (code: string) => (code.startsWith('unknown_') ? 404 : code.startsWith('database_') ? 503 : 400);

/** Serves one request. The key is checked first: without it, nothing is read or revealed. */
export async function handleCreditsApi(
  ledger: Ledger,
  request: {
    operation: CreditsApiOperation | string;
    headers: Record<string, unknown>;
    body: unknown;
    expectedKey: string;
    actor?: string;
  },
): Promise<ApiResponse> {
  if (!apiKeyMatches(request.headers[API_KEY_HEADER], request.expectedKey)) return UNAUTHORIZED;
  if (!Object.hasOwn(handlers, request.operation))
    return fail(
      400,
      'invalid_request',
      `Unknown operation "${String(request.operation)}": use one of ${CREDITS_API_OPERATIONS.join(', ')}.`,
      'operation',
    );
  try {
    return {
      statusCode: 200,
      body: await handlers[request.operation as CreditsApiOperation](ledger, request.body, request.actor ?? 'gmail-addon'),
    };
  } catch (e) {
    if (e instanceof InvalidRequest) return e.response;
    if (isLedgerError(e)) return fail(statusOf(e.code), e.code, e.message, e.field);
    throw e;
  }
}
