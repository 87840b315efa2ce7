/**
 * Projects as staff set them up: one call creates a project with its support addresses, price,
 * packs and settings (the console's first-run form, the Ledger node's Project Create). Amounts are
 * in currency units here, minor units in the ledger.
 */
import type { ProjectCreateRequest, ProjectShape, ProjectUpdateRequest } from '../ledger/console-schemas';
import { DEFAULT_TICKET_TAG_FORMAT, SENDER_AUTHENTICATION_POLICIES } from '../ledger/console-schemas';
import { LedgerError, normalizeAddress, type Ledger, type Project } from '../ledger';
import { formatPrice } from '../payments/money';
import { projectByRef } from './lookups';
import { toMinorUnits } from './money-input';

type Language = 'fr' | 'en';
type Pack = { credits: number; price: number | string };

const languageOf = (p: Project): Language => (p.settings.defaultLanguage === 'en' ? 'en' : 'fr');
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);

/** A project as every staff screen shows it: price formatted in the project's language. */
export async function projectShape(store: Ledger, project: Project): Promise<ProjectShape> {
  const language = languageOf(project);
  const packs = Array.isArray(project.settings.packs) ? (project.settings.packs as Array<{ credits: number; priceMinor: number }>) : [];
  const policy = project.settings.senderAuthentication;
  return {
    id: project.id,
    name: project.name,
    currency: project.currency,
    price: formatPrice(project.priceMinor, project.currency, language),
    priceMinor: project.priceMinor,
    defaultLanguage: language,
    recipients: (await store.listRecipients(project.id)).map((r) => r.address),
    packs: packs.map((p) => ({
      credits: p.credits,
      priceMinor: p.priceMinor,
      price: formatPrice(p.priceMinor, project.currency, language),
    })),
    successUrl: text(project.settings.successUrl),
    cancelUrl: text(project.settings.cancelUrl),
    ticketTagFormat: text(project.settings.ticketTagFormat) ?? DEFAULT_TICKET_TAG_FORMAT,
    senderAuthentication: (SENDER_AUTHENTICATION_POLICIES as readonly unknown[]).includes(policy)
      ? (policy as ProjectShape['senderAuthentication'])
      : 'require',
    createdAt: project.createdAt,
  };
}

function packsInMinor(packs: Pack[], currency: string) {
  const seen = new Set<number>();
  return packs.map((p, i) => {
    if (seen.has(p.credits))
      throw new LedgerError(
        'invalid_argument',
        `packs.${i}.credits: a pack of ${p.credits} credits is already listed; keep one.`,
        `packs.${i}.credits`,
      );
    seen.add(p.credits);
    return { credits: p.credits, priceMinor: toMinorUnits(p.price, currency, `packs.${i}.price`) };
  });
}

/** The client comes back to the agency's own site (the domain clients write to) unless a page is given. */
const defaultReturnPage = (supportAddress: string) => `https://${supportAddress.slice(supportAddress.lastIndexOf('@') + 1)}/`;

/** Support addresses checked one by one first, so the message names the one at fault. */
function normalizedAddresses(addresses: string[]): string[] {
  return [...new Set(addresses.map((a, i) => normalizeAddress(a, `supportAddresses.${i}`)))];
}

/** Renames the ledger's field (recipients.N, its own name for them) to the form's. */
function asFormField(e: unknown): never {
  if (e instanceof LedgerError && e.field?.startsWith('recipients.'))
    throw new LedgerError(e.code, e.message, e.field.replace('recipients.', 'supportAddresses.'), { cause: e });
  throw e;
}

/**
 * Creates the project and its support addresses in one ledger transaction: an address another
 * project owns (or any invalid field) creates nothing. A retry after success is refused by name
 * (duplicate on `name`), never a second project.
 */
export async function createProjectWithAddresses(store: Ledger, input: ProjectCreateRequest): Promise<ProjectShape> {
  const recipients = normalizedAddresses(input.supportAddresses);
  const currency = input.currency.toUpperCase();
  const settings = {
    defaultLanguage: input.defaultLanguage,
    packs: packsInMinor(input.packs, currency),
    successUrl: input.successUrl || defaultReturnPage(recipients[0]),
    cancelUrl: input.cancelUrl || defaultReturnPage(recipients[0]),
    ticketTagFormat: input.ticketTagFormat,
    senderAuthentication: input.senderAuthentication,
  };
  const priceMinor = toMinorUnits(input.price, currency, 'price');
  const project = await store
    .createProject({ name: input.name, priceMinor, currency, settings, recipients })
    .catch(
      async (e: unknown) => (await sameProjectAgain(store, e, { name: input.name, priceMinor, currency, recipients })) ?? asFormField(e),
    );
  return projectShape(store, project);
}

