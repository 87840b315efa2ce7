/**
 * How staff name things (a project by name or id, a client by one of its addresses, a ticket by
 * its number) resolved once, with the error that says what to fix, for every staff surface.
 */
import { LedgerError, normalizeAddress, type Account, type Ledger, type Project, type Ticket } from '../ledger';

export async function projectByRef(store: Ledger, ref: string): Promise<Project> {
  const name = ref.trim();
  if (!name) throw new LedgerError('invalid_argument', 'project is required: give the project name or ID.', 'project');
  const found = await store.getProject(name);
  if (!found)
    throw new LedgerError('unknown_project', `Unknown project "${name}": check the name or ID, or create the project first.`, 'project');
  return found;
}

/** The account a sender address (or its domain) belongs to; a LedgerError when it is not a client. */
export async function accountOfSender(store: Ledger, project: Project, sender: string): Promise<Account> {
  const address = normalizeAddress(sender, 'sender');
  const account = await store.resolveSender(project.id, address);
  if (!account)
    throw new LedgerError('unknown_account', `${address} is not an authorized client of ${project.name}: authorize it first.`, 'sender');
  return account;
}

export async function ticketOfNumber(store: Ledger, project: Project, ticketNumber: number): Promise<Ticket> {
  const ticket = await store.getTicketByNumber(project.id, ticketNumber);
  if (!ticket)
    throw new LedgerError(
      'unknown_ticket',
      `No ticket ${ticketNumber} in project ${project.name}: check the ticket number.`,
      'ticketNumber',
    );
  return ticket;
}

/** A positive whole number of credits, or a LedgerError naming the field. */
export function positiveCredits(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new LedgerError('invalid_credits', `${field} must be a positive whole number of credits (got ${JSON.stringify(value)}).`, field);
  }
  return value;
}
