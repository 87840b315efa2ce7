/**
 * The scheduled sweeps of a project, as staff (the Ledger node, a daily workflow) run them, with
 * the project's own settings: credit expiry and data retention. Each may run as a dry run first.
 */
import { addMonths, creditExpiryMonthsOf, lotExpiresAt, retentionMonthsOf, type Ledger } from '../ledger';
import { projectByRef } from './lookups';

export interface SweepInput {
  project: string;
  actor: string;
  /** Count, change nothing. */
  dryRun?: boolean;
  /** The sweep's clock (tests); default now. */
  now?: Date;
}

/** Expires the project's lots older than its creditExpiryMonths; nothing when expiry is off (0). */
export async function expireCredits(store: Ledger, input: SweepInput) {
  const project = await projectByRef(store, input.project);
  const months = creditExpiryMonthsOf(project);
  const dryRun = input.dryRun === true;
  if (months === 0) return { project: project.name, enabled: false, months, dryRun, accounts: 0, lots: 0, credits: 0, expired: [] };
  const r = await store.expireCredits(project.id, { months, now: input.now, actor: input.actor, dryRun });
  return { project: project.name, enabled: true, months, ...r };
}

/** Purges the mail data of tickets closed or resolved more than retentionMonths ago; nothing when 0 (keep forever). */
export async function purgeOldMailData(store: Ledger, input: Omit<SweepInput, 'actor'>) {
  const project = await projectByRef(store, input.project);
  const months = retentionMonthsOf(project);
  const dryRun = input.dryRun === true;
  if (months === 0)
    return {
      project: project.name,
      enabled: false,
      months,
      before: null,
      dryRun,
      tickets: 0,
      messages: 0,
      intakeEntries: 0,
      ticketNumbers: [],
    };
  const before = addMonths(input.now ?? new Date(), -months);
  const r = await store.purgeMailData(project.id, { before, dryRun });
  return { project: project.name, enabled: true, months, before: before.toISOString(), ...r };
}

export interface UpcomingExpiry {
  credits: number;
  /** ISO instant; in the past for a lot the next sweep expires. */
  expiresAt: string;
}

/**
 * The account's credits that expire within `within` days (default 60), soonest first, one line
 * per expiry date; empty when the project's expiry is off.
 */
export async function upcomingExpiries(
  store: Ledger,
  accountId: string,
  options: { within?: number; now?: Date } = {},
): Promise<UpcomingExpiry[]> {
  const account = await store.getAccount(accountId);
  if (!account) return [];
  const project = await store.getProject(account.projectId);
  const months = project ? creditExpiryMonthsOf(project) : 0;
  if (months === 0) return [];
  const horizon = (options.now ?? new Date()).getTime() + (options.within ?? 60) * 86_400_000;
  const byDate = new Map<string, number>();
  for (const lot of await store.creditLots(accountId)) {
    const at = lotExpiresAt(lot, months);
    if (lot.remaining > 0 && at.getTime() <= horizon) byDate.set(at.toISOString(), (byDate.get(at.toISOString()) ?? 0) + lot.remaining);
  }
  return [...byDate].sort(([a], [b]) => a.localeCompare(b)).map(([expiresAt, credits]) => ({ credits, expiresAt }));
}