/**
 * The same form submitted again (a retry after a lost answer, a double click): the project it
 * created, with the same price and addresses, is the answer. Anything else keeps the duplicate error.
 */
async function sameProjectAgain(
  store: Ledger,
  e: unknown,
  wanted: { name: string; priceMinor: number; currency: string; recipients: string[] },
): Promise<Project | null> {
  if (!(e instanceof LedgerError && e.code === 'duplicate' && e.field === 'name')) return null;
  const existing = await store.getProject(wanted.name);
  if (!existing || existing.priceMinor !== wanted.priceMinor || existing.currency !== wanted.currency) return null;
  const addresses = (await store.listRecipients(existing.id)).map((r) => r.address).sort();
  return addresses.join() === [...wanted.recipients].sort().join() ? existing : null;
}

/** Changes only the fields given; the other settings (templates, Stripe options…) are kept. */
export async function updateProjectFields(store: Ledger, input: ProjectUpdateRequest): Promise<ProjectShape> {
  const current = await projectByRef(store, input.projectId);
  const currency = (input.currency ?? current.currency).toUpperCase();
  const settings: Record<string, unknown> = { ...current.settings };
  for (const key of ['defaultLanguage', 'successUrl', 'cancelUrl', 'ticketTagFormat', 'senderAuthentication'] as const)
    if (input[key] !== undefined) settings[key] = input[key];
  if (input.packs !== undefined) settings.packs = packsInMinor(input.packs, currency);
  else if (
    input.currency !== undefined &&
    currency !== current.currency &&
    Array.isArray(current.settings.packs) &&
    current.settings.packs.length
  )
    throw new LedgerError('invalid_argument', `packs: give the packs' prices in ${currency} too when changing the currency.`, 'packs');
  if (input.price === undefined && currency !== current.currency)
    throw new LedgerError('invalid_argument', `price: give the price in ${currency} too when changing the currency.`, 'price');
  const priceMinor = input.price === undefined ? undefined : toMinorUnits(input.price, currency, 'price');
  const addresses = input.supportAddresses ? normalizedAddresses(input.supportAddresses) : null;
  const updated = await store.updateProject(current.id, { name: input.name, priceMinor, currency, settings });
  if (addresses) await replaceRecipients(store, current.id, addresses);
  return projectShape(store, updated);
}

/** Adds the new addresses first (an address of another project fails before anything is removed), then removes the others. */
async function replaceRecipients(store: Ledger, projectId: string, addresses: string[]): Promise<void> {
  const existing = (await store.listRecipients(projectId)).map((r) => r.address);
  for (const [i, a] of addresses.entries())
    if (!existing.includes(a)) await store.addRecipient(projectId, a).catch((e) => asFormField(renameAddress(e, `recipients.${i}`)));
  for (const a of existing) if (!addresses.includes(a)) await store.removeRecipient(projectId, a);
}

const renameAddress = (e: unknown, field: string) =>
  e instanceof LedgerError && e.field === 'address' ? new LedgerError(e.code, e.message, field, { cause: e }) : e;

export async function addSupportAddress(store: Ledger, input: { projectId: string; address: string }) {
  const project = await projectByRef(store, input.projectId);
  await store.addRecipient(project.id, input.address);
  return (await store.listRecipients(project.id)).map((r) => r.address);
}

/** The last support address cannot go: a project nobody can write to would drop every mail. */
export async function removeSupportAddress(store: Ledger, input: { projectId: string; address: string }) {
  const project = await projectByRef(store, input.projectId);
  const address = normalizeAddress(input.address, 'address');
  const current = (await store.listRecipients(project.id)).map((r) => r.address);
  if (current.length === 1 && current[0] === address)
    throw new LedgerError(
      'invalid_argument',
      `address: ${address} is the project's only support address; add another one first.`,
      'address',
    );
  await store.removeRecipient(project.id, address);
  return (await store.listRecipients(project.id)).map((r) => r.address);
}

/** Open tickets: those staff or the client still have to act on (not resolved, closed or unconfirmed). */
export const OPEN_TICKET_STATUSES = ['new', 'in_progress', 'waiting_client', 'waiting_payment'] as const;

/** Every project with its counts; an empty list is the first run. */
export async function projectsOverview(store: Ledger) {
  const projects = await store.listProjects();
  return Promise.all(
    projects.map(async (p) => ({
      ...(await projectShape(store, p)),
      clients: (await store.listAccounts(p.id)).length,
      openTickets: await store.countProjectTickets(p.id, [...OPEN_TICKET_STATUSES]),
    })),
  );
}
