/**
 * After a payment: the account's held tickets (waiting_payment) go back to work oldest first,
 * the one the payment request was made for first, each debited one credit under its own key
 * ticket:<id>:release, as far as the balance allows. One transaction with the account row locked,
 * so replays and concurrent runs see each other's work and never debit a ticket twice. A waived
 * ticket is released without a debit.
 */
import type { Selectable } from 'kysely';
import { inTransaction, now, newId, type Ctx } from './context';
import type { TicketsTable } from './db-schema';
import { LedgerError } from './errors';
import { move } from './money';
import { requireText } from './normalize';
import { lockRequest } from './payments';
import { toPayment, toTicket } from './rows';
import type { ReleaseHeldResult, ReleasedTicket } from './types';

/** The journal key of a ticket's release debit; core/payments' ticketReleaseKey must stay equal. */
export const releaseKey = (ticketId: string): string => `ticket:${ticketId}:release`;

export function releaseHeldTickets(ctx: Ctx, session: string, actor: string): Promise<ReleaseHeldResult> {
  const who = requireText(actor, 'actor', 'say who releases the tickets, e.g. "stripe"');
  return inTransaction(ctx, async (trx) => {
    const request = await lockRequest(ctx, trx, session);
    if (request.status !== 'paid') {
      throw new LedgerError(
        'invalid_transition',
        `payment ${session} is ${request.status}: only a paid request releases held tickets (mark it paid with markPaymentPaid first).`,
        'stripeSessionId',
      );
    }
    const account = await trx
      .selectFrom('accounts')
      .select(['id', 'balance'])
      .where('id', '=', request.account_id)
      .$if(ctx.kind === 'postgres', (q) => q.forUpdate())
      .executeTakeFirstOrThrow();
    let balance = Number(account.balance);
    // Locked too: a staff status change of one of them waits, and a ticket changed meanwhile drops out.
    const waiting = await trx
      .selectFrom('tickets')
      .selectAll()
      .where('account_id', '=', account.id)
      .where('status', '=', 'waiting_payment')
      .orderBy('number')
      .$if(ctx.kind === 'postgres', (q) => q.forUpdate())
      .execute();
    const ordered = [...waiting.filter((t) => t.id === request.ticket_id), ...waiting.filter((t) => t.id !== request.ticket_id)];
    const note = `Released after payment (Checkout Session ${request.stripe_session_id})`;
    const releasedNow: ReleasedTicket[] = [];
    const held: Selectable<TicketsTable>[] = [];
    for (const t of ordered) {
      const key = releaseKey(t.id);
      // Debited for its release before (then put on hold again by staff): one credit per ticket, not two.
      const before = await trx
        .selectFrom('journal')
        .select('id')
        .where('project_id', '=', t.project_id)
        .where('idempotency_key', '=', key)
        .executeTakeFirst();
      // Waived by staff: it costs nothing, whatever status it was parked in since.
      const free = before != null || t.waived_at != null;
      if (!free && balance < 1) {
        held.push(t);
        continue;
      }
      if (!free) {
        const debit = await move(ctx, trx, {
          accountId: account.id,
          kind: 'debit',
          credits: 1,
          idempotencyKey: key,
          actor: who,
          ticketId: t.id,
          paymentRequestId: request.id,
          note,
        });
        if (debit.status !== 'done')
          throw new LedgerError(
            'database_error',
            `release debit ${key} did not apply (${debit.status}) although the locked balance was ${balance}.`,
          );
        balance = debit.balance;
      }
      const at = now();
      await trx.updateTable('tickets').set({ status: 'new', updated_at: at }).where('id', '=', t.id).execute();
      await trx
        .insertInto('ticket_status_history')
        .values({ id: newId(), ticket_id: t.id, from_status: 'waiting_payment', to_status: 'new', actor: who, note, created_at: at })
        .execute();
      releasedNow.push({ ticket: toTicket({ ...t, status: 'new', updated_at: at }), now: true, charged: !free });
    }
    // What earlier runs of this same payment released (a replayed event answers like the first run).
    const doneIds = new Set(releasedNow.map((r) => r.ticket.id));
    const earlier = await trx
      .selectFrom('journal as j')
      .innerJoin('tickets as t', 't.id', 'j.ticket_id')
      .selectAll('t')
      .where('j.payment_request_id', '=', request.id)
      .where('j.kind', '=', 'debit')
      .orderBy('t.number')
      .execute();
    const released = [
      ...releasedNow,
      ...earlier.filter((t) => !doneIds.has(t.id)).map((t): ReleasedTicket => ({ ticket: toTicket(t), now: false, charged: true })),
    ];
    return { request: toPayment(request), released, held: held.map(toTicket), balance };
  });
}
