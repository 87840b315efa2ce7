/** The credits gate: who may ask, follow-ups, duplicates, one debit per request, ticket lifecycle. */
export { checkSender, type CheckSenderOptions, type GateDecision, type GateReasonCode, type GateRoute } from './check-sender';
export { confirmationMail, type ConfirmationMail } from './confirmation-reply';
export { debitForRequest, requestKey, type DebitDecision, type DebitOptions, type DebitOutcome, type RequestClassification } from './debit';
export { DEFAULT_LOW_BALANCE_THRESHOLD, lowBalanceAfterDebit, lowBalanceThresholdOf, topUpCreditsOf, type LowBalance } from './low-balance';
export { claimIntakeEffect, completeIntakeEffect, decideIntake, intakeMailbox, mailFamily, recordIntake, type IntakeRef } from './intake';
export { ticketOpenedReply, type ReplyFields } from './ticket-reply';
export { GateError, type GateErrorCode } from './errors';
export { canTransition, OPEN_TICKET_STATUSES, TICKET_TRANSITIONS } from '../ledger/lifecycle';
export { matchRecipient, recipientAddresses, type RecipientMatch } from './recipients';
export { bodySignature, decodeSignature, shingleHashes, signatureSimilarity, SIGNATURE_SIZE, subjectFingerprint, words } from './signature';
export { tagFormatOf, tagRegExp } from './tag-format';
export {
  confirmationCodesIn,
  confirmationCodeText,
  confirmationExpiryHoursOf,
  DEFAULT_CONFIRMATION_EXPIRY_HOURS,
  findConfirmedTicket,
  needsConfirmation,
  newConfirmationCode,
  SENDER_AUTHENTICATION_POLICIES,
  senderAuthenticationOf,
  type SenderAuthenticationPolicy,
} from './sender-policy';
