import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { ledger, tickets } from '../../core';

type Ledger = ledger.Ledger;
type Operation = (ctx: IExecuteFunctions, i: number, store: Ledger) => Promise<IDataObject | IDataObject[]>;

const str = (ctx: IExecuteFunctions, name: string, i: number) => String(ctx.getNodeParameter(name, i, '') ?? '').trim();
const num = (ctx: IExecuteFunctions, name: string, i: number) => ctx.getNodeParameter(name, i) as number;

/** A positive whole number, or a LedgerError naming the field. */
function positiveCredits(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new ledger.LedgerError('invalid_credits', `${field} must be a positive whole number of credits (got ${JSON.stringify(value)}).`, field);
  }
  return value;
}

function settingsParam(ctx: IExecuteFunctions, i: number): Record<string, unknown> {
  const raw = ctx.getNodeParameter('settings', i, '{}');
  if (typeof raw === 'object' && raw !== null) return raw as Record<string, unknown>;
  try {
    return JSON.parse(String(raw || '{}'));
  } catch {
    throw new ledger.LedgerError('invalid_argument', 'settings must be a JSON object, e.g. {"successUrl": "https://…"}.', 'settings');
  }
}

async function project(ctx: IExecuteFunctions, i: number, store: Ledger): Promise<ledger.Project> {
  const ref = str(ctx, 'project', i);
  if (!ref) throw new ledger.LedgerError('invalid_argument', 'project is required: give the project name or ID.', 'project');
  const found = await store.getProject(ref);
  if (!found) throw new ledger.LedgerError('unknown_project', `Unknown project "${ref}": create it first (resource Project, operation Create) or fix the name.`, 'project');
  return found;
}

/** The account of the sender parameter; a LedgerError when the sender is not an authorized client. */
async function senderAccount(ctx: IExecuteFunctions, i: number, store: Ledger): Promise<ledger.Account> {
  const p = await project(ctx, i, store);
  const sender = ledger.normalizeAddress(str(ctx, 'sender', i), 'sender');
  const account = await store.resolveSender(p.id, sender);
  if (!account) throw new ledger.LedgerError('unknown_account', `${sender} is not an authorized client of ${p.name}: authorize it first (resource Account, operation Authorize Sender).`, 'sender');
  return account;
}

function idempotencyKey(ctx: IExecuteFunctions, i: number, purpose: string): string {
  const key = str(ctx, 'idempotencyKey', i);
  return key || `n8n:${ctx.getExecutionId()}:${ctx.getNode().name}:${purpose}:${i}`;
}

const actor = (ctx: IExecuteFunctions, i: number) => str(ctx, 'actor', i) || 'n8n';

async function ticketByNumber(ctx: IExecuteFunctions, i: number, store: Ledger): Promise<ledger.Ticket> {
  const p = await project(ctx, i, store);
  const number = num(ctx, 'ticketNumber', i);
  const ticket = await store.getTicketByNumber(p.id, number);
  if (!ticket) throw new ledger.LedgerError('unknown_ticket', `No ticket ${number} in project ${p.name}: check the ticket number.`, 'ticketNumber');
  return ticket;
}

