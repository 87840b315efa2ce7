/** Which project (and maybe account) a mail is for, from its To, Cc and Delivered-To addresses. */
import type { Ledger, Project, Recipient } from '../ledger/types';
import type { SupportEmail } from '../email/types';
import { GateError } from './errors';

export interface RecipientMatch {
  project: Project;
  /** The support addresses of that project the mail was sent to. */
  recipients: Recipient[];
  /** Set when a plus-address (support+acme@) names the client account. */
  accountId: string | null;
}

/** To, Cc, then Delivered-To / X-Original-To when the source kept them; lower-case, distinct. */
export function recipientAddresses(email: SupportEmail): string[] {
  const headers = email.headers ?? {};
  const delivered = ['delivered-to', 'x-original-to', 'envelope-to'].flatMap((h) => (headers[h] ?? '').split(','));
  const all = [...email.to.map((a) => a.address), ...email.cc.map((a) => a.address), ...delivered];
  return [...new Set(all.map((a) => a.trim().replace(/^<|>$/g, '').toLowerCase()).filter((a) => a.includes('@')))];
}

async function resolveQuietly(ledger: Ledger, address: string): Promise<Recipient | null> {
  try {
    return await ledger.resolveRecipient(address);
  } catch (e) {
    if ((e as { code?: string }).code === 'invalid_address') return null; // "undisclosed-recipients" and the like
    throw e;
  }
}

/**
 * The one project the mail is for, or null when no recipient is a support address (of the
 * wanted project, when one is given). Recipients of several projects, or plus-addresses of
 * several accounts, are refused with a GateError: the gate never guesses who pays.
 */
export async function matchRecipient(ledger: Ledger, email: SupportEmail, wantedProject?: string | null): Promise<RecipientMatch | null> {
  let wanted: Project | null = null;
  if (wantedProject?.trim()) {
    wanted = await ledger.getProject(wantedProject.trim());
    if (!wanted)
      throw new GateError(
        'unknown_project',
        `Project "${wantedProject}" does not exist in this ledger: give the name or id of an existing project, or leave Project empty to find it from the recipient.`,
        'project',
      );
  }
  const found = (await Promise.all(recipientAddresses(email).map((a) => resolveQuietly(ledger, a)))).filter(
    (r): r is Recipient => r !== null && (!wanted || r.projectId === wanted.id),
  );
  if (found.length === 0) return null;
  const projectIds = [...new Set(found.map((r) => r.projectId))];
  if (projectIds.length > 1) {
    const names = await Promise.all(projectIds.map(async (id) => (await ledger.getProject(id))?.name ?? id));
    throw new GateError(
      'ambiguous_project',
      `The mail is addressed to support addresses of several projects (${names.join(', ')}: ${found.map((r) => r.address).join(', ')}): set the Project parameter to the project this workflow serves.`,
      'project',
    );
  }
  const accountIds = [...new Set(found.map((r) => r.accountId).filter((a): a is string => !!a))];
  if (accountIds.length > 1) {
    throw new GateError(
      'ambiguous_account',
      `The mail is addressed to plus-addresses of several client accounts (${found
        .filter((r) => r.accountId)
        .map((r) => r.address)
        .join(', ')}): it cannot be charged to one of them; ask the client to write to one address.`,
      'to',
    );
  }
  const project = wanted ?? (await ledger.getProject(projectIds[0]!));
  if (!project) return null;
  return { project, recipients: found, accountId: accountIds[0] ?? null };
}
