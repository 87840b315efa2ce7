/** Staff operations on clients: authorize a sender (or its whole domain), look a client up. */
import { normalizeAddress, type Account, type Ledger } from '../ledger';
import { accountOfSender, positiveCredits, projectByRef } from './lookups';

const domainOf = (sender: string) => normalizeAddress(sender, 'sender').split('@').pop() ?? '';

export interface AuthorizeSenderInput {
  project: string;
  sender: string;
  /** Granted once, when this call creates the sender (the ledger keys it by project and address); 0 = none. */
  initialCredits?: number;
  wholeDomain?: boolean;
  actor: string;
}

export async function authorizeSender(store: Ledger, input: AuthorizeSenderInput) {
  const project = await projectByRef(store, input.project);
  const initialCredits = input.initialCredits ? positiveCredits(input.initialCredits, 'initialCredits') : undefined;
  const { account, sender, created } = await store.authorizeSender(project.id, input.sender, { initialCredits, actor: input.actor });
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
