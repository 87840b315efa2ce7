/** Row → domain object mapping, and lookups every module shares. */
import type { Selectable } from 'kysely';
import type {
  AccountDomainsTable,
  AccountsTable,
  JournalTable,
  PaymentRequestsTable,
  ProjectsTable,
  RecipientsTable,
  SendersTable,
  TicketStatusHistoryTable,
  TicketsTable,
} from './db-schema';
import type { Db } from './context';
import { LedgerError } from './errors';
import type {
  Account,
  AccountDomain,
  JournalEntry,
  JournalKind,
  PaymentRequest,
  PaymentStatus,
  Project,
  Recipient,
  Sender,
  Ticket,
  TicketStatus,
  TicketStatusChange,
} from './types';

const num = (v: unknown): number => Number(v);

export const toProject = (r: Selectable<ProjectsTable>): Project => ({
  id: r.id,
  name: r.name,
  priceMinor: num(r.price_minor),
  currency: r.currency,
  settings: JSON.parse(r.settings || '{}') as Record<string, unknown>,
  createdAt: r.created_at,
});
export const toRecipient = (r: Selectable<RecipientsTable>): Recipient => ({
  id: r.id,
  projectId: r.project_id,
  address: r.address,
  accountId: r.account_id,
  createdAt: r.created_at,
});
export const toAccount = (r: Selectable<AccountsTable>): Account => ({
  id: r.id,
  projectId: r.project_id,
  name: r.name,
  balance: num(r.balance),
  createdAt: r.created_at,
});
export const toSender = (r: Selectable<SendersTable>): Sender => ({
  id: r.id,
  projectId: r.project_id,
  address: r.address,
  accountId: r.account_id,
  createdAt: r.created_at,
});
export const toDomain = (r: Selectable<AccountDomainsTable>): AccountDomain => ({
  id: r.id,
  projectId: r.project_id,
  domain: r.domain,
  accountId: r.account_id,
  createdAt: r.created_at,
});
export const toEntry = (r: Selectable<JournalTable>): JournalEntry => ({
  id: r.id,
  projectId: r.project_id,
  accountId: r.account_id,
  seq: num(r.seq),
  kind: r.kind as JournalKind,
  credits: num(r.credits),
  balanceAfter: num(r.balance_after),
  idempotencyKey: r.idempotency_key,
  ticketId: r.ticket_id,
  paymentRequestId: r.payment_request_id,
  actor: r.actor,
  note: r.note,
  createdAt: r.created_at,
});
export const toTicket = (r: Selectable<TicketsTable>): Ticket => ({
  id: r.id,
  projectId: r.project_id,
  number: num(r.number),
  accountId: r.account_id,
  sender: r.sender,
  subject: r.subject,
  category: r.category,
  urgency: r.urgency,
  summary: r.summary,
  status: r.status as TicketStatus,
  messageId: r.message_id,
  providerMessageId: r.provider_message_id ?? null,
  threadId: r.provider_thread_id ?? null,
  mailSource: r.mail_source ?? null,
  waived: r.waived_at != null,
  waivedAt: r.waived_at ?? null,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
export const toStatusChange = (r: Selectable<TicketStatusHistoryTable>): TicketStatusChange => ({
  id: r.id,
  ticketId: r.ticket_id,
  fromStatus: r.from_status as TicketStatus | null,
  toStatus: r.to_status as TicketStatus,
  actor: r.actor,
  note: r.note,
  createdAt: r.created_at,
});
export const toPayment = (r: Selectable<PaymentRequestsTable>): PaymentRequest => ({
  id: r.id,
  projectId: r.project_id,
  accountId: r.account_id,
  ticketId: r.ticket_id,
  stripeSessionId: r.stripe_session_id,
  url: r.url,
  credits: num(r.credits),
  amountMinor: num(r.amount_minor),
  currency: r.currency,
  status: r.status as PaymentStatus,
  expiresAt: r.expires_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** A project by id or by name, or null. */
export async function findProjectRow(db: Db, ref: string): Promise<Selectable<ProjectsTable> | null> {
  if (typeof ref !== 'string' || ref.trim() === '') return null;
  const key = ref.trim();
  const row = await db
    .selectFrom('projects')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', key), eb('name', '=', key)]))
    .executeTakeFirst();
  return row ?? null;
}

export async function requireProjectRow(db: Db, ref: string): Promise<Selectable<ProjectsTable>> {
  const row = await findProjectRow(db, ref);
  if (!row) throw unknownProjectError(ref);
  return row;
}

export const unknownProjectError = (ref: unknown): LedgerError =>
  new LedgerError(
    'unknown_project',
    `project "${String(ref)}" does not exist: give the name or id of a project created with createProject.`,
    'project',
  );

export function unknownAccountInProjectError(accountId: unknown, projectId?: string): LedgerError {
  const where = projectId ? ' in this project' : '';
  return new LedgerError(
    'unknown_account',
    `account "${String(accountId)}" does not exist${where}: give the id of an existing account (see listAccounts).`,
    'accountId',
  );
}

export async function requireAccountRow(db: Db, accountId: string, projectId?: string): Promise<Selectable<AccountsTable>> {
  const row =
    typeof accountId === 'string' && accountId
      ? await db.selectFrom('accounts').selectAll().where('id', '=', accountId).executeTakeFirst()
      : undefined;
  if (!row || (projectId && row.project_id !== projectId)) throw unknownAccountInProjectError(accountId, projectId);
  return row;
}
