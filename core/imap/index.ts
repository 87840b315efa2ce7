/** IMAP/SMTP support mailboxes: threaded replies, SupportGate keywords (or folders), reconcile sweep. */
export { imapSmtpConfigFrom, type ImapSmtpConfig, type ServerConfig } from './config';
export { ImapSupportError, type ImapErrorCode } from './errors';
export { closeSession, mustStartTls, openImap, openSession, smtpTransport, verifyImapSmtp, type MailSession } from './session';
export {
  FOLDER_ROOT,
  KEYWORD_PREFIX,
  MARK_NAMES,
  SUPPORTGATE_MARKS,
  isMark,
  keywordsAllowed,
  markFolder,
  type MarkMode,
  type SupportGateMark,
} from './marks';
export { locateMessage, uidFromProviderId, type Located, type MessageRef } from './locate';
export { clearMarks, moveMessage, setMark, type MarkResult } from './mark';
export { autoReplyHeaders, replyRecipients, taggedSubject, threadingHeaders, type ComposedReply, type RepliedMail } from './reply';
export { buildMessage, sendMessage, type OutgoingMessage, type SentMessage } from './send';
export { listUnmarkedRecent, type RawImapMessage, type SweepOptions } from './sweep';
export { replyInThread, type ReplyInThreadInput } from './reply-in-thread';
