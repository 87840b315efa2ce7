/**
 * The intake journal as the intake uses it (storage: core/ledger/intake-journal.ts). Check Sender
 * Credits records every mail it sees; Debit Credit and Create Payment Link record what was
 * decided; the mailbox nodes claim each side effect (reply, staff notification, label) before
 * performing it and close the entry with the last label. A mail driven again, by a redelivery
 * or by a sweep after n8n lost its execution, finds what its first run did and repeats none of it,
 * and gets what its first run never got (a reply the dead run did not send).
 */
import type { SupportEmail } from '../email/types';
import { isLedgerError } from '../ledger/errors';
import type { IntakeEffect, IntakeEntry, Ledger } from '../ledger/types';
import type { GateDecision } from './check-sender';

/** What an item carries about its journal entry, from the gate on. */
export interface IntakeRef {
  entryId: string;
  mailbox: string;
  /** 1 on the first run; more when the mail was seen before (a redelivery, a sweep). */
  attempts: number;
  state: IntakeEntry['state'];
  route: string | null;
  ticketId: string | null;
  /** A client reply was claimed for this mail by an earlier run: never send another. */
  replied: boolean;
  /** That claim is not completed yet: its run may still be sending, or fail and give it back. */
  replyPending: boolean;
}

/** Which provider a mail came through: Gmail ids, Graph ids and IMAP UIDs are not interchangeable. */
export function mailFamily(email: SupportEmail): 'gmail' | 'outlook' | 'imap' | 'mail' {
  const s = email.source;
  return s.startsWith('gmail') ? 'gmail' : s.startsWith('outlook') ? 'outlook' : s.startsWith('imap') ? 'imap' : 'mail';
}

/** The journal's key of a mail: its provider and its project, so each sweep lists its own mailboxes. */
export const intakeMailbox = (email: SupportEmail, projectId: string | null) => `${mailFamily(email)}:${projectId ?? 'unrouted'}`;

/** The gate's routes that decide a mail on their own: nothing else will record them. */
const GATE_FINAL: Partial<Record<GateDecision['route'], string>> = { follow_up: 'follow_up', not_authorized: 'not_authorized' };

async function refOf(store: Ledger, entry: IntakeEntry): Promise<IntakeRef> {
  const effects = await store.listIntakeEffects(entry.id);
  return {
    entryId: entry.id,
    mailbox: entry.mailbox,
    attempts: entry.attempts,
    state: entry.state,
    route: entry.route,
    ticketId: entry.ticketId,
    replied: effects.some((e) => e.effect === 'reply'),
    replyPending: effects.some((e) => e.effect === 'reply' && !e.doneAt),
  };
}

/** Records the mail the gate just decided; the same mail again returns its entry, attempts + 1. */
export async function recordIntake(store: Ledger, email: SupportEmail, decision: GateDecision): Promise<IntakeRef> {
  const projectId = decision.project?.id ?? null;
  const { entry } = await store.journalReceived({
    mailbox: intakeMailbox(email, projectId),
    providerMessageId: email.providerId ?? null,
    messageId: email.messageIdSynthetic ? null : email.messageId,
    projectId,
  });
  const final = GATE_FINAL[decision.route];
  const decided =
    final && entry.state === 'received'
      ? await decideIntake(store, entry.id, { route: final, ticketId: decision.ticket?.id ?? null })
      : entry;
  return refOf(store, decided);
}

/**
 * Records what was decided for the mail. The first decision stands: a mail driven again after a
 * payment may take another path (has credit now), and follows what its first run already did.
 */
export async function decideIntake(
  store: Ledger,
  entryId: string,
  decision: { route: string; ticketId?: string | null },
): Promise<IntakeEntry> {
  try {
    return await store.journalDecided(entryId, decision);
  } catch (e) {
    if (isLedgerError(e) && e.code === 'invalid_transition') return (await store.getIntakeEntry(entryId)) as IntakeEntry;
    throw e;
  }
}

// Labels and categories are safe to set again: a claim a dead run left is taken over after this.
const LABEL_TAKEOVER_MS = 10 * 60_000;

/** True for the one run that may perform this effect for this mail (at most once; labels at least once). */
export function claimIntakeEffect(store: Ledger, entryId: string, effect: IntakeEffect, now = new Date()): Promise<boolean> {
  const takeOverClaimedBefore = effect.startsWith('label:') ? new Date(now.getTime() - LABEL_TAKEOVER_MS) : undefined;
  return store.claimEffect(entryId, effect, takeOverClaimedBefore ? { takeOverClaimedBefore } : undefined);
}

/**
 * The effect happened; with `last`, the mail is done (its final label is set). A mail no SupportGate
 * node decided (Not support, Needs review) is decided by its label.
 */
export async function completeIntakeEffect(store: Ledger, entryId: string, effect: IntakeEffect, { last = false } = {}): Promise<void> {
  await store.completeEffect(entryId, effect);
  if (!last) return;
  const entry = await store.getIntakeEntry(entryId);
  if (entry?.state === 'received') await decideIntake(store, entryId, { route: effect });
  if (entry?.state !== 'done') await store.journalDone(entryId);
}
