export * from './types';
export { normalizeAny, detectSource } from './normalize-any';
export { normalizeGmailSimple, normalizeGmailFull, normalizeGmailRaw, GMAIL_AUTHSERV_ID } from './gmail';
export { normalizeOutlookSimple, normalizeOutlookRaw } from './outlook';
export { normalizeImapSimple, normalizeImapResolved, normalizeImapRaw } from './imap';
export { normalizeRfc822 } from './rfc822';
export { stripQuotesAndSignatures, htmlToPlainText, guessLanguage } from './clean-text';
export { parseAuthResults, type ParsedAuthResults, type MethodResult } from './auth-results';
export {
  checkAuthenticity,
  verifyRawAuthenticity,
  verdictFromResults,
  organizationalDomain,
  type Authenticity,
  type AuthVerdict,
  type AuthenticityOptions,
  type MailauthOptions,
} from './authenticity';
