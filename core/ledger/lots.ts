/**
 * Credit lots, derived from the journal alone: every positive entry (grant, purchase, waive) is a
 * lot, and every outgoing entry (debit, revoke, refund, expire) takes from the oldest lot that has
 * something left (FIFO). No state is stored beside the journal, so there is nothing to rebuild or
 * to drift: the sum of what remains is the balance whenever the balance equals its journal.
 *
 * A waive is a new lot, dated when it was given, rather than a revival of the lot its debit drew
 * from: it corrects our mistake, so the client should not lose it to an expiry days later, and a
 * lot never needs a link to another entry.
 */
import type { CreditLot, JournalKind } from './types';

export interface LotEntry {
  id: string;
  kind: JournalKind | string;
  /** Signed, as journaled. */
  credits: number;
  createdAt: string;
}

/** Replays the journal, in seq order, into its lots with what remains of each, oldest first. */
export function lotsOf(entries: readonly LotEntry[]): CreditLot[] {
  const lots: CreditLot[] = [];
  let oldest = 0; // lots before this index are used up
  for (const e of entries) {
    if (e.credits > 0) {
      lots.push({ entryId: e.id, kind: e.kind as JournalKind, credits: e.credits, remaining: e.credits, createdAt: e.createdAt });
      continue;
    }
    let take = -e.credits;
    while (take > 0 && oldest < lots.length) {
      const lot = lots[oldest]!;
      const used = Math.min(lot.remaining, take);
      lot.remaining -= used;
      take -= used;
      if (lot.remaining === 0) oldest++;
    }
  }
  return lots;
}

/**
 * The instant `months` calendar months after `iso` (UTC); a day the target month lacks is its
 * last day: 31 January + 1 month = 28 (or 29) February.
 */
export function addMonths(iso: string | Date, months: number): Date {
  const d = new Date(iso);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d;
}

/** When a lot expires under a project's creditExpiryMonths. */
export const lotExpiresAt = (lot: Pick<CreditLot, 'createdAt'>, months: number): Date => addMonths(lot.createdAt, months);

/** The journal key of a lot's expiry: one per lot, whatever the retries or concurrent sweeps. */
export const expireKey = (lotEntryId: string): string => `expire:${lotEntryId}`;
