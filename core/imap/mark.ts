/** Sets or clears a SupportGate mark: a keyword, or a move to its SupportGate folder. */
import type { ImapFlow } from 'imapflow';
import { wrap } from './errors';
import type { Located } from './locate';
import { FOLDER_ROOT, MARK_NAMES, SUPPORTGATE_MARKS, keywordsAllowed, markFolder, type MarkMode, type SupportGateMark } from './marks';

export interface MarkResult {
  mark: SupportGateMark;
  method: 'keyword' | 'folder';
  /** Where the mail is now, and its UID there. */
  mailbox: string;
  uid: number;
  keyword?: string;
}

const OTHER_KEYWORDS = (mark?: SupportGateMark) => MARK_NAMES.filter((m) => m !== mark).map((m) => SUPPORTGATE_MARKS[m].keyword);

async function ensureFolder(client: ImapFlow, path: string[]): Promise<string> {
  const existing = (await client.list()).find((m) => m.path === path.join(m.delimiter));
  if (existing) return existing.path;
  const created = await client.mailboxCreate(path);
  return created.path;
}

async function moveTo(client: ImapFlow, at: Located, destination: string): Promise<Located> {
  if (at.mailbox === destination) return at;
  await client.mailboxOpen(at.mailbox);
  const moved = await client.messageMove(String(at.uid), destination, { uid: true });
  // Servers without UIDPLUS give no new UID; the mail is then found again by Message-ID.
  return { mailbox: destination, uid: (moved && moved.uidMap?.get(at.uid)) || 0 };
}

async function setByFolder(client: ImapFlow, at: Located, mark: SupportGateMark): Promise<MarkResult> {
  const folder = await ensureFolder(client, markFolder(mark));
  const now = await moveTo(client, at, folder);
  return { mark, method: 'folder', ...now };
}

/**
 * One SupportGate state per mail: setting a mark drops the others (Awaiting payment → Paid).
 * "auto" stores the keyword where PERMANENTFLAGS allows it and checks that it stuck; a server
 * that refuses custom keywords gets the folder instead.
 */
export async function setMark(client: ImapFlow, at: Located, mark: SupportGateMark, mode: MarkMode = 'auto'): Promise<MarkResult> {
  const keyword = SUPPORTGATE_MARKS[mark].keyword;
  try {
    if (mode === 'folders') return await setByFolder(client, at, mark);
    const box = await client.mailboxOpen(at.mailbox);
    if (mode === 'auto' && !keywordsAllowed(box.permanentFlags, keyword)) return await setByFolder(client, at, mark);
    await client.messageFlagsRemove(String(at.uid), OTHER_KEYWORDS(mark), { uid: true });
    await client.messageFlagsAdd(String(at.uid), [keyword], { uid: true });
    const after = await client.fetchOne(String(at.uid), { flags: true }, { uid: true });
    if (after && after.flags?.has(keyword)) return { mark, method: 'keyword', mailbox: at.mailbox, uid: at.uid, keyword };
    if (mode === 'auto') return await setByFolder(client, at, mark);
    throw new Error(
      `the server did not keep keyword ${keyword} (PERMANENTFLAGS: ${[...(box.permanentFlags ?? [])].join(' ') || 'none'}); use mode "folders"`,
    );
  } catch (err) {
    throw wrap('imap_command_failed', `Marking the message ${mark}`, err, 'mark');
  }
}

/** Removes every SupportGate keyword, and brings the mail back to `inbox` from a SupportGate folder. */
export async function clearMarks(client: ImapFlow, at: Located, inbox = 'INBOX'): Promise<Located> {
  try {
    await client.mailboxOpen(at.mailbox);
    await client.messageFlagsRemove(String(at.uid), OTHER_KEYWORDS(), { uid: true });
    const inMarkFolder = at.mailbox.startsWith(FOLDER_ROOT) && at.mailbox !== inbox;
    return inMarkFolder ? await moveTo(client, at, inbox) : at;
  } catch (err) {
    throw wrap('imap_command_failed', 'Clearing the SupportGate marks', err, 'mark');
  }
}

export async function moveMessage(client: ImapFlow, at: Located, destination: string): Promise<Located> {
  try {
    return await moveTo(client, at, destination);
  } catch (err) {
    throw wrap('imap_command_failed', `Moving the message to ${destination}`, err, 'destination');
  }
}
