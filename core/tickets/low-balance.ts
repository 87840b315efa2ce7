/**
 * The low-balance warning: when a debit brings an account down to the project's threshold
 * (setting lowBalanceThreshold, default 1 credit, 0 = off), the client gets one mail with a top-up
 * link. Only the debit that crosses the threshold warns, so it is once per crossing: the next
 * debits stay below it, a grant above the threshold re-arms it, and a retried mail (already
 * debited) crosses nothing.
 */
import type { Project } from '../ledger/types';
import { GateError } from './errors';

export const DEFAULT_LOW_BALANCE_THRESHOLD = 1;

export function lowBalanceThresholdOf(project: Pick<Project, 'name' | 'settings'>): number {
  const v = project.settings?.lowBalanceThreshold ?? DEFAULT_LOW_BALANCE_THRESHOLD;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
    throw new GateError(
      'invalid_argument',
      `Project "${project.name}" setting lowBalanceThreshold must be a whole number of credits, 0 to turn the warning off (got ${JSON.stringify(v)}).`,
      'lowBalanceThreshold',
    );
  }
  return v;
}

/** The pack the warning offers: setting topUpCredits, else the project's first pack, else 1 credit. */
export function topUpCreditsOf(project: Pick<Project, 'name' | 'settings'>): number {
  const explicit = project.settings?.topUpCredits;
  if (explicit !== undefined) {
    if (typeof explicit !== 'number' || !Number.isSafeInteger(explicit) || explicit < 1) {
      throw new GateError(
        'invalid_argument',
        `Project "${project.name}" setting topUpCredits must be a whole number ≥ 1 (got ${JSON.stringify(explicit)}).`,
        'topUpCredits',
      );
    }
    return explicit;
  }
  const packs = project.settings?.packs;
  const first = Array.isArray(packs) ? (packs[0] as { credits?: unknown } | undefined) : undefined;
  return typeof first?.credits === 'number' ? first.credits : 1;
}

export interface LowBalance {
  threshold: number;
  balance: number;
  topUpCredits: number;
}

/** The warning a debit calls for: only the one that took the balance from above the threshold to it or below. */
export function lowBalanceAfterDebit(
  project: Pick<Project, 'name' | 'settings'>,
  balanceAfter: number,
  debited: number,
): LowBalance | null {
  const threshold = lowBalanceThresholdOf(project);
  if (threshold === 0 || debited <= 0 || balanceAfter > threshold || balanceAfter + debited <= threshold) return null;
  return { threshold, balance: balanceAfter, topUpCredits: topUpCreditsOf(project) };
}
