/**
 * The SupportGate marks of a handled mail: an IMAP keyword ($SupportGate_Paid) where the mailbox
 * accepts custom keywords, else a folder (SupportGate/Paid) the mail is moved to.
 */
import type { ImapFlow } from 'imapflow';

export const SUPPORTGATE_MARKS = {
  paid: { keyword: '$SupportGate_Paid', folder: 'Paid' },
  awaitingPayment: { keyword: '$SupportGate_AwaitingPayment', folder: 'Awaiting payment' },
  awaitingConfirmation: { keyword: '$SupportGate_AwaitingConfirmation', folder: 'Awaiting confirmation' },
  followUp: { keyword: '$SupportGate_FollowUp', folder: 'Follow-up' },
  needsReview: { keyword: '$SupportGate_NeedsReview', folder: 'Needs review' },
  notSupport: { keyword: '$SupportGate_NotSupport', folder: 'Not support' },
  ignored: { keyword: '$SupportGate_Ignored', folder: 'Ignored' },
} as const;

export type SupportGateMark = keyof typeof SUPPORTGATE_MARKS;
export const MARK_NAMES = Object.keys(SUPPORTGATE_MARKS) as SupportGateMark[];
export const KEYWORD_PREFIX = '$SupportGate_';
export const FOLDER_ROOT = 'SupportGate';

/** "keywords" where the open mailbox allows them, "folders" otherwise or when asked. */
export type MarkMode = 'auto' | 'keywords' | 'folders';

export function isMark(value: unknown): value is SupportGateMark {
  return typeof value === 'string' && value in SUPPORTGATE_MARKS;
}

/**
 * RFC 3501 §7.1: PERMANENTFLAGS lists the flags a STORE keeps; "\*" means new keywords may be
 * created. Without it (and without our keyword already listed), a keyword would not survive.
 */
export function keywordsAllowed(permanentFlags: Set<string> | undefined, keyword: string): boolean {
  if (!permanentFlags) return true; // the server did not say: RFC 3501 then allows all flags
  return permanentFlags.has('\\*') || permanentFlags.has(keyword);
}

/** The folder path of a mark as segments; imapflow joins them with the server's delimiter. */
export function markFolder(mark: SupportGateMark): string[] {
  return [FOLDER_ROOT, SUPPORTGATE_MARKS[mark].folder];
}

/** Every SupportGate folder the server has, as full paths (whatever its delimiter). */
export async function existingMarkFolders(client: ImapFlow): Promise<string[]> {
  const list = await client.list();
  return list.filter((m) => m.path !== FOLDER_ROOT && m.path.startsWith(FOLDER_ROOT + m.delimiter)).map((m) => m.path);
}
