/**
 * Payment requests (Stripe Checkout sessions) and the dedupe of processed messages. Paying and
 * refunding move credits in the same transaction as the status change, keyed by the session id,
 * so a replayed Stripe event is the same result and never a second grant.
 */
import { guarded, inTransaction, newId, now, type Ctx } from './context';
import { LedgerError } from './errors';
import { move } from './money';
import { requirePositiveInt, requireText } from './normalize';
import { requireAccountRow, requireProjectRow, toPayment } from './rows';
import type { MoneyResult, NewPaymentRequest, PaymentRequest } from './types';
import type { Kysely, Transaction } from 'kysely';
import type { LedgerDatabase } from './db-schema';

function isoDate(value: Date | string, field: string): string {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime()))
    throw new LedgerError('invalid_argument', `${field} is not a date: give a Date or an ISO-8601 string.`, field);
  return d.toISOString();
}

export function createPaymentRequest(ctx: Ctx, input: NewPaymentRequest): Promise<PaymentRequest> {
  const session = requireText(input?.stripeSessionId, 'stripeSessionId', 'give the Checkout Session id, e.g. "cs_test_…"');
  const url = requireText(input.url, 'url', 'give the Checkout Session url the client pays at');
  requirePositiveInt(input.credits, 'credits');
  requirePositiveInt(input.amountMinor, 'amountMinor');
  const currency = requireText(input.currency, 'currency', 'give a currency code like "EUR"').toUpperCase();
  const expiresAt = isoDate(input.expiresAt, 'expiresAt');
  return inTransaction(ctx, async (trx) => {
    const account = await requireAccountRow(trx, input.accountId);
    const existing = await trx.selectFrom('payment_requests').selectAll().where('stripe_session_id', '=', session).executeTakeFirst();
    if (existing) {
      if (existing.account_id !== account.id)
        throw new LedgerError('duplicate', `stripeSessionId ${session} is already recorded for another account.`, 'stripeSessionId');
      return toPayment(existing);
    }
    const at = now();
    const row = {
      id: newId(),
      project_id: account.project_id,
      account_id: account.id,
      ticket_id: input.ticketId ?? null,
      stripe_session_id: session,
      url,
      credits: input.credits,
      amount_minor: input.amountMinor,
      currency,
      status: 'open',
      expires_at: expiresAt,
      created_at: at,
      updated_at: at,
    };
    await trx.insertInto('payment_requests').values(row).execute();
    return toPayment(row);
  });
}

export async function getPaymentRequestBySession(ctx: Ctx, session: string): Promise<PaymentRequest | null> {
  const row = await guarded(ctx, () =>
    ctx.db.selectFrom('payment_requests').selectAll().where('stripe_session_id', '=', String(session)).executeTakeFirst(),
  );
  return row ? toPayment(row) : null;
}

/** The newest open, unexpired request of an account (one open link per account). */
export async function findOpenPaymentRequest(ctx: Ctx, accountId: string, at: Date = new Date()): Promise<PaymentRequest | null> {
  const row = await guarded(ctx, () =>
    ctx.db
      .selectFrom('payment_requests')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('status', '=', 'open')
      .where('expires_at', '>', at.toISOString())
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
  );
  return row ? toPayment(row) : null;
}

export async function lockRequest(ctx: Ctx, trx: Transaction<LedgerDatabase>, session: string) {
  const row = await trx
    .selectFrom('payment_requests')
    .selectAll()
    .where('stripe_session_id', '=', String(session))
    .$if(ctx.kind === 'postgres', (q) => q.forUpdate())
    .executeTakeFirst();
  if (!row)
    throw new LedgerError(
      'unknown_payment_request',
      `stripeSessionId "${session}" matches no payment request: create it with createPaymentRequest first.`,
      'stripeSessionId',
    );
  return row;
}

async function setStatus(trx: Transaction<LedgerDatabase>, id: string, status: string) {
  const at = now();
  await trx.updateTable('payment_requests').set({ status, updated_at: at }).where('id', '=', id).execute();
  return at;
}

