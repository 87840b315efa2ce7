/** Finds the client's mail on the server: by Message-ID (stable across moves), else by UID. */
import type { ImapFlow } from 'imapflow';
import { ImapSupportError, wrap } from './errors';
import { existingMarkFolders } from './marks';

export interface MessageRef {
  /** Message-ID with angle brackets, as the SupportEmail holds it. */
  messageId?: string;
  /** The trigger's UID (email.providerId "imap-uid-N"): only meaningful in `mailbox`. */
  uid?: number;
}

export interface Located {
  mailbox: string;
  uid: number;
}

/** "imap-uid-42" (Email Trigger's providerId) → 42. */
export function uidFromProviderId(providerId: unknown): number | undefined {
  const m = typeof providerId === 'string' ? /^imap-uid-(\d+)$/.exec(providerId) : null;
  return m ? Number(m[1]) : undefined;
}

async function searchIn(client: ImapFlow, mailbox: string, messageId: string): Promise<number | undefined> {
  await client.mailboxOpen(mailbox);
  const uids = await client.search({ header: { 'message-id': messageId } }, { uid: true });
  // Highest UID: a copy delivered again is the newest.
  return uids && uids.length ? Math.max(...uids) : undefined;
}

/**
 * The mailbox first (INBOX), then the SupportGate folders: in folder mode a mail already marked
 * lives there, and a new mark moves it on.
 */
export async function locateMessage(client: ImapFlow, ref: MessageRef, mailbox = 'INBOX'): Promise<Located> {
  try {
    if (ref.messageId) {
      for (const box of [mailbox, ...(await existingMarkFolders(client)).filter((b) => b !== mailbox)]) {
        const uid = await searchIn(client, box, ref.messageId);
        if (uid !== undefined) return { mailbox: box, uid };
      }
    }
    if (ref.uid !== undefined) {
      await client.mailboxOpen(mailbox);
      if (await client.fetchOne(String(ref.uid), { uid: true }, { uid: true })) return { mailbox, uid: ref.uid };
    }
  } catch (err) {
    throw wrap('imap_command_failed', `Searching ${mailbox} for the message`, err, 'messageId');
  }
  if (!ref.messageId && ref.uid === undefined) {
    throw new ImapSupportError(
      'imap_invalid_input',
      'No message to act on: the item has no email.messageId (pass the SupportEmail of Check Sender Credits) and no UID.',
      { field: 'messageId' },
    );
  }
  throw new ImapSupportError(
    'imap_not_found',
    `Message ${ref.messageId ?? `UID ${ref.uid}`} is not in ${mailbox} nor in a SupportGate folder: it was moved or deleted.`,
    { field: 'messageId' },
  );
}
