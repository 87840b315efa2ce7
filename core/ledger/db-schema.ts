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
}
export interface AccountDomainsTable {
  id: string;
  project_id: string;
  domain: string;
  account_id: string;
  created_at: string;
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
  ledger_migrations: LedgerMigrationsTable;
}