/** open|expired → paid, granting its credits (a late payment on an expired link still counts). */
export function markPaymentPaid(ctx: Ctx, session: string, actor: string): Promise<{ request: PaymentRequest; grant: MoneyResult }> {
  return inTransaction(ctx, async (trx) => {
    const row = await lockRequest(ctx, trx, session);
    if (row.status === 'refunded')
      throw new LedgerError('invalid_transition', `payment ${session} was refunded: it cannot become paid again.`, 'stripeSessionId');
    const grant = (await move(ctx, trx, {
      accountId: row.account_id,
      kind: 'purchase',
      credits: Number(row.credits),
      idempotencyKey: `stripe:${row.stripe_session_id}`,
      actor,
      note: `Stripe payment ${row.stripe_session_id}`,
      paymentRequestId: row.id,
    })) as MoneyResult;
    const updated = row.status === 'paid' ? row.updated_at : await setStatus(trx, row.id, 'paid');
    return { request: toPayment({ ...row, status: 'paid', updated_at: updated }), grant };
  });
}

/** open → expired; a paid or refunded request stays as it is. */
export function markPaymentExpired(ctx: Ctx, session: string): Promise<PaymentRequest> {
  return inTransaction(ctx, async (trx) => {
    const row = await lockRequest(ctx, trx, session);
    if (row.status !== 'open') return toPayment(row);
    return toPayment({ ...row, status: 'expired', updated_at: await setStatus(trx, row.id, 'expired') });
  });
}

/** paid → refunded, taking back what is left of its credits (never below zero). */
export function markPaymentRefunded(
  ctx: Ctx,
  session: string,
  actor: string,
): Promise<{ request: PaymentRequest; revoke: MoneyResult | null }> {
  return inTransaction(ctx, async (trx) => {
    const row = await lockRequest(ctx, trx, session);
    if (row.status !== 'paid' && row.status !== 'refunded') {
      throw new LedgerError(
        'invalid_transition',
        `payment ${session} is ${row.status}, not paid: only a paid request can be refunded.`,
        'stripeSessionId',
      );
    }
    const key = `stripe-refund:${row.stripe_session_id}`;
    // Only the unused part: what the Stripe refund events (payments' per-refund revokes) or
    // tickets already took since the purchase is not taken twice.
    const done = await trx
      .selectFrom('journal')
      .select('id')
      .where('account_id', '=', row.account_id)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
    const usage = await usageAfter(trx, row.account_id, `stripe:${row.stripe_session_id}`);
    const unused = Number(row.credits) - usage.debited - usage.revoked;
    const revoke =
      !done && unused <= 0
        ? null
        : ((await move(ctx, trx, {
            accountId: row.account_id,
            kind: 'refund',
            credits: Math.max(1, unused),
            idempotencyKey: key,
            actor,
            note: `Stripe refund ${row.stripe_session_id}`,
            paymentRequestId: row.id,
          })) as MoneyResult);
    const updated = row.status === 'refunded' ? row.updated_at : await setStatus(trx, row.id, 'refunded');
    return { request: toPayment({ ...row, status: 'refunded', updated_at: updated }), revoke };
  });
}

