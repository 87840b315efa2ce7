/**
 * The Credits API the Gmail add-on calls, framework-free: (operation, headers, body) → (status,
 * JSON body). The n8n "SupportGate Credits API" node serves it behind n8n Webhook nodes.
 * Shapes are the zod schemas of api-schemas.ts, shared with the add-on.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { ZodError, ZodTypeAny } from 'zod';
import * as api from './api-schemas';
import { isLedgerError } from './errors';
import { normalizeDomain } from './normalize';
import type { Account, Ledger, Project, Ticket } from './types';

export const CREDITS_API_OPERATIONS = ['sender', 'grant', 'revoke', 'authorize', 'ticketStatus', 'waive'] as const;
export type CreditsApiOperation = (typeof CREDITS_API_OPERATIONS)[number];
export const API_KEY_HEADER = 'x-supportgate-key';

export interface ApiResponse {
  statusCode: number;
  body: Record<string, unknown>;
}

const fail = (statusCode: number, code: string, message: string, field?: string): ApiResponse => ({
  statusCode,
  body: { error: { code, message, ...(field ? { field } : {}) } },
});

/** Constant-time comparison of the presented key with the configured one. */
export function apiKeyMatches(presented: unknown, expected: string): boolean {
  if (typeof presented !== 'string' || !expected) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

function parse<T extends ZodTypeAny>(schema: T, body: unknown): { data: T['_output'] } | { error: ApiResponse } {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { data: result.data };
  const issue = (result.error as ZodError).issues[0];
  const field = issue.path.join('.') || 'body';
  return { error: fail(400, 'invalid_request', `${field}: ${issue.message}`, field) };
}

async function projectOf(ledger: Ledger, ref: string): Promise<Project | ApiResponse> {
  return (await ledger.getProject(ref)) ?? fail(404, 'unknown_project', `Unknown project "${ref}".`, 'project');
}

async function accountOf(ledger: Ledger, project: Project, sender: string): Promise<Account | ApiResponse> {
  return (await ledger.resolveSender(project.id, sender)) ?? fail(404, 'unknown_sender', `${sender} is not an authorized client of ${project.name}: authorize it first.`, 'sender');
}

const ticketShape = (t: Ticket): api.SenderCreditsResponse['tickets'][number] => ({ id: t.id, number: t.number, subject: t.subject, status: t.status, waived: t.waived, createdAt: t.createdAt });

async function ticketOf(ledger: Ledger, project: Project, ticketNumber: number): Promise<Ticket | ApiResponse> {
  return (await ledger.getTicketByNumber(project.id, ticketNumber)) ?? fail(404, 'unknown_ticket', `No ticket ${ticketNumber} in ${project.name}.`, 'ticketNumber');
}

const isResponse = (v: unknown): v is ApiResponse => typeof v === 'object' && v !== null && 'statusCode' in v;

const handlers: Record<CreditsApiOperation, (ledger: Ledger, body: unknown, actor: string) => Promise<ApiResponse>> = {
  async sender(ledger, body) {
    const req = parse(api.SenderCreditsRequest, body);
    if ('error' in req) return req.error;
    const project = await projectOf(ledger, req.data.project);
    if (isResponse(project)) return project;
    const account = await ledger.resolveSender(project.id, req.data.sender);
    if (!account) return { statusCode: 200, body: { authorized: false, account: null, balance: 0, history: [], openPaymentLinks: [], tickets: [] } };
    const [history, open, tickets] = await Promise.all([ledger.history(account.id, { limit: 10 }), ledger.findOpenPaymentRequest(account.id), ledger.listTickets(account.id, { limit: 20 })]);
    const response: api.SenderCreditsResponse = {
      authorized: true,
      account: { id: account.id, name: account.name },
      balance: await ledger.balance(account.id),
      history: history.entries.map((e) => ({ id: e.id, kind: e.kind, credits: e.credits, balanceAfter: e.balanceAfter, ticketId: e.ticketId, actor: e.actor, note: e.note, createdAt: e.createdAt })),
      openPaymentLinks: open ? [{ url: open.url, credits: open.credits, amountMinor: open.amountMinor, currency: open.currency, expiresAt: open.expiresAt }] : [],
      tickets: tickets.map(ticketShape),
    };
    return { statusCode: 200, body: response };
  },
  grant: (ledger, body, actor) => move(ledger, body, actor, 'grant'),
  revoke: (ledger, body, actor) => move(ledger, body, actor, 'revoke'),
  async authorize(ledger, body, actor) {
    const req = parse(api.AuthorizeSenderRequest, body);
    if ('error' in req) return req.error;
    const project = await projectOf(ledger, req.data.project);
    if (isResponse(project)) return project;
    const { account, created } = await ledger.authorizeSender(project.id, req.data.sender, {
      // 0 (the add-on's empty field) means no initial grant, not an invalid one.
      initialCredits: req.data.initialCredits || undefined,
      actor,
    });
    if (req.data.wholeDomain) await ledger.authorizeDomain(project.id, account.id, normalizeDomain(req.data.sender.split('@').pop() ?? ''));
    const response: api.AuthorizeSenderResponse = { account: { id: account.id, name: account.name }, balance: await ledger.balance(account.id), created };
    return { statusCode: 200, body: response };
  },
  async ticketStatus(ledger, body, actor) {
    const req = parse(api.SetTicketStatusRequest, body);
    if ('error' in req) return req.error;
    const project = await projectOf(ledger, req.data.project);
    if (isResponse(project)) return project;
    const ticket = await ticketOf(ledger, project, req.data.ticketNumber);
    if (isResponse(ticket)) return ticket;
    const updated = await ledger.setTicketStatus(ticket.id, req.data.status, actor, req.data.note);
    const response: api.SetTicketStatusResponse = { ticket: ticketShape(updated) };
    return { statusCode: 200, body: response };
  },
  async waive(ledger, body, actor) {
    const req = parse(api.WaiveTicketRequest, body);
    if ('error' in req) return req.error;
    const project = await projectOf(ledger, req.data.project);
    if (isResponse(project)) return project;
    const ticket = await ticketOf(ledger, project, req.data.ticketNumber);
    if (isResponse(ticket)) return ticket;
    // The ledger keys the waive per ticket (waive:<ticketId>): a second click or another person's moves nothing.
    const r = await ledger.waiveTicket(ticket.id, actor, req.data.note || undefined).catch((e: unknown) => {
      if (isLedgerError(e) && e.code === 'not_charged') return fail(400, e.code, e.message, 'ticketNumber'); // the caller named it by number
      throw e;
    });
    if (isResponse(r)) return r;
    const response: api.WaiveTicketResponse = { status: r.status, balance: r.balance, credits: r.credits, entryId: r.entryId, ticket: ticketShape(r.ticket) };
    return { statusCode: 200, body: response };
  },
};

async function move(ledger: Ledger, body: unknown, actor: string, kind: 'grant' | 'revoke'): Promise<ApiResponse> {
  const req = parse(api.GrantRequest, body);
  if ('error' in req) return req.error;
  const project = await projectOf(ledger, req.data.project);
  if (isResponse(project)) return project;
  const account = await accountOf(ledger, project, req.data.sender);
  if (isResponse(account)) return account;
  const key = `api:${kind}:${req.data.idempotencyKey}`;
  const result = await ledger[kind](account.id, req.data.credits, key, actor, req.data.note || undefined);
  const response: api.MoneyResponse = { status: result.status, balance: result.balance, credits: result.credits, entryId: result.entryId };
  return { statusCode: 200, body: response };
}

/** Serves one request. The key is checked first: without it, nothing is read or revealed. */
export async function handleCreditsApi(
  ledger: Ledger,
  request: { operation: CreditsApiOperation; headers: Record<string, unknown>; body: unknown; expectedKey: string; actor?: string },
): Promise<ApiResponse> {
  if (!apiKeyMatches(request.headers[API_KEY_HEADER], request.expectedKey)) {
    return fail(401, 'unauthorized', `Missing or wrong ${API_KEY_HEADER} header: use the key of the "SupportGate Credits API" credential.`);
  }
  try {
    return await handlers[request.operation](ledger, request.body, request.actor ?? 'gmail-addon');
  } catch (e) {
    if (isLedgerError(e)) {
      const status = e.code.startsWith('unknown_') ? 404 : e.code.startsWith('database_') ? 503 : 400;
      return fail(status, e.code, e.message, e.field);
    }
    throw e;
  }
}
