/** Staff operations on clients: authorize a sender (or its whole domain), look a client up. */
import { normalizeAddress, type Account, type Ledger } from '../ledger';
import { accountOfSender, positiveCredits, projectByRef } from './lookups';

const domainOf = (sender: string) => normalizeAddress(sender, 'sender').split('@').pop() ?? '';

export interface AuthorizeSenderInput {
  project: string;
  sender: string;
  /** Granted once, when this call creates the sender (the ledger keys it by project and address); 0 = none. */
  initialCredits?: number;
  /** The client's name when the address is new (the console's "Client name"); default: the address. */
  accountName?: string;
  wholeDomain?: boolean;
  actor: string;
}

export async function authorizeSender(store: Ledger, input: AuthorizeSenderInput) {
  const project = await projectByRef(store, input.project);
  const initialCredits = input.initialCredits ? positiveCredits(input.initialCredits, 'initialCredits') : undefined;
  const { account, sender, created } = await store.authorizeSender(project.id, input.sender, {
    initialCredits,
    actor: input.actor,
    ...(input.accountName?.trim() ? { accountName: input.accountName.trim() } : {}),
  });
  const domain = input.wholeDomain ? await store.authorizeDomain(project.id, account.id, domainOf(input.sender)) : null;
  return { account, sender, created, balance: await store.balance(account.id), domain: domain?.domain ?? null };
}

/** Every sender of the client's domain becomes the client (the address must already be a client). */
export async function authorizeDomain(store: Ledger, input: { project: string; sender: string }) {
  const project = await projectByRef(store, input.project);
  const account = await accountOfSender(store, project, input.sender);
  return store.authorizeDomain(project.id, account.id, domainOf(input.sender));
}

export async function clientOfSender(store: Ledger, input: { project: string; sender: string }): Promise<Account> {
  return accountOfSender(store, await projectByRef(store, input.project), input.sender);
}

export async function describeClient(store: Ledger, input: { project: string; sender: string }) {
  const account = await clientOfSender(store, input);
  const [senders, domains] = await Promise.all([store.listSenders(account.id), store.listDomains(account.id)]);
  return { ...account, senders: senders.map((s) => s.address), domains: domains.map((d) => d.domain) };
}

/** A client as the console lists it: balance, last activity, senders and domains. */
export interface ClientSummary {
  accountId: string;
  name: string;
  balance: number;
  lastActivityAt: string | null;
  senders: string[];
  domains: string[];
  /**
   * An address that names this client where the API takes a `sender` (grant, revoke, sender): its
   * first sender, or an address of its domain that resolves to it; null when it has neither.
   */
  ref: string | null;
}

async function refOf(store: Ledger, projectId: string, accountId: string, senders: string[], domains: string[]) {
  if (senders.length) return senders[0];
  for (const domain of domains) {
    const candidate = `postmaster@${domain}`;
    if ((await store.resolveSender(projectId, candidate))?.id === accountId) return candidate;
  }
  return null;
}

/** The project's clients, most recently active first; `search` matches the name, a sender or a domain. */
export async function listClients(store: Ledger, input: { projectId: string; search?: string }): Promise<ClientSummary[]> {
  const project = await projectByRef(store, input.projectId);
  const [accounts, activity] = await Promise.all([store.listAccounts(project.id), store.lastActivity(project.id)]);
  const lastAt = new Map(activity.map((a) => [a.accountId, a.lastActivityAt]));
  const clients = await Promise.all(
    accounts.map(async (a) => {
      const [senderRows, domainRows] = await Promise.all([store.listSenders(a.id), store.listDomains(a.id)]);
      const senders = senderRows.map((r) => r.address);
      const domains = domainRows.map((r) => r.domain);
      return {
        accountId: a.id,
        name: a.name,
        balance: a.balance,
        lastActivityAt: lastAt.get(a.id) ?? null,
        senders,
        domains,
        ref: await refOf(store, project.id, a.id, senders, domains),
      };
    }),
  );
  const needle = input.search?.trim().toLowerCase();
  const found = needle
    ? clients.filter((c) => [c.name, ...c.senders, ...c.domains].some((v) => v.toLowerCase().includes(needle)))
    : clients;
  return found.sort((x, y) => (y.lastActivityAt ?? '').localeCompare(x.lastActivityAt ?? '') || x.name.localeCompare(y.name));
}

export interface AuthorizeWholeDomainInput {
  project: string;
  domain: string;
  /** Joins this client; without it a client is created, named accountName (default: the domain). */
  accountId?: string;
  accountName?: string;
  /** Granted once, to the client this call creates; 0 = none. */
  initialCredits?: number;
  actor: string;
}

/** Every sender @domain becomes one client, without naming an address first (the ledger keys the initial credits by domain). */
export async function authorizeWholeDomain(store: Ledger, input: AuthorizeWholeDomainInput) {
  const project = await projectByRef(store, input.project);
  const initialCredits = input.initialCredits ? positiveCredits(input.initialCredits, 'initialCredits') : undefined;
  const r = await store.authorizeClientDomain(project.id, input.domain, {
    accountId: input.accountId,
    accountName: input.accountName,
    initialCredits,
    actor: input.actor,
  });
  return { account: r.account, created: r.created, balance: await store.balance(r.account.id), domain: r.domain.domain };
}

/** The address is no longer recognised; its client keeps its journal, tickets and other senders. */
export async function removeSender(store: Ledger, input: { project: string; address: string }) {
  const project = await projectByRef(store, input.project);
  return { removed: await store.removeSender(project.id, normalizeAddress(input.address, 'address')) };
}

export async function removeDomain(store: Ledger, input: { project: string; domain: string }) {
  const project = await projectByRef(store, input.project);
  return { removed: await store.removeDomain(project.id, input.domain) };
}