export const operations: Record<string, Record<string, Operation>> = {
  project: {
    create: async (ctx, i, store) => ({ ...(await store.createProject({ name: str(ctx, 'name', i), priceMinor: num(ctx, 'priceMinor', i), currency: str(ctx, 'currency', i), settings: settingsParam(ctx, i) })) }),
    get: async (ctx, i, store) => ({ ...(await project(ctx, i, store)) }),
    list: async (_ctx, _i, store) => (await store.listProjects()).map((p) => ({ ...p })),
    update: async (ctx, i, store) => {
      const p = await project(ctx, i, store);
      return { ...(await store.updateProject(p.id, { priceMinor: num(ctx, 'priceMinor', i), currency: str(ctx, 'currency', i), settings: settingsParam(ctx, i) })) };
    },
  },
  recipient: {
    add: async (ctx, i, store) => ({ ...(await store.addRecipient((await project(ctx, i, store)).id, str(ctx, 'address', i))) }),
    remove: async (ctx, i, store) => ({ removed: await store.removeRecipient((await project(ctx, i, store)).id, str(ctx, 'address', i)), address: str(ctx, 'address', i) }),
    list: async (ctx, i, store) => (await store.listRecipients((await project(ctx, i, store)).id)).map((r) => ({ ...r })),
  },
  account: {
    authorizeSender: async (ctx, i, store) => {
      const p = await project(ctx, i, store);
      const initialCredits = num(ctx, 'initialCredits', i);
      if (initialCredits !== 0) positiveCredits(initialCredits, 'initialCredits');
      const sender = str(ctx, 'sender', i);
      // The ledger keys initial credits by project and address: running this again grants nothing.
      const result = await store.authorizeSender(p.id, sender, { initialCredits: initialCredits || undefined, actor: actor(ctx, i) });
      const domain = ctx.getNodeParameter('wholeDomain', i, false) ? await store.authorizeDomain(p.id, result.account.id, sender.split('@').pop() ?? '') : null;
      return { ...result, balance: await store.balance(result.account.id), domain: domain?.domain ?? null };
    },
    authorizeDomain: async (ctx, i, store) => {
      const account = await senderAccount(ctx, i, store);
      return { ...(await store.authorizeDomain(account.projectId, account.id, str(ctx, 'sender', i).split('@').pop() ?? '')) };
    },
    getBySender: async (ctx, i, store) => {
      const account = await senderAccount(ctx, i, store);
      return { ...account, senders: (await store.listSenders(account.id)).map((s) => s.address), domains: (await store.listDomains(account.id)).map((d) => d.domain) };
    },
    list: async (ctx, i, store) => (await store.listAccounts((await project(ctx, i, store)).id)).map((a) => ({ ...a })),
  },
  credits: {
    balance: async (ctx, i, store) => {
      const account = await senderAccount(ctx, i, store);
      return { accountId: account.id, account: account.name, balance: await store.balance(account.id) };
    },
    grant: async (ctx, i, store) => {
      const account = await senderAccount(ctx, i, store);
      const credits = positiveCredits(num(ctx, 'credits', i), 'credits');
      return { accountId: account.id, ...(await store.grant(account.id, credits, idempotencyKey(ctx, i, 'grant'), actor(ctx, i), str(ctx, 'note', i) || undefined)) };
    },
    revoke: async (ctx, i, store) => {
      const account = await senderAccount(ctx, i, store);
      const credits = positiveCredits(num(ctx, 'credits', i), 'credits');
      return { accountId: account.id, ...(await store.revoke(account.id, credits, idempotencyKey(ctx, i, 'revoke'), actor(ctx, i), str(ctx, 'note', i) || undefined)) };
    },
    history: async (ctx, i, store) => {
      const account = await senderAccount(ctx, i, store);
      const page = await store.history(account.id, { limit: num(ctx, 'limit', i), cursor: str(ctx, 'cursor', i) || null });
      return { accountId: account.id, entries: page.entries as unknown as IDataObject[], nextCursor: page.nextCursor };
    },
    verify: async (_ctx, _i, store) => {
      const violations = await store.checkInvariants();
      return { healthy: violations.length === 0, violations: violations as unknown as IDataObject[] };
    },
  },
  ticket: {
    get: async (ctx, i, store) => ({ ...(await ticketByNumber(ctx, i, store)) }),
    list: async (ctx, i, store) => (await store.listTickets((await senderAccount(ctx, i, store)).id, { limit: num(ctx, 'limit', i) })).map((t) => ({ ...t })),
    history: async (ctx, i, store) => (await store.ticketHistory((await ticketByNumber(ctx, i, store)).id)).map((h) => ({ ...h })),
    setStatus: async (ctx, i, store) => {
      const ticket = await ticketByNumber(ctx, i, store);
      const status = ctx.getNodeParameter('status', i) as ledger.TicketStatus;
      return { ...(await store.setTicketStatus(ticket.id, status, actor(ctx, i), str(ctx, 'note', i) || undefined)) };
    },
    // Keyed per ticket by the ledger: running it again (or a retry) gives nothing back twice.
    waive: async (ctx, i, store) => {
      const ticket = await ticketByNumber(ctx, i, store);
      return { ...(await store.waiveTicket(ticket.id, actor(ctx, i), str(ctx, 'note', i) || undefined)) };
    },
    // Held requests also expire on the next hold; this closes them on a schedule too.
    expireUnconfirmed: async (ctx, i, store) => {
      const p = await project(ctx, i, store);
      const heldBefore = new Date(Date.now() - tickets.confirmationExpiryHoursOf(p) * 3600_000).toISOString();
      return (await store.expireUnconfirmedTickets(p.id, heldBefore, 'n8n')).map((t) => ({ ...t }));
    },
  },
};
