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
import type { Transaction } from 'kysely';
import type { LedgerDatabase } from './db-schema';

function isoDate(value: Date | string, field: string): string {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) throw new LedgerError('invalid_argument', `${field} is not a date: give a Date or an ISO-8601 string.`, field);
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
      if (existing.account_id !== account.id) throw new LedgerError('duplicate', `stripeSessionId ${session} is already recorded for another account.`, 'stripeSessionId');
      return toPayment(existing);
    }
    const at = now();
    const row = {
      id: newId(), project_id: account.project_id, account_id: account.id, ticket_id: input.ticketId ?? null, stripe_session_id: session,
      url, credits: input.credits, amount_minor: input.amountMinor, currency, status: 'open', expires_at: expiresAt, created_at: at, updated_at: at,
    };
    await trx.insertInto('payment_requests').values(row).execute();
    return toPayment(row);
  });
}

export async function getPaymentRequestBySession(ctx: Ctx, session: string): Promise<PaymentRequest | null> {
  const row = await guarded(ctx, () => ctx.db.selectFrom('payment_requests').selectAll().where('stripe_session_id', '=', String(session)).executeTakeFirst());
  return row ? toPayment(row) : null;
}

/** The newest open, unexpired request of an account (one open link per account). */
export async function findOpenPaymentRequest(ctx: Ctx, accountId: string, at: Date = new Date()): Promise<PaymentRequest | null> {
  const row = await guarded(ctx, () => ctx.db.selectFrom('payment_requests').selectAll().where('account_id', '=', accountId)
    .where('status', '=', 'open').where('expires_at', '>', at.toISOString()).orderBy('created_at', 'desc').limit(1).executeTakeFirst());
  return row ? toPayment(row) : null;
}

async function lockRequest(ctx: Ctx, trx: Transaction<LedgerDatabase>, session: string) {
  const row = await trx.selectFrom('payment_requests').selectAll().where('stripe_session_id', '=', String(session))
    .$if(ctx.kind === 'postgres', (q) => q.forUpdate()).executeTakeFirst();
  if (!row) throw new LedgerError('unknown_payment_request', `stripeSessionId "${session}" matches no payment request: create it with createPaymentRequest first.`, 'stripeSessionId');
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
    if (row.status === 'refunded') throw new LedgerError('invalid_transition', `payment ${session} was refunded: it cannot become paid again.`, 'stripeSessionId');
    const grant = (await move(ctx, trx, {
      accountId: row.account_id, kind: 'purchase', credits: Number(row.credits), idempotencyKey: `stripe:${row.stripe_session_id}`,
      actor, note: `Stripe payment ${row.stripe_session_id}`, paymentRequestId: row.id,
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
export function markPaymentRefunded(ctx: Ctx, session: string, actor: string): Promise<{ request: PaymentRequest; revoke: MoneyResult | null }> {
  return inTransaction(ctx, async (trx) => {
    const row = await lockRequest(ctx, trx, session);
    if (row.status !== 'paid' && row.status !== 'refunded') {
      throw new LedgerError('invalid_transition', `payment ${session} is ${row.status}, not paid: only a paid request can be refunded.`, 'stripeSessionId');
    }
    const revoke = (await move(ctx, trx, {
      accountId: row.account_id, kind: 'refund', credits: Number(row.credits), idempotencyKey: `stripe-refund:${row.stripe_session_id}`,
      actor, note: `Stripe refund ${row.stripe_session_id}`, paymentRequestId: row.id,
    })) as MoneyResult;
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
    const r = await trx.insertInto('processed_messages').values({ project_id: project.id, message_id: id, outcome: what, created_at: now() })
      .onConflict((oc) => oc.columns(['project_id', 'message_id']).doNothing()).executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  });
}

export async function getMessageOutcome(ctx: Ctx, ref: string, messageId: string): Promise<string | null> {
  return guarded(ctx, async () => {
    const project = await requireProjectRow(ctx.db, ref);
    const row = await ctx.db.selectFrom('processed_messages').select('outcome').where('project_id', '=', project.id).where('message_id', '=', String(messageId)).executeTakeFirst();
    return row?.outcome ?? null;
  });
}
