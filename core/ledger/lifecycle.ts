/**
 * Storage holds the ticket lifecycle because it refuses every other change, whoever asks.
 * The ticket lifecycle: which status may follow which. The ledger refuses any other change.
 * A held ticket (waiting_payment) goes back to new when paid; closed is final, resolved may reopen.
 * An unconfirmed one (waiting_confirmation) is no open ticket: a later request never joins it free.
 */
import type { TicketStatus } from './types';

export const TICKET_TRANSITIONS: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  new: ['in_progress', 'waiting_client', 'waiting_payment', 'resolved', 'closed'],
  in_progress: ['waiting_client', 'waiting_payment', 'resolved', 'closed'],
  waiting_client: ['in_progress', 'waiting_payment', 'resolved', 'closed'],
  waiting_payment: ['new', 'in_progress', 'resolved', 'closed'],
  // Only the sender's confirmation (Ledger.confirmHeldTicket) takes it on; staff may only close it.
  waiting_confirmation: ['closed'],
  resolved: ['in_progress', 'closed'],
  closed: [],
};

/** Statuses of a ticket still being worked on: a duplicate request joins these, never a resolved one. */
export const OPEN_TICKET_STATUSES: readonly TicketStatus[] = ['new', 'in_progress', 'waiting_client', 'waiting_payment'];

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return from === to || (TICKET_TRANSITIONS[from]?.includes(to) ?? false);
}
