/** Gmail operations SupportGate needs beyond n8n's Gmail node: threaded replies, labels, reconcile sweep. */
export { createGmailClient, type AuthorizedFetch, type GmailAuth, type GmailClient, type GmailClientOptions } from './client';
export { GmailError, toGmailError, type GmailErrorCode } from './errors';
export { buildMime, buildReplyMime, validateReply, type OutgoingMail, type ThreadReply } from './mime';
export { sendMail, sendThreadReply, type SentReply } from './send';
export { ensureLabels, applyLabels, listLabels, labelQueryName, LABEL_PREFIX, SUPPORTGATE_LABELS } from './labels';
export { listUnlabeledRecent, reconcileQuery, type ListUnlabeledOptions, type RawGmailMessage, type UnlabeledRecent } from './reconcile';
export {
  walkHistory,
  latestInboxMessage,
  startState,
  currentProfile,
  mergeStates,
  exclusionOf,
  relistQuery,
  DEDUPE_WINDOW,
  DEFAULT_RELIST_MAX,
  type HistoryState,
  type NewMessage,
  type SkipReason,
  type WalkOptions,
  type WalkResult,
} from './history';
export {
  verifyPushToken,
  decodePushBody,
  startWatch,
  stopWatch,
  watchDue,
  PushVerificationError,
  GOOGLE_ISSUERS,
  type GmailPushNotification,
  type PushRefusal,
  type PushVerifyOptions,
  type WatchState,
} from './push';
