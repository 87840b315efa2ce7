/**
 * Where a released ticket's opening mail lives, for the confirmation in its thread: Gmail by its
 * thread and message ids; IMAP by its Message-ID alone (SMTP threads by In-Reply-To/References), with
 * the mail's intake journal entry so its confirmation is claimed once per mail like the intake's replies.
 */
import type { Ledger } from '../ledger/types';
import type { TicketRelease } from './events';

/** Gmail can file a reply in the thread and relabel the message only for mail that came from Gmail. */
export const inGmail = (t: TicketRelease): boolean =>
  Boolean(t.providerMessageId && t.threadId && String(t.mailSource ?? '').startsWith('gmail'));

/** An IMAP mailbox threads by Message-ID alone and finds the mail again by it. */
export const inImap = (t: TicketRelease): boolean => Boolean(t.messageId && String(t.mailSource ?? '').startsWith('imap'));

/** The opening mail as the IMAP/SMTP Support Actions node reads an item's `email` (reply and keyword by Message-ID). */
export const openingMail = (t: TicketRelease, to: string) => ({
  messageId: t.messageId,
  providerId: t.providerMessageId ?? null,
  subject: t.subject ?? '',
  from: { address: t.sender ?? to, name: '' },
});

/**
 * The intake journal entry of an IMAP ticket's opening mail (the IMAP intake keys it imap:<project>),
 * as the mailbox nodes read an item's `intake`; null for a mail no journaled intake saw.
 */
export async function openingIntake(store: Ledger, projectId: string, t: TicketRelease): Promise<{ entryId: string } | null> {
  if (!t.messageId) return null;
  const entry = await store.getIntakeEntry({ mailbox: `imap:${projectId}`, messageId: t.messageId });
  return entry ? { entryId: entry.id } : null;
}
