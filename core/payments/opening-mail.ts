/**
 * Where a released ticket's opening mail lives, for the confirmation in its thread: Gmail by its
 * thread and message ids; IMAP by its Message-ID alone (SMTP threads by In-Reply-To/References);
 * Outlook by its Graph id (createReply keeps the conversation). Each carries the mail's intake
 * journal entry, so its confirmation is claimed once per mail like the intake's replies.
 */
import type { Ledger } from '../ledger/types';
import type { TicketRelease } from './events';

/** Gmail can file a reply in the thread and relabel the message only for mail that came from Gmail. */
export const inGmail = (t: TicketRelease): boolean =>
  Boolean(t.providerMessageId && t.threadId && String(t.mailSource ?? '').startsWith('gmail'));

/** An IMAP mailbox threads by Message-ID alone and finds the mail again by it. */
export const inImap = (t: TicketRelease): boolean => Boolean(t.messageId && String(t.mailSource ?? '').startsWith('imap'));

/** Graph replies to, and categorizes, the opening mail by its Graph id (the ticket's providerMessageId). */
export const inOutlook = (t: TicketRelease): boolean => Boolean(t.providerMessageId && String(t.mailSource ?? '').startsWith('outlook'));

/**
 * The opening mail as the mailbox nodes read an item's `email`: IMAP/SMTP by Message-ID, Outlook by
 * providerId (its Graph id), Gmail by its thread and message ids.
 */
export const openingMail = (t: TicketRelease, to: string) => ({
  messageId: t.messageId,
  providerId: t.providerMessageId ?? null,
  threadId: t.threadId ?? null,
  subject: t.subject ?? '',
  from: { address: t.sender ?? to, name: '' },
});

/**
 * The intake journal entry of a ticket's opening mail (the intakes key it <family>:<project>, e.g.
 * gmail:acme, imap:acme, outlook:acme), as the mailbox nodes read an item's `intake`; null for a mail no
 * journaled intake saw.
 */
export async function openingIntake(store: Ledger, projectId: string, t: TicketRelease): Promise<{ entryId: string } | null> {
  const family = inGmail(t) ? 'gmail' : inImap(t) ? 'imap' : inOutlook(t) ? 'outlook' : null;
  if (!family || !(t.messageId || t.providerMessageId)) return null;
  const entry = await store.getIntakeEntry({
    mailbox: `${family}:${projectId}`,
    messageId: t.messageId ?? null,
    providerMessageId: t.providerMessageId ?? null,
  });
  return entry ? { entryId: entry.id } : null;
}
