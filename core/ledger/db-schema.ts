/** Row shapes of the ledger tables, as Kysely sees them (snake_case, ISO-8601 text timestamps). */
export interface ProjectsTable {
  id: string;
  name: string;
  price_minor: number;
  currency: string;
  settings: string;
  ticket_seq: number;
  created_at: string;
}
export interface RecipientsTable {
  id: string;
  project_id: string;
  address: string;
  account_id: string | null;
  created_at: string;
}
export interface AccountsTable {
  id: string;
  project_id: string;
  name: string;
  /** Cached sum of the journal; changes only in the transaction that writes the journal row. */
  balance: number;
  /** Number of journal rows: the next row's seq is entries + 1. */
  entries: number;
  created_at: string;
}
export interface SendersTable {
  id: string;
  project_id: string;
  address: string;
  account_id: string;
  created_at: string;
  /** Migration 10: when staff removed it; a removed sender is no longer recognised. */
  removed_at?: string | null;
}
export interface AccountDomainsTable {
  id: string;
  project_id: string;
  domain: string;
  account_id: string;
  created_at: string;
  /** Migration 10: when staff removed it. */
  removed_at?: string | null;
}
export interface JournalTable {
  id: string;
  project_id: string;
  account_id: string;
  seq: number;
  kind: string;
  credits: number;
  balance_after: number;
  idempotency_key: string;
  ticket_id: string | null;
  payment_request_id: string | null;
  actor: string;
  note: string | null;
  created_at: string;
}
export interface TicketsTable {
  id: string;
  project_id: string;
  number: number;
  account_id: string | null;
  sender: string | null;
  subject: string;
  category: string | null;
  urgency: string | null;
  summary: string | null;
  status: string;
  message_id: string | null;
  created_at: string;
  updated_at: string;
  /** Migration 4: the opening mail at its provider (Gmail message id, thread id, SupportEmail source). */
  provider_message_id?: string | null;
  provider_thread_id?: string | null;
  mail_source?: string | null;
  /** Migration 6: when staff waived the ticket (Ledger.waiveTicket); null while it is charged. */
  waived_at?: string | null;
}
export interface TicketMessagesTable {
  project_id: string;
  message_id: string;
  ticket_id: string;
  created_at: string;
}
export interface TicketStatusHistoryTable {
  id: string;
  ticket_id: string;
  from_status: string | null;
  to_status: string;
  actor: string;
  note: string | null;
  created_at: string;
}
export interface PaymentRequestsTable {
  id: string;
  project_id: string;
  account_id: string;
  ticket_id: string | null;
  stripe_session_id: string;
  url: string;
  credits: number;
  amount_minor: number;
  currency: string;
  status: string;
  expires_at: string;
  created_at: string;
  updated_at: string;
}
export interface ProcessedMessagesTable {
  project_id: string;
  message_id: string;
  outcome: string;
  created_at: string;
}
/** Migration 7: one row per mail an intake saw (see intake-journal.ts); never the mail's body. */
export interface IntakeJournalTable {
  id: string;
  mailbox: string;
  provider_message_id: string | null;
  message_id: string | null;
  /** 'mid:<Message-ID>' when the mail has one, else 'pid:<provider id>': unique per mailbox. */
  dedupe_key: string;
  project_id: string | null;
  state: string;
  route: string | null;
  ticket_id: string | null;
  attempts: number;
  last_error: string | null;
  received_at: string;
  decided_at: string | null;
  done_at: string | null;
  updated_at: string;
}
/** Migration 7: one row per side effect an intake run claimed for a mail; the primary key is the claim. */
export interface IntakeEffectsTable {
  entry_id: string;
  effect: string;
  claimed_at: string;
  done_at: string | null;
  /** 1, plus one per takeover of a stale claim (claimEffect's takeOverClaimedBefore). */
  claims: number;
}
export interface LedgerMigrationsTable {
  version: number;
  name: string;
  applied_at: string;
}

export interface LedgerDatabase {
  projects: ProjectsTable;
  recipients: RecipientsTable;
  accounts: AccountsTable;
  senders: SendersTable;
  account_domains: AccountDomainsTable;
  journal: JournalTable;
  tickets: TicketsTable;
  ticket_messages: TicketMessagesTable;
  ticket_status_history: TicketStatusHistoryTable;
  payment_requests: PaymentRequestsTable;
  processed_messages: ProcessedMessagesTable;
  intake_journal: IntakeJournalTable;
  intake_effects: IntakeEffectsTable;
  ledger_migrations: LedgerMigrationsTable;
}
