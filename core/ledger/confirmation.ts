/**
 * Requests from senders whose mail could not be authenticated: held as waiting_confirmation with a
 * secret code that only the registered address receives, then charged once when it confirms.
 * The code lives in ticket_messages under a prefix no Message-ID has, so it needs no new table.
 */
import { inTransaction, newId, now, guarded, type Ctx } from './context';
import { LedgerError } from './errors';
import { move } from './money';
import { normalizeAddress, requireText } from './normalize';
import { requireAccountRow, requireProjectRow, toTicket } from './rows';
import { insertTicket } from './tickets';
import type { ConfirmHeldTicketInput, ConfirmHeldTicketResult, HoldForConfirmationInput, HoldForConfirmationResult, Ticket } from './types';

const codeKey = (code: string): string => `confirm:${code}`;

function requireCode(code: unknown): string {
  const text = requireText(code, 'confirmationCode', 'give the code of the confirmation mail');
  if (!/^[A-Z0-9-]{8,40}$/.test(text))
    throw new LedgerError(
      'invalid_argument',
      `confirmationCode "${text}" is not a SupportGate confirmation code (8 to 40 of A-Z, 0-9, -).`,
      'confirmationCode',
    );
  return text;
}

export function holdForConfirmation(ctx: Ctx, input: HoldForConfirmationInput): Promise<HoldForConfirmationResult> {
  const messageId = requireText(input.messageId, 'messageId', 'give the Message-ID header of the request');
  const sender = normalizeAddress(input.sender, 'sender');
  const code = requireCode(input.confirmationCode);
  return inTransaction(ctx, async (trx) => {
    const project = await requireProjectRow(trx, input.project);
    await requireAccountRow(trx, input.accountId, project.id);
    const known = await trx
      .selectFrom('ticket_messages as m')
      .innerJoin('tickets as t', 't.id', 'm.ticket_id')
      .selectAll('t')
      .where('m.project_id', '=', project.id)
      .where('m.message_id', '=', messageId)
      .executeTakeFirst();
    if (known) return { ticket: toTicket(known), created: false };
    const row = await insertTicket(trx, project.id, {
      accountId: input.accountId,
      sender,
      subject: String(input.subject ?? '').trim(),
      messageId,
      status: 'waiting_confirmation',
      category: input.category,
      urgency: input.urgency,
      summary: input.summary,
      actor: input.actor,
      providerMessageId: input.providerMessageId,
      threadId: input.threadId,
      mailSource: input.mailSource,
    });
    await trx
      .insertInto('ticket_messages')
      .values({ project_id: project.id, message_id: codeKey(code), ticket_id: row.id, created_at: row.created_at })
      .execute();
    return { ticket: toTicket(row), created: true };
  });
}

export async function findTicketByConfirmationCode(ctx: Ctx, ref: string, code: string): Promise<Ticket | null> {
  const key = codeKey(requireCode(code));
  return guarded(ctx, async () => {
    const project = await requireProjectRow(ctx.db, ref);
    const row = await ctx.db
      .selectFrom('ticket_messages as m')
      .innerJoin('tickets as t', 't.id', 'm.ticket_id')
      .selectAll('t')
      .where('m.project_id', '=', project.id)
      .where('m.message_id', '=', key)
      .executeTakeFirst();
    return row ? toTicket(row) : null;
  });
}

export function confirmHeldTicket(ctx: Ctx, input: ConfirmHeldTicketInput): Promise<ConfirmHeldTicketResult> {
  const key = requireText(input.idempotencyKey, 'idempotencyKey', 'give the request key, e.g. "msg:<project>:<Message-ID>"');
  const actor = requireText(input.actor, 'actor', 'say who confirms, e.g. "supportgate"');
  return inTransaction(ctx, async (trx) => {
    const found = await trx.selectFrom('tickets').select(['account_id']).where('id', '=', String(input.ticketId)).executeTakeFirst();
    if (!found?.account_id)
      throw new LedgerError(
        'unknown_ticket',
        `ticket "${String(input.ticketId)}" does not exist or has no account: give a held ticket's id.`,
        'ticketId',
      );
    // Account first, then ticket: the order every money path locks in, so two confirmations queue.
    const account = await trx
      .selectFrom('accounts')
      .select(['id', 'balance'])
      .where('id', '=', found.account_id)
      .$if(ctx.kind === 'postgres', (q) => q.forUpdate())
      .executeTakeFirstOrThrow();
    const t = await trx
      .selectFrom('tickets')
      .selectAll()
      .where('id', '=', String(input.ticketId))
      .$if(ctx.kind === 'postgres', (q) => q.forUpdate())
      .executeTakeFirstOrThrow();
    const balance = Number(account.balance);
    if (t.status !== 'waiting_confirmation') return { outcome: 'not_waiting', ticket: toTicket(t), balance };
    const at = now();
    const change = async (to: 'new' | 'waiting_payment' | 'closed', note: string) => {
      await trx.updateTable('tickets').set({ status: to, updated_at: at }).where('id', '=', t.id).execute();
      await trx
        .insertInto('ticket_status_history')
        .values({ id: newId(), ticket_id: t.id, from_status: 'waiting_confirmation', to_status: to, actor, note, created_at: at })
        .execute();
      return toTicket({ ...t, status: to, updated_at: at });
    };
    if (new Date(t.created_at as unknown as string).getTime() < new Date(input.expiresBefore).getTime())
      return { outcome: 'expired', ticket: await change('closed', 'Sender confirmation expired: not charged'), balance };
    if (balance < 1)
      return { outcome: 'no_credit', ticket: await change('waiting_payment', 'Confirmed by the sender; no credit left'), balance };
    const debit = await move(ctx, trx, {
      accountId: account.id,
      kind: 'debit',
      credits: 1,
      idempotencyKey: key,
      actor,
      ticketId: t.id,
      note: 'Confirmed by the sender',
    });
    if (debit.status === 'insufficient')
      return { outcome: 'no_credit', ticket: await change('waiting_payment', 'Confirmed by the sender; no credit left'), balance };
    return { outcome: 'debited', ticket: await change('new', 'Confirmed by the sender'), balance: debit.balance };
  });
}

export function expireUnconfirmedTickets(ctx: Ctx, ref: string, heldBefore: string, actor: string): Promise<Ticket[]> {
  const who = requireText(actor, 'actor', 'say who expires the requests, e.g. "supportgate"');
  const cutoff = new Date(heldBefore);
  if (Number.isNaN(cutoff.getTime()))
    throw new LedgerError('invalid_argument', `heldBefore "${String(heldBefore)}" is not a date: give an ISO instant.`, 'heldBefore');
  return inTransaction(ctx, async (trx) => {
    const project = await requireProjectRow(trx, ref);
    const held = await trx
      .selectFrom('tickets')
      .selectAll()
      .where('project_id', '=', project.id)
      .where('status', '=', 'waiting_confirmation')
      .$if(ctx.kind === 'postgres', (q) => q.forUpdate())
      .execute();
    const expired = held.filter((t) => new Date(t.created_at as unknown as string).getTime() < cutoff.getTime());
    const at = now();
    for (const t of expired) {
      await trx.updateTable('tickets').set({ status: 'closed', updated_at: at }).where('id', '=', t.id).execute();
      await trx
        .insertInto('ticket_status_history')
        .values({
          id: newId(),
          ticket_id: t.id,
          from_status: 'waiting_confirmation',
          to_status: 'closed',
          actor: who,
          note: 'Sender confirmation expired: not charged',
          created_at: at,
        })
        .execute();
    }
    return expired.map((t) => toTicket({ ...t, status: 'closed', updated_at: at }));
  });
}
