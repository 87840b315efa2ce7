/**
 * Waiving a ticket: staff decides it was not chargeable (a bug of ours, a sales question charged
 * by mistake). What its debits took (the request's msg:…, a release's or a confirmation's debit,
 * all journaled with the ticket's id) comes back as one 'waive' entry, keyed per ticket so it
 * happens at most once whatever the retries, and the ticket is flagged waived in the same
 * transaction. The account row is locked first, like every money path, so concurrent waives queue.
 */
import { inTransaction, now, type Ctx } from './context';
import { LedgerError } from './errors';
import { move } from './money';
import { requireText } from './normalize';
import { toTicket } from './rows';
import type { WaiveResult } from './types';

/** The journal key of a ticket's waive: one per ticket. */
export const waiveKey = (ticketId: string): string => `waive:${ticketId}`;

const unknownTicket = (ticketId: string) =>
  new LedgerError('unknown_ticket', `ticket "${ticketId}" does not exist: give the id of an existing ticket.`, 'ticketId');

export function waiveTicket(ctx: Ctx, ticketId: string, actor: string, note?: string): Promise<WaiveResult> {
  const id = requireText(ticketId, 'ticketId', 'give the id of the ticket to waive');
  const who = requireText(actor, 'actor', 'say who waives the ticket, e.g. "staff:anna@agency.fr"');
  const why = typeof note === 'string' && note.trim() !== '' ? note.trim() : null;
  return inTransaction(ctx, async (trx) => {
    const found = await trx.selectFrom('tickets').select(['account_id']).where('id', '=', id).executeTakeFirst();
    if (!found) throw unknownTicket(id);
    if (!found.account_id)
      throw new LedgerError(
        'not_charged',
        `ticket "${id}" belongs to no account, so it was never charged: there is nothing to waive.`,
        'ticketId',
      );
    await trx
      .selectFrom('accounts')
      .select('id')
      .where('id', '=', found.account_id)
      .$if(ctx.kind === 'postgres', (q) => q.forUpdate())
      .executeTakeFirstOrThrow();
    const t = await trx
      .selectFrom('tickets')
      .selectAll()
      .where('id', '=', id)
      .$if(ctx.kind === 'postgres', (q) => q.forUpdate())
      .executeTakeFirstOrThrow();
    const key = waiveKey(t.id);

    // Waived before (a retry, a second click, a concurrent waive that won the lock): answer from it.
    const earlier = await trx
      .selectFrom('journal')
      .selectAll()
      .where('project_id', '=', t.project_id)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
    if (earlier) {
      return {
        status: 'already_done',
        balance: Number(earlier.balance_after),
        entryId: earlier.id,
        credits: Number(earlier.credits),
        ticket: toTicket(t),
      };
    }
    const debits = await trx
      .selectFrom('journal')
      .select('credits')
      .where('account_id', '=', t.account_id!)
      .where('ticket_id', '=', t.id)
      .where('kind', '=', 'debit')
      .execute();
    const charged = debits.reduce((sum, d) => sum - Number(d.credits), 0);
    if (charged <= 0) {
      throw new LedgerError(
        'not_charged',
        `ticket ${t.number} was never debited (no debit entry for it in the journal): there is nothing to waive.`,
        'ticketId',
      );
    }
    const moved = await move(ctx, trx, {
      accountId: t.account_id!,
      kind: 'waive',
      credits: charged,
      idempotencyKey: key,
      actor: who,
      ticketId: t.id,
      note: why ?? `ticket ${t.number} waived`,
    });
    if (moved.status !== 'done')
      throw new LedgerError(
        'database_error',
        `waive ${key} did not apply (${moved.status}) although no waive of this ticket was journaled.`,
      );
    const at = now();
    await trx.updateTable('tickets').set({ waived_at: at, updated_at: at }).where('id', '=', t.id).execute();
    return {
      status: 'done',
      balance: moved.balance,
      entryId: moved.entryId,
      credits: moved.credits,
      ticket: toTicket({ ...t, waived_at: at, updated_at: at }),
    };
  });
}
