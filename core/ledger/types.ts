/** Domain types and the Ledger interface shared by the SQLite and PostgreSQL stores. */

export interface Project {
  id: string;
  name: string;
  /** Price of one intervention (one credit) in minor units: 8000 = 80.00 EUR. */
  priceMinor: number;
  currency: string;
  settings: Record<string, unknown>;
  createdAt: string;
}

export interface Recipient {
  id: string;
  projectId: string;
  /** Kept with its plus tag: support+acme@agency.fr. */
  address: string;
  /** When set, mail to this address belongs to this account whoever sends it. */
  accountId: string | null;
  createdAt: string;
}

export interface Account {
  id: string;
  projectId: string;
  name: string;
  balance: number;
  createdAt: string;
}

export interface Sender {
  id: string;
  projectId: string;
  address: string;
  accountId: string;
  createdAt: string;
}

export interface AccountDomain {
  id: string;
  projectId: string;
  domain: string;
  accountId: string;
  createdAt: string;
}

/** waive: a debited ticket's credits given back, because staff marked the ticket not chargeable. */
export const JOURNAL_KINDS = ['grant', 'debit', 'purchase', 'refund', 'revoke', 'waive'] as const;
export type JournalKind = (typeof JOURNAL_KINDS)[number];

export interface JournalEntry {
  id: string;
  projectId: string;
  accountId: string;
  /** 1, 2, 3… per account: the order of movements, and the history cursor. */
  seq: number;
  kind: JournalKind;
  /** Signed movement: +10 for a grant, -1 for a debit. */
  credits: number;
  balanceAfter: number;
  idempotencyKey: string;
  ticketId: string | null;
  paymentRequestId: string | null;
  actor: string;
  note: string | null;
  createdAt: string;
}

export interface MoneyResult {
  status: 'done' | 'already_done';
  /** Balance right after the movement (for already_done: after the original movement). */
  balance: number;
  entryId: string;
  /** Credits actually moved (a revoke never goes below zero, so it may move fewer). */
  credits: number;
}

/** A waive: the movement (already_done when the ticket was waived before) and the ticket, flagged waived. */
export interface WaiveResult extends MoneyResult {
  ticket: Ticket;
}

export interface DebitResult {
  status: 'debited' | 'insufficient' | 'already_done';
  balance: number;
  entryId?: string;
}

