/** Staff operations on tickets, named by project and ticket number as staff see them ([SG-42]). */
import { isLedgerError, LedgerError, type Ledger, type TicketStatus } from '../ledger';
import { confirmationExpiryHoursOf } from '../tickets/sender-policy';
import { projectByRef, ticketOfNumber } from './lookups';

export interface TicketRef {
  project: string;
  ticketNumber: number;
}

export async function ticketByNumber(store: Ledger, input: TicketRef) {
  return ticketOfNumber(store, await projectByRef(store, input.project), input.ticketNumber);
}

export async function setTicketStatus(store: Ledger, input: TicketRef & { status: TicketStatus; actor: string; note?: string }) {
  const ticket = await ticketByNumber(store, input);
  return store.setTicketStatus(ticket.id, input.status, input.actor, input.note || undefined);
}

/** Gives back a ticket's credit; the ledger keys it per ticket, so a retry or a second click moves nothing. */
export async function waiveTicket(store: Ledger, input: TicketRef & { actor: string; note?: string }) {
  const ticket = await ticketByNumber(store, input);
  return store.waiveTicket(ticket.id, input.actor, input.note || undefined).catch((e: unknown) => {
    // The ledger names its own argument (ticketId); the caller named the ticket by number.
    if (isLedgerError(e) && e.code === 'not_charged') throw new LedgerError(e.code, e.message, 'ticketNumber', { cause: e });
    throw e;
  });
}

/** Closes, uncharged, the requests still waiting for their sender's confirmation past the project's expiry. */
export async function expireUnconfirmed(store: Ledger, input: { project: string; actor: string; now?: Date }) {
  const project = await projectByRef(store, input.project);
  const heldBefore = new Date((input.now ?? new Date()).getTime() - confirmationExpiryHoursOf(project) * 3600_000);
  return store.expireUnconfirmedTickets(project.id, heldBefore.toISOString(), input.actor);
}
