/**
 * The credits gate: decides, with cheap lookups only (no LLM, no money moved), what happens to
 * an incoming mail. Order: recipient → sender → authenticity → follow-up → balance.
 */
import { checkAuthenticity, type Authenticity } from '../email/authenticity';
import type { SupportEmail } from '../email/types';
import type { Account, Ledger, Project, Ticket } from '../ledger/types';
import { findTicketNumber, formatTicketTag } from '../templates';
import { matchRecipient } from './recipients';
import {
  findConfirmedTicket,
  needsConfirmation,
  senderAuthenticationOf,
  threadIds,
  type SenderAuthenticationPolicy,
} from './sender-policy';
import { tagFormatOf } from './tag-format';

export type GateRoute = 'not_authorized' | 'follow_up' | 'has_credit' | 'no_credit';
/** Why, in one word, for filters and dashboards. */
export type GateReasonCode =
  | 'recipient'
  | 'sender'
  | 'account_mismatch'
  | 'spoofed'
  | 'follow_up'
  | 'confirmation'
  | 'has_credit'
  | 'no_credit';

export interface CheckSenderOptions {
  /** Only this project (id or name); default: the project of the recipient address. */
  project?: string | null;
  /** Overrides the project's settings.ticketTagFormat. */
  tagFormat?: string | null;
  /** The receiving host whose Authentication-Results are trusted (e.g. mx.google.com); default: project settings.trustedAuthservId. */
  trustedAuthservId?: string | null;
  /** A reply in the thread of a closed ticket is a follow-up too (default false: it is a new request). */
  followUpClosed?: boolean;
}

export interface GateDecision {
  route: GateRoute;
  reasonCode: GateReasonCode;
  reason: string;
  project: Project | null;
  account: Account | null;
  /** The ticket a follow-up belongs to. */
  ticket?: Ticket;
  balance: number | null;
  authenticity: Authenticity;
  /** Set on spoofed mail from an authorized sender, and on unverified mail under policy "flag": staff should look at it. */
  flagged?: boolean;
  /** The project's sender policy for a request (has_credit / no_credit), and what it asks of this mail. */
  senderAuthentication?: { policy: SenderAuthenticationPolicy; confirmationRequired: boolean };
  /** This mail is the registered sender's confirmation of the held request `ticket`: Debit Credit charges it. */
  confirms?: boolean;
}

/** The account's ticket this mail follows up on, by thread headers first, then the subject tag. */
async function findFollowedTicket(
  ledger: Ledger,
  email: SupportEmail,
  project: Project,
  account: Account,
  format: string,
  closedToo: boolean,
): Promise<{ ticket: Ticket; by: string } | null> {
  const usable = (t: Ticket | null): t is Ticket => !!t && t.accountId === account.id && (closedToo || t.status !== 'closed');
  for (const id of threadIds(email)) {
    const t = await ledger.findTicketByMessageId(project.id, id);
    if (usable(t)) return { ticket: t, by: `thread header ${id}` };
  }
  const number = findTicketNumber(email.subject, format);
  if (number !== null) {
    const t = await ledger.getTicketByNumber(project.id, number);
    if (usable(t)) return { ticket: t, by: `subject tag ${formatTicketTag(number, format)}` };
  }
  return null;
}

export async function checkSender(ledger: Ledger, email: SupportEmail, options: CheckSenderOptions = {}): Promise<GateDecision> {
  const match = await matchRecipient(ledger, email, options.project);
  const settings = match?.project.settings ?? {};
  const authservId =
    options.trustedAuthservId?.trim() || (typeof settings.trustedAuthservId === 'string' ? settings.trustedAuthservId : undefined);
  const authenticity = checkAuthenticity(email, authservId ? { trustedAuthservId: authservId } : {});
  const decision = (route: GateRoute, reasonCode: GateReasonCode, reason: string, rest: Partial<GateDecision> = {}): GateDecision => ({
    route,
    reasonCode,
    reason,
    project: match?.project ?? null,
    account: null,
    balance: null,
    authenticity,
    ...rest,
  });

  if (!match) {
    const to = [...email.to, ...email.cc].map((a) => a.address).join(', ') || '(none)';
    const scope = options.project ? `of project ${options.project}` : 'of any project';
    return decision('not_authorized', 'recipient', `No recipient (${to}) is a support address ${scope}.`);
  }
  const { project } = match;
  const sender = email.from.address;
  let senderAccount: Account | null = null;
  try {
    senderAccount = await ledger.resolveSender(project.id, sender);
  } catch (e) {
    if ((e as { code?: string }).code !== 'invalid_address') throw e;
  }
  if (!senderAccount) {
    return decision(
      'not_authorized',
      'sender',
      `Sender ${sender} (and its domain) is not an authorized client of project ${project.name}.`,
    );
  }
  if (match.accountId && match.accountId !== senderAccount.id) {
    const plus = match.recipients.find((r) => r.accountId)?.address;
    return decision(
      'not_authorized',
      'account_mismatch',
      `Sender ${sender} belongs to account ${senderAccount.name}, not to the account of ${plus}.`,
    );
  }
  const account = senderAccount;
  if (authenticity.verdict === 'spoofed') {
    return decision('not_authorized', 'spoofed', `From ${sender} looks forged (${authenticity.reason}): not charged, flagged for staff.`, {
      account,
      balance: account.balance,
      flagged: true,
    });
  }
  const format = tagFormatOf(project, options.tagFormat);
  const policy = senderAuthenticationOf(project);
  const routeByBalance = account.balance > 0 ? 'has_credit' : 'no_credit';
  const confirmed = await findConfirmedTicket(ledger, email, project.id, account.id);
  if (confirmed) {
    const tag = formatTicketTag(confirmed.number, format);
    return decision(routeByBalance, 'confirmation', `Confirmation of the held request ${tag} by ${sender}: Debit Credit charges it.`, {
      account,
      balance: account.balance,
      ticket: confirmed,
      confirms: true,
    });
  }
  const followed = await findFollowedTicket(ledger, email, project, account, format, options.followUpClosed ?? false);
  if (followed) {
    await ledger.addTicketMessage(followed.ticket.id, email.messageId);
    const tag = formatTicketTag(followed.ticket.number, format);
    return decision('follow_up', 'follow_up', `Follow-up to ticket ${tag} (${followed.by}): not charged.`, {
      account,
      balance: account.balance,
      ticket: followed.ticket,
    });
  }
  const confirmationRequired = needsConfirmation(policy, authenticity.verdict);
  const unverified = authenticity.verdict !== 'authentic';
  const rest: Partial<GateDecision> = {
    account,
    balance: account.balance,
    senderAuthentication: { policy, confirmationRequired },
    ...(unverified && policy === 'flag' ? { flagged: true } : {}),
  };
  const why = confirmationRequired
    ? ` The sender is not authenticated (${authenticity.reason}): the request waits for its confirmation, uncharged.`
    : '';
  return routeByBalance === 'has_credit'
    ? decision('has_credit', 'has_credit', `Account ${account.name} has ${account.balance} credit(s).${why}`, rest)
    : decision('no_credit', 'no_credit', `Account ${account.name} has no credit left.${why}`, rest);
}