export const TICKET_STATUSES = [
  'new',
  'in_progress',
  'waiting_client',
  'waiting_payment',
  'waiting_confirmation',
  'resolved',
  'closed',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export interface Ticket {
  id: string;
  projectId: string;
  /** Sequential per project: shown as [SG-<number>]. */
  number: number;
  accountId: string | null;
  sender: string | null;
  subject: string;
  category: string | null;
  urgency: string | null;
  summary: string | null;
  status: TicketStatus;
  /** Message-ID of the mail that opened the ticket. */
  messageId: string | null;
  /** The opening mail's id at its provider (Gmail message id): to relabel it. Null when unknown. */
  providerMessageId: string | null;
  /** The opening mail's provider thread (Gmail threadId): to answer in it. Null when unknown. */
  threadId: string | null;
  /** The SupportEmail source of the opening mail ('gmail-full', 'outlook-raw'…). Null when unknown. */
  mailSource: string | null;
  /** True once staff waived it (Ledger.waiveTicket): its credits came back, it costs nothing. */
  waived: boolean;
  waivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface TicketStatusChange {
  id: string;
  ticketId: string;
  fromStatus: TicketStatus | null;
  toStatus: TicketStatus;
  actor: string;
  note: string | null;
  createdAt: string;
}

export type PaymentStatus = 'open' | 'paid' | 'expired' | 'refunded';

export interface PaymentRequest {
  id: string;
  projectId: string;
  accountId: string;
  ticketId: string | null;
  stripeSessionId: string;
  url: string;
  credits: number;
  amountMinor: number;
  currency: string;
  status: PaymentStatus;
  expiresAt: string;
  createdAt: string;
  updatedAt: string;
}

export interface NewProject {
  name: string;
  priceMinor?: number;
  currency?: string;
  settings?: Record<string, unknown>;
  /** Support addresses created with the project, in the same transaction (createProject only). */
  recipients?: string[];
}

/** Ledger.listProjectTickets: one status or several (all when absent), one account's, at most limit (default 100, max 500). */
export interface ProjectTicketQuery {
  status?: TicketStatus | TicketStatus[] | null;
  accountId?: string | null;
  limit?: number;
}

export interface AccountActivity {
  accountId: string;
  /** The newest journal entry or ticket of the account (ISO); null when it has neither. */
  lastActivityAt: string | null;
}

export interface NewTicket {
  project: string;
  subject: string;
  accountId?: string | null;
  sender?: string | null;
  category?: string | null;
  urgency?: string | null;
  summary?: string | null;
  messageId?: string | null;
  status?: TicketStatus;
  actor?: string;
  /** Where the opening mail lives at its provider (see Ticket). */
  providerMessageId?: string | null;
  threadId?: string | null;
  mailSource?: string | null;
}

export interface NewPaymentRequest {
  accountId: string;
  ticketId?: string | null;
  stripeSessionId: string;
  url: string;
  credits: number;
  amountMinor: number;
  currency: string;
  expiresAt: Date | string;
}

export interface HistoryPage {
  entries: JournalEntry[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export interface InvariantViolation {
  accountId: string;
  cachedBalance: number;
  journalBalance: number;
}

/** One incoming request to charge: see Ledger.openRequest. */
export interface OpenRequestInput {
  project: ProjectRef;
  accountId: string;
  /** Message-ID of the request; a Message-ID already linked to a ticket is never charged again. */
  messageId: string;
  /** The debit's key, e.g. "msg:<project>:<Message-ID>". */
  idempotencyKey: string;
  subject: string;
  sender?: string | null;
  category?: string | null;
  urgency?: string | null;
  summary?: string | null;
  /** Normalized subject (core/tickets subjectFingerprint); "" never matches. */
  subjectFingerprint: string;
  /** Bottom-k shingle sketch of the cleaned body (core/tickets bodySignature); "" never matches. */
  bodySignature: string;
  /** Open tickets of the account created at or after this ISO instant may absorb the request; null: no duplicate check. */
  duplicateSince?: string | null;
  /** Body similarity (0..1) from which two requests are the same problem. Default 0.8. */
  similarityThreshold?: number;
  /** Without credit, open the ticket held as waiting_payment (default true) so a payment can release it. */
  holdWhenNoCredit?: boolean;
  actor: string;
  /** Where the mail lives at its provider, stored on a ticket it opens (SupportEmail providerId, threadId, source). */
  providerMessageId?: string | null;
  threadId?: string | null;
  mailSource?: string | null;
}

export type OpenRequestOutcome = 'debited' | 'already_debited' | 'linked' | 'duplicate' | 'no_credit';

export interface OpenRequestResult {
  /** debited: charged now; already_debited/linked: this Message-ID was handled before; duplicate: joined an open ticket. */
  outcome: OpenRequestOutcome;
  ticket: Ticket | null;
  /** True when this call opened the ticket. */
  created: boolean;
  balance: number;
  entryId: string | null;
  duplicateOf: { ticketId: string; number: number; by: 'subject' | 'body'; similarity: number } | null;
}

/** A request whose sender could not be authenticated, held until the registered address confirms it. */
export interface HoldForConfirmationInput {
  project: ProjectRef;
  accountId: string;
  /** Message-ID of the request: a Message-ID already ticketed answers with that ticket. */
  messageId: string;
  subject: string;
  sender: string;
  category?: string | null;
  urgency?: string | null;
  summary?: string | null;
  actor: string;
  /** The secret the confirmation mail carries; stored with the ticket, never derived from it. */
  confirmationCode: string;
  providerMessageId?: string | null;
  threadId?: string | null;
  mailSource?: string | null;
}

export interface HoldForConfirmationResult {
  ticket: Ticket;
  /** True when this call opened the held ticket: the confirmation mail goes out once. */
  created: boolean;
}

export interface ConfirmHeldTicketInput {
  ticketId: string;
  /** The debit's key: the original request's ("msg:<project>:<Message-ID>"), so a re-driven original is never charged again. */
  idempotencyKey: string;
  /** A ticket held since before this ISO instant has expired: closed, never charged. */
  expiresBefore: string;
  actor: string;
}

/** debited: confirmed and charged; no_credit: confirmed, now waiting_payment; expired: closed unpaid; not_waiting: confirmed before (or changed by staff). */
export type ConfirmOutcome = 'debited' | 'no_credit' | 'expired' | 'not_waiting';

export interface ConfirmHeldTicketResult {
  outcome: ConfirmOutcome;
  ticket: Ticket;
  balance: number;
}

export interface ReleasedTicket {
  ticket: Ticket;
  /** True when this call released it; false when an earlier run of the same payment did. */
  now: boolean;
  /** False only when its release had been paid before (a ticket put on hold again): no second debit. */
  charged: boolean;
}

export interface ReleaseHeldResult {
  request: PaymentRequest;
  /** Released by this payment, the request's own ticket first, then oldest first. */
  released: ReleasedTicket[];
  /** The account's tickets still waiting_payment: the balance did not cover them. Oldest first. */
  held: Ticket[];
  balance: number;
}

/** The intake journal's states (see core/ledger/intake-journal.ts): received → decided → done. */
export const INTAKE_STATES = ['received', 'decided', 'done'] as const;
export type IntakeState = (typeof INTAKE_STATES)[number];

/** Side effects an intake claims per mail; `label:<name>` is one claim per label or category. */
export const INTAKE_EFFECT_KINDS = ['reply', 'payment_mail', 'confirmation_mail', 'staff_notification', 'low_balance_mail'] as const;
export type IntakeEffect = (typeof INTAKE_EFFECT_KINDS)[number] | `label:${string}`;

/** What identifies a mail to the journal: the intake's key plus the mail's ids (at least one of them). */
export interface IntakeMailKey {
  /** The intake's stable key: a mailbox ("gmail:support@agency.fr") or a project id; compared lower-cased. */
  mailbox: string;
  /** The mail's id at its provider (Gmail id, Graph id, IMAP UIDVALIDITY:UID); null when it has none. */
  providerMessageId?: string | null;
  /** The Message-ID header, the cross-provider dedupe key; "<>" are added when missing. */
  messageId?: string | null;
}

export interface NewIntakeMail extends IntakeMailKey {
  /** The project, when the intake knows it already (id or name); journalDecided may set it later. */
  projectId?: ProjectRef | null;
}

export interface IntakeEntry {
  id: string;
  mailbox: string;
  /** Where the mail was last seen at its provider (a re-recording updates it: Graph ids change when mail moves). */
  providerMessageId: string | null;
  messageId: string | null;
  /** "mid:<Message-ID>", or "pid:<provider id>" for a mail without Message-ID: unique per mailbox. */
  dedupeKey: string;
  projectId: string | null;
  state: IntakeState;
  /** What the intake decided (e.g. "ticket", "payment_link", "not_support"): final once recorded. */
  route: string | null;
  ticketId: string | null;
  /** 1 for the first run, plus one per journalReceived of the same mail (a retry, a second delivery, a sweep). */
  attempts: number;
  /** The last journalFailed message (text only, never the mail), kept after a later success. */
  lastError: string | null;
  receivedAt: string;
  decidedAt: string | null;
  doneAt: string | null;
  updatedAt: string;
}

export interface IntakeDecision {
  route: string;
  ticketId?: string | null;
  projectId?: ProjectRef | null;
}

export interface IntakeEffectClaim {
  entryId: string;
  effect: IntakeEffect;
  claimedAt: string;
  /** Null while claimed and not completed: the effect may or may not have happened. */
  doneAt: string | null;
  /** 1, plus one per takeover of a stale claim. */
  claims: number;
}

export interface UnfinishedIntakeQuery {
  mailbox?: string;
  /** Entries untouched (updatedAt) since before this instant: not being worked on now. */
  olderThan: Date;
  limit: number;
}

export interface StuckEffectsQuery {
  mailbox?: string;
  claimedBefore: Date;
  limit: number;
}

/** Project references accept the id or the name. */
export type ProjectRef = string;

export interface Ledger {
  readonly kind: 'sqlite' | 'postgres';

  createProject(input: NewProject): Promise<Project>;
  updateProject(project: ProjectRef, patch: Partial<NewProject>): Promise<Project>;
  getProject(project: ProjectRef): Promise<Project | null>;
  listProjects(): Promise<Project[]>;

  addRecipient(project: ProjectRef, address: string, accountId?: string | null): Promise<Recipient>;
  removeRecipient(project: ProjectRef, address: string): Promise<boolean>;
  listRecipients(project: ProjectRef): Promise<Recipient[]>;
  /** Which project (and maybe account) a mail sent to this address is for: exact, then without plus tag. */
  resolveRecipient(address: string): Promise<Recipient | null>;

  createAccount(project: ProjectRef, name: string): Promise<Account>;
  getAccount(accountId: string): Promise<Account | null>;
  listAccounts(project: ProjectRef): Promise<Account[]>;
  authorizeSender(
    project: ProjectRef,
    address: string,
    /** initialCredits are granted once, when this call creates the sender (keyed by project and address). */
    options?: { accountId?: string; accountName?: string; initialCredits?: number; actor?: string },
  ): Promise<{ sender: Sender; account: Account; created: boolean }>;
  authorizeDomain(project: ProjectRef, accountId: string, domain: string): Promise<AccountDomain>;
  /**
   * A whole domain as a client: into accountId, or its account before it was removed, or a new
   * account (accountName, default the domain) with initialCredits granted once. created: false
   * when the domain was already authorized.
   */
  authorizeClientDomain(
    project: ProjectRef,
    domain: string,
    options?: { accountId?: string; accountName?: string; initialCredits?: number; actor?: string },
  ): Promise<{ domain: AccountDomain; account: Account; created: boolean }>;
  listSenders(accountId: string): Promise<Sender[]>;
  listDomains(accountId: string): Promise<AccountDomain[]>;
  /** Exact sender address first, then its domain. */
  resolveSender(project: ProjectRef, address: string): Promise<Account | null>;
  /**
   * No longer recognised (journal and tickets stay); false when it was not an authorized sender.
   * Authorizing it again puts it back in its account and grants no initial credits a second time.
   */
  removeSender(project: ProjectRef, address: string): Promise<boolean>;
  /** The domain no longer makes its senders clients; senders authorized one by one stay. */
  removeDomain(project: ProjectRef, domain: string): Promise<boolean>;
  /** When each account of the project last moved credits or opened a ticket. */
  lastActivity(project: ProjectRef): Promise<AccountActivity[]>;

  grant(accountId: string, credits: number, idempotencyKey: string, actor: string, note?: string): Promise<MoneyResult>;
  debit(
    accountId: string,
    idempotencyKey: string,
    options: { ticketId?: string | null; actor: string; credits?: number; note?: string },
  ): Promise<DebitResult>;
  revoke(accountId: string, credits: number, idempotencyKey: string, actor: string, note?: string): Promise<MoneyResult>;
  balance(accountId: string): Promise<number>;
  history(accountId: string, options?: { limit?: number; cursor?: string | null }): Promise<HistoryPage>;
  checkInvariants(): Promise<InvariantViolation[]>;

  createTicket(input: NewTicket): Promise<{ ticket: Ticket; created: boolean }>;
  getTicket(ticketId: string): Promise<Ticket | null>;
  getTicketByNumber(project: ProjectRef, number: number): Promise<Ticket | null>;
  findTicketByMessageId(project: ProjectRef, messageId: string): Promise<Ticket | null>;
  /** Links a later message of the thread (reply, follow-up) to the ticket. */
  addTicketMessage(ticketId: string, messageId: string): Promise<boolean>;
  listTickets(accountId: string, options?: { limit?: number }): Promise<Ticket[]>;
  /** The project's tickets, highest number first, filtered by status and account. */
  listProjectTickets(project: ProjectRef, query?: ProjectTicketQuery): Promise<Ticket[]>;
  countProjectTickets(project: ProjectRef, status?: ProjectTicketQuery['status']): Promise<number>;
  setTicketStatus(ticketId: string, status: TicketStatus, actor: string, note?: string): Promise<Ticket>;
  ticketHistory(ticketId: string): Promise<TicketStatusChange[]>;
  /**
   * Staff marks a charged ticket not chargeable: in one transaction (account locked), its debits
   * come back as one 'waive' entry under waive:<ticketId> (so at most once) and the ticket is
   * flagged waived. A ticket never debited is refused (not_charged).
   */
  waiveTicket(ticketId: string, actor: string, note?: string): Promise<WaiveResult>;
  /**
   * Charges one request in one transaction (account locked): a Message-ID seen before answers
   * from its ticket, a duplicate of an open ticket joins it, otherwise a ticket is opened and one
   * credit debited, or (no credit) the ticket is held as waiting_payment.
   */
  openRequest(input: OpenRequestInput): Promise<OpenRequestResult>;
  /** Opens the ticket as waiting_confirmation with its confirmation code, in one transaction; never charges. */
  holdForConfirmation(input: HoldForConfirmationInput): Promise<HoldForConfirmationResult>;
  /** The held ticket whose confirmation code this is (project-scoped), or null. */
  findTicketByConfirmationCode(project: ProjectRef, code: string): Promise<Ticket | null>;
  /**
   * The registered sender confirmed: in one transaction (account locked), one credit debited under
   * the request's own key and the ticket set to new, or (no credit) to waiting_payment; an expired
   * hold is closed instead. A ticket no longer waiting_confirmation answers not_waiting, unchanged.
   */
  confirmHeldTicket(input: ConfirmHeldTicketInput): Promise<ConfirmHeldTicketResult>;
  /** Closes, uncharged, the project's tickets still waiting_confirmation that were held before this ISO instant. */
  expireUnconfirmedTickets(project: ProjectRef, heldBefore: string, actor: string): Promise<Ticket[]>;

  createPaymentRequest(input: NewPaymentRequest): Promise<PaymentRequest>;
  getPaymentRequestBySession(stripeSessionId: string): Promise<PaymentRequest | null>;
  findOpenPaymentRequest(accountId: string, now?: Date): Promise<PaymentRequest | null>;
  /** The project's payment requests (one account's when given), newest first; status as stored. */
  listPaymentRequests(project: ProjectRef, query?: { accountId?: string | null; limit?: number }): Promise<PaymentRequest[]>;
  /** Marks paid and grants its credits (kind 'purchase', key stripe:<session>) in one transaction. */
  markPaymentPaid(stripeSessionId: string, actor: string): Promise<{ request: PaymentRequest; grant: MoneyResult }>;
  markPaymentExpired(stripeSessionId: string): Promise<PaymentRequest>;
  /** Marks refunded and takes back the unused part of its credits (kind 'refund'), never below zero. */
  markPaymentRefunded(stripeSessionId: string, actor: string): Promise<{ request: PaymentRequest; revoke: MoneyResult | null }>;
  /**
   * Status only, no credits move: open → expired | refunded, paid → refunded (the Stripe event
   * path revokes per refund itself). 'paid' is refused: only markPaymentPaid may set it, with its grant.
   */
  setPaymentRequestStatus(stripeSessionId: string, status: 'expired' | 'refunded'): Promise<PaymentRequest>;
  /**
   * After a paid request: releases the account's held (waiting_payment) tickets, the request's own
   * first, then oldest first, as far as the balance allows; each debited once under
   * ticket:<id>:release and set to new. Replays answer what the payment released. Throws unless paid.
   */
  releaseHeldTickets(stripeSessionId: string, actor: string): Promise<ReleaseHeldResult>;
  /** Rate limit of payment-request mails: true for the first claim of a request, false after. */
  claimPaymentRequestMail(stripeSessionId: string, at?: Date): Promise<boolean>;
  /** True when the account's project journal holds this idempotency key for this account. */
  hasJournalEntry(accountId: string, idempotencyKey: string): Promise<boolean>;
  /** Credits that left the account after the entry with this key (debits; revokes and refunds); zeros when absent. */
  usageSince(accountId: string, afterIdempotencyKey: string): Promise<{ debited: number; revoked: number }>;
  /** Replay guard for signed Stripe webhooks: true the first time an event id is recorded. */
  recordEventOnce(eventId: string): Promise<boolean>;

  /** Dedupe of incoming mail: true the first time (project, Message-ID) is seen. */
  recordMessage(project: ProjectRef, messageId: string, outcome: string): Promise<boolean>;
  getMessageOutcome(project: ProjectRef, messageId: string): Promise<string | null>;

  /**
   * The intake journal (core/ledger/intake-journal.ts has the states, keys and guarantees).
   * Records a mail an intake sees; the same mail again returns its entry with attempts + 1.
   */
  journalReceived(mail: NewIntakeMail): Promise<{ entry: IntakeEntry; firstTime: boolean }>;
  /** received → decided with its route (and ticket); the same decision again is a no-op, another route is refused. */
  journalDecided(entryId: string, decision: IntakeDecision): Promise<IntakeEntry>;
  /** decided → done; done again is a no-op; a received entry is refused (decide first). */
  journalDone(entryId: string): Promise<IntakeEntry>;
  /** Records why a run failed; the state stays, so the entry stays listed for the sweeps. A done entry is left as is. */
  journalFailed(entryId: string, error: string): Promise<IntakeEntry>;
  /** By entry id, or by mail key (Message-ID first, else the provider id). */
  getIntakeEntry(ref: string | IntakeMailKey): Promise<IntakeEntry | null>;
  /** received or decided entries untouched since before olderThan, oldest first: what the sweeps re-drive. */
  listUnfinishedIntake(query: UnfinishedIntakeQuery): Promise<IntakeEntry[]>;
  /** When the mailbox's last done mail was done (ISO), or null: where a sweep's listing window starts. */
  lastDoneAt(mailbox: string): Promise<string | null>;
  /**
   * True for the one caller that claims this effect of this mail first (atomic, whatever the
   * concurrency); false after. At most once: a claim never completed stays taken, unless the caller
   * passes takeOverClaimedBefore (for effects safe to repeat, e.g. labels): then a claim older than
   * that instant and not completed is taken over by one caller.
   */
  claimEffect(entryId: string, effect: IntakeEffect, options?: { takeOverClaimedBefore?: Date }): Promise<boolean>;
  /** Marks a claimed effect done (again: no-op); an effect never claimed is refused. */
  completeEffect(entryId: string, effect: IntakeEffect): Promise<IntakeEffectClaim>;
  /** Gives back a claim whose effect certainly did not happen (the send was refused); never a completed one. */
  releaseEffect(entryId: string, effect: IntakeEffect): Promise<boolean>;
  listIntakeEffects(entryId: string): Promise<IntakeEffectClaim[]>;
  /** Effects claimed before claimedBefore and never completed (a run died between claim and send), oldest first. */
  listStuckEffects(query: StuckEffectsQuery): Promise<Array<IntakeEffectClaim & { mailbox: string }>>;

  close(): Promise<void>;
}
