/** Gmail operations SupportGate needs beyond n8n's Gmail node: threaded replies, labels, reconcile sweep. */
export { createGmailClient, type GmailAuth, type GmailClient, type GmailClientOptions } from './client';
export { GmailError, toGmailError, type GmailErrorCode } from './errors';
export { buildReplyMime, validateReply, type ThreadReply } from './mime';
export { sendThreadReply, type SentReply } from './send';
export { ensureLabels, applyLabels, listLabels, labelQueryName, LABEL_PREFIX, SUPPORTGATE_LABELS } from './labels';
export { listUnlabeledRecent, reconcileQuery, type ListUnlabeledOptions, type RawGmailMessage, type UnlabeledRecent } from './reconcile';
