/**
 * The reconcile sweep: recent INBOX mail no SupportGate keyword marks as handled (in folder mode
 * handled mail has left INBOX), as raw messages Check Sender Credits normalizes like a trigger's.
 */
import type { ImapFlow } from 'imapflow';
import { ImapSupportError, wrap } from './errors';
import { KEYWORD_PREFIX } from './marks';

export interface SweepOptions {
  mailbox?: string;
  newerThanDays?: number;
  maxMessages?: number;
  /** Our own address: mail from it (a Bcc to ourselves, a bounce loop) is never a client's. */
  ownAddress?: string;
}

/** The shape core/email's normalizeAny reads as "imap-raw": the full RFC 822 source in `raw`. */
export interface RawImapMessage {
  raw: string;
  uid: number;
  mailbox: string;
  flags: string[];
  internalDate?: string;
}

const DAY_MS = 86_400_000;

export async function listUnmarkedRecent(client: ImapFlow, options: SweepOptions = {}): Promise<RawImapMessage[]> {
  const days = options.newerThanDays ?? 1;
  if (!Number.isInteger(days) || days < 1) {
    throw new ImapSupportError('imap_invalid_input', `Newer Than (Days) must be a whole number ≥ 1 (got ${days}).`, {
      field: 'newerThanDays',
    });
  }
  const mailbox = options.mailbox ?? 'INBOX';
  const max = options.maxMessages ?? 200;
  try {
    await client.mailboxOpen(mailbox, { readOnly: true });
    // SINCE compares dates only (RFC 3501): a day more, then the exact cut on INTERNALDATE.
    const since = new Date(Date.now() - days * DAY_MS);
    const uids = (await client.search({ since: new Date(since.getTime() - DAY_MS), deleted: false, draft: false }, { uid: true })) || [];
    if (!uids.length) return [];
    const own = options.ownAddress?.toLowerCase();
    const candidates = [];
    for await (const m of client.fetch(uids, { flags: true, envelope: true, internalDate: true }, { uid: true })) {
      const handled = [...(m.flags ?? [])].some((f) => f.startsWith(KEYWORD_PREFIX));
      const fromUs = own !== undefined && (m.envelope?.from ?? []).some((a) => a.address?.toLowerCase() === own);
      const recent = !m.internalDate || new Date(m.internalDate).getTime() >= since.getTime();
      if (!handled && !fromUs && recent) candidates.push(m.uid);
    }
    const chosen = candidates.sort((a, b) => a - b).slice(-max);
    const out: RawImapMessage[] = [];
    if (!chosen.length) return out;
    for await (const m of client.fetch(chosen, { source: true, flags: true, internalDate: true }, { uid: true })) {
      if (!m.source) continue;
      // Items are JSON: text it is. UTF-8, as mailparser reads a string; 7-bit mail is unchanged.
      out.push({
        raw: m.source.toString('utf8'),
        uid: m.uid,
        mailbox,
        flags: [...(m.flags ?? [])],
        ...(m.internalDate ? { internalDate: new Date(m.internalDate).toISOString() } : {}),
      });
    }
    return out.sort((a, b) => a.uid - b.uid);
  } catch (err) {
    throw wrap('imap_command_failed', `Listing recent mail of ${mailbox}`, err, 'mailbox');
  }
}