/** True the first time (project, Message-ID) is recorded; the first outcome is kept. */
export function recordMessage(ctx: Ctx, ref: string, messageId: string, outcome: string): Promise<boolean> {
  const id = requireText(messageId, 'messageId', 'give the Message-ID header of the mail');
  const what = requireText(outcome, 'outcome', 'say what was done, e.g. "ticket:SG-12" or "ignored:newsletter"');
  return inTransaction(ctx, async (trx) => {
    const project = await requireProjectRow(trx, ref);
    const r = await trx
      .insertInto('processed_messages')
      .values({ project_id: project.id, message_id: id, outcome: what, created_at: now() })
      .onConflict((oc) => oc.columns(['project_id', 'message_id']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  });
}

export async function getMessageOutcome(ctx: Ctx, ref: string, messageId: string): Promise<string | null> {
  return guarded(ctx, async () => {
    const project = await requireProjectRow(ctx.db, ref);
    const row = await ctx.db
      .selectFrom('processed_messages')
      .select('outcome')
      .where('project_id', '=', project.id)
      .where('message_id', '=', String(messageId))
      .executeTakeFirst();
    return row?.outcome ?? null;
  });
}

/** Status without credits: expired (open only) or refunded (open or paid); 'paid' goes through markPaymentPaid. */
export function setPaymentRequestStatus(ctx: Ctx, session: string, status: 'expired' | 'refunded'): Promise<PaymentRequest> {
  if (status !== 'expired' && status !== 'refunded') {
    throw new LedgerError(
      'invalid_argument',
      `status must be "expired" or "refunded" (got ${JSON.stringify(status)}); a payment becomes paid only through markPaymentPaid, which grants its credits.`,
      'status',
    );
  }
  return inTransaction(ctx, async (trx) => {
    const row = await lockRequest(ctx, trx, session);
    if (row.status === status) return toPayment(row);
    const allowed = status === 'expired' ? row.status === 'open' : row.status === 'open' || row.status === 'paid';
    if (!allowed) {
      if (status === 'expired') return toPayment(row); // a paid or refunded link does not expire
      throw new LedgerError('invalid_transition', `payment ${session} is ${row.status}: it cannot become ${status}.`, 'stripeSessionId');
    }
    return toPayment({ ...row, status, updated_at: await setStatus(trx, row.id, status) });
  });
}

// Columns and tables added by migration 2, typed here so db-schema.ts stays the initial schema.
type PaymentsV2 = {
  payment_requests: { last_sent_at: string | null };
  stripe_events: { event_id: string; created_at: string };
};
const v2 = (db: Kysely<LedgerDatabase> | Transaction<LedgerDatabase>) => (db as Kysely<LedgerDatabase>).withTables<PaymentsV2>();

/** True once per payment request: the caller may send its payment-request mail. */
export function claimPaymentRequestMail(ctx: Ctx, session: string, at: Date = new Date()): Promise<boolean> {
  return inTransaction(ctx, async (trx) => {
    await lockRequest(ctx, trx, session);
    const r = await v2(trx)
      .updateTable('payment_requests')
      .set({ last_sent_at: at.toISOString() })
      .where('stripe_session_id', '=', String(session))
      .where('last_sent_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows ?? 0) > 0;
  });
}

export async function hasJournalEntry(ctx: Ctx, accountId: string, key: string): Promise<boolean> {
  const row = await guarded(ctx, () =>
    ctx.db
      .selectFrom('journal')
      .select('id')
      .where('account_id', '=', String(accountId))
      .where('idempotency_key', '=', String(key))
      .executeTakeFirst(),
  );
  return Boolean(row);
}

async function usageAfter(
  db: Kysely<LedgerDatabase> | Transaction<LedgerDatabase>,
  accountId: string,
  key: string,
): Promise<{ debited: number; revoked: number }> {
  const start = await db
    .selectFrom('journal')
    .select('seq')
    .where('account_id', '=', accountId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  if (!start) return { debited: 0, revoked: 0 };
  const rows = await db
    .selectFrom('journal')
    .select(['kind', (eb) => eb.fn.sum<number>('credits').as('total')])
    .where('account_id', '=', accountId)
    .where('seq', '>', Number(start.seq))
    .where('kind', 'in', ['debit', 'revoke', 'refund', 'expire'])
    .groupBy('kind')
    .execute();
  const of = (kinds: string[]) => rows.filter((r) => kinds.includes(r.kind)).reduce((sum, r) => sum - Number(r.total), 0);
  // Expired credits left the account too: a refund never takes them back twice.
  return { debited: of(['debit']), revoked: of(['revoke', 'refund', 'expire']) };
}

export function usageSince(ctx: Ctx, accountId: string, key: string): Promise<{ debited: number; revoked: number }> {
  return guarded(ctx, () => usageAfter(ctx.db, String(accountId), String(key)));
}

/** Insert-or-nothing on the event id: atomic, so of two concurrent deliveries exactly one is first. */
export function recordEventOnce(ctx: Ctx, eventId: string): Promise<boolean> {
  const id = requireText(eventId, 'eventId', 'give the Stripe event id, e.g. "evt_…"');
  return inTransaction(ctx, async (trx) => {
    const r = await v2(trx)
      .insertInto('stripe_events')
      .values({ event_id: id, created_at: now() })
      .onConflict((oc) => oc.column('event_id').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  });
}
