/** Per-project listings for staff screens (the console): tickets by status, payment requests, last activity. */
import { guarded, type Ctx } from './context';
import { requireProjectRow, toPayment, toTicket } from './rows';
import type { AccountActivity, PaymentRequest, ProjectTicketQuery, Ticket, TicketStatus } from './types';
import { LedgerError } from './errors';
import { TICKET_STATUSES } from './types';

const MAX_LIMIT = 500;

function statusesOf(status: ProjectTicketQuery['status']): TicketStatus[] | null {
  if (status === undefined || status === null) return null;
  const list = Array.isArray(status) ? status : [status];
  for (const s of list)
    if (!(TICKET_STATUSES as readonly string[]).includes(s))
      throw new LedgerError(
        'invalid_argument',
        `status "${String(s)}" is not a ticket status: use one of ${TICKET_STATUSES.join(', ')}.`,
        'status',
      );
  return list;
}

function limitOf(limit: number | undefined): number {
  if (limit === undefined) return 100;
  if (!Number.isSafeInteger(limit) || limit < 1)
    throw new LedgerError(
      'invalid_argument',
      `limit must be a whole number from 1 to ${MAX_LIMIT} (got ${JSON.stringify(limit)}).`,
      'limit',
    );
  return Math.min(limit, MAX_LIMIT);
}

/** The project's tickets, newest (highest number) first, optionally only those of some statuses. */
export async function listProjectTickets(ctx: Ctx, ref: string, query: ProjectTicketQuery = {}): Promise<Ticket[]> {
  const statuses = statusesOf(query.status);
  const limit = limitOf(query.limit);
  return guarded(ctx, async () => {
    const project = await requireProjectRow(ctx.db, ref);
    let q = ctx.db.selectFrom('tickets').selectAll().where('project_id', '=', project.id);
    if (statuses) q = q.where('status', 'in', statuses);
    if (query.accountId) q = q.where('account_id', '=', query.accountId);
    return (await q.orderBy('number', 'desc').limit(limit).execute()).map(toTicket);
  });
}

/** How many of the project's tickets have one of these statuses (all tickets when none given). */
export async function countProjectTickets(ctx: Ctx, ref: string, status?: ProjectTicketQuery['status']): Promise<number> {
  const statuses = statusesOf(status);
  return guarded(ctx, async () => {
    const project = await requireProjectRow(ctx.db, ref);
    let q = ctx.db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('project_id', '=', project.id);
    if (statuses) q = q.where('status', 'in', statuses);
    return Number((await q.executeTakeFirst())?.n ?? 0);
  });
}

/** The project's payment requests (one account's when given), newest first. */
export async function listPaymentRequests(
  ctx: Ctx,
  ref: string,
  query: { accountId?: string | null; limit?: number } = {},
): Promise<PaymentRequest[]> {
  const limit = limitOf(query.limit);
  return guarded(ctx, async () => {
    const project = await requireProjectRow(ctx.db, ref);
    let q = ctx.db.selectFrom('payment_requests').selectAll().where('project_id', '=', project.id);
    if (query.accountId) q = q.where('account_id', '=', query.accountId);
    return (await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute()).map(toPayment);
  });
}

/**
 * When each account of the project last moved credits or opened a ticket (null: never). The last
 * journal row is found by seq = entries (the unique account/seq index), so no journal scan.
 */
export async function lastActivity(ctx: Ctx, ref: string): Promise<AccountActivity[]> {
  return guarded(ctx, async () => {
    const project = await requireProjectRow(ctx.db, ref);
    const rows = await ctx.db
      .selectFrom('accounts as a')
      .leftJoin('journal as j', (join) => join.onRef('j.account_id', '=', 'a.id').onRef('j.seq', '=', 'a.entries'))
      .select((eb) => [
        'a.id',
        'j.created_at as journal_at',
        eb
          .selectFrom('tickets as t')
          .select((t) => t.fn.max('t.created_at').as('at'))
          .whereRef('t.account_id', '=', 'a.id')
          .as('ticket_at'),
      ])
      .where('a.project_id', '=', project.id)
      .execute();
    return rows.map((r) => {
      const times = [r.journal_at, r.ticket_at].filter((t): t is string => typeof t === 'string' && t !== '');
      return { accountId: r.id, lastActivityAt: times.length ? times.sort().at(-1)! : null };
    });
  });
}
