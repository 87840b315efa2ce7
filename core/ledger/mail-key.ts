/**
 * What a journal key keeps of a mail: a request's debit key must stay forever (it is what makes a
 * redelivered mail a no-op), but the journal is append-only and data retention must not leave a
 * Message-ID behind. So the key carries the SHA-256 of the Message-ID, never the Message-ID:
 * the same mail still gives the same key, and the key names no mail once the mail is purged.
 */
import { createHash } from 'node:crypto';

// Always hashed, even what looks hashed already: a Message-ID is chosen by the sender, so one
// written as "sha256:<someone else's hash>" must not land on that mail's key.
export const hashedMessageId = (messageId: string): string => 'sha256:' + createHash('sha256').update(messageId).digest('hex');

/** The debit key of a request: one per project and Message-ID. */
export const requestKeyOf = (projectId: string, messageId: string): string => `msg:${projectId}:${hashedMessageId(messageId)}`;

/** A key written before migration 8 ("msg:<project>:<Message-ID>") in its hashed form; other keys as they are. */
export function hashedRequestKey(key: string): string {
  const m = /^msg:([^:]+):(.+)$/s.exec(key);
  return m ? requestKeyOf(m[1]!, m[2]!) : key;
}
