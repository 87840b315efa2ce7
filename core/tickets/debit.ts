/**
 * Debit for one request: one credit per new problem, never twice for one mail. The ledger does
 * the deciding in one transaction (Ledger.openRequest); this module prepares the fingerprints
 * and turns the outcome into what the reply needs (ticket tag, reply subject).
 */
import type { SupportEmail } from '../email/types';
import type { Account, Ledger, OpenRequestOutcome, Project, Ticket } from '../ledger/types';
import { formatTicketTag, replySubject } from '../templates';
import { GateError } from './errors';
import { bodySignature, subjectFingerprint } from './signature';
import { tagFormatOf, tagRegExp } from './tag-format';

export interface RequestClassification {
  category?: string | null;
  urgency?: string | null;
  summary?: string | null;
}

export interface DebitOptions {
  project: Project | string;
  account: Account | string;
  classification?: RequestClassification | null;
  /** Overrides the project's settings.ticketTagFormat. */
  tagFormat?: string | null;
  /** The same problem from the same account within this many hours joins the open ticket (0: never). */
  duplicateWindowHours?: number;
  /** Body similarity (Jaccard of word 3-shingles) from which two mails are the same problem. */
  similarityThreshold?: number;
  /** Without credit, open the ticket held as waiting_payment (default true). */
  holdWhenNoCredit?: boolean;
  actor?: string;
  /** The clock (tests): the duplicate window ends here. */
  now?: Date;
}

export interface DebitDecision {
  route: 'debited' | 'no_credit';
  outcome: OpenRequestOutcome;
  /** True only when this call moved a credit. */
  charged: boolean;
  ticket: Ticket | null;
  /** The ticket tag for the reply subject, e.g. "[SG-42]". */
  tag: string | null;
  replySubject: string;
  balance: number;
  idempotencyKey: string;
  duplicateOf?: { ticketId: string; number: number; tag: string; by: 'subject' | 'body'; similarity: number };
}

/** The debit key of a request: one per project and Message-ID. */
export function requestKey(projectId: string, messageId: string): string {
  return `msg:${projectId}:${messageId}`;
}

function requireWindow(hours: number): number {
  if (typeof hours !== 'number' || !Number.isFinite(hours) || hours < 0) {
    throw new GateError('invalid_argument', `duplicateWindowHours must be 0 or more hours (got ${JSON.stringify(hours)}): 24 is the default, 0 turns duplicate detection off.`, 'duplicateWindowHours');
  }
  return hours;
}

export async function debitForRequest(ledger: Ledger, email: SupportEmail, options: DebitOptions): Promise<DebitDecision> {
  const hours = requireWindow(options.duplicateWindowHours ?? 24);
  const project = typeof options.project === 'string' ? await ledger.getProject(options.project) : options.project;
  if (!project) throw new GateError('unknown_project', `Project "${String(options.project)}" does not exist: pass the project Check Sender Credits found (json.project.id).`, 'project');
  const accountId = typeof options.account === 'string' ? options.account : options.account?.id;
  if (!accountId) throw new GateError('invalid_argument', 'account is required: pass the account Check Sender Credits found (json.account.id).', 'account');
  const format = tagFormatOf(project, options.tagFormat);
  const key = requestKey(project.id, email.messageId);
  const now = options.now ?? new Date();
  const c = options.classification ?? {};
  const r = await ledger.openRequest({
    project: project.id, accountId, messageId: email.messageId, idempotencyKey: key,
    subject: email.subject, sender: email.from.address,
    category: c.category ?? null, urgency: c.urgency ?? null, summary: c.summary ?? null,
    subjectFingerprint: subjectFingerprint(email.subject, tagRegExp(format)),
    bodySignature: bodySignature(email.text),
    duplicateSince: hours > 0 ? new Date(now.getTime() - hours * 3600_000).toISOString() : null,
    similarityThreshold: options.similarityThreshold,
    holdWhenNoCredit: options.holdWhenNoCredit,
    actor: options.actor ?? 'supportgate',
    // Where the mail lives at its provider: a payment later answers in that thread and relabels it.
    providerMessageId: email.providerId ?? null, threadId: email.threadId ?? null, mailSource: email.source,
  });
  const covered = r.outcome === 'debited' || r.outcome === 'already_debited' || ((r.outcome === 'duplicate' || r.outcome === 'linked') && r.ticket?.status !== 'waiting_payment');
  const tag = r.ticket ? formatTicketTag(r.ticket.number, format) : null;
  return {
    route: covered ? 'debited' : 'no_credit',
    outcome: r.outcome,
    charged: r.outcome === 'debited',
    ticket: r.ticket,
    tag,
    replySubject: replySubject(email.subject, r.ticket?.number ?? null, format),
    balance: r.balance,
    idempotencyKey: key,
    ...(r.duplicateOf ? { duplicateOf: { ...r.duplicateOf, tag: formatTicketTag(r.duplicateOf.number, format) } } : {}),
  };
}
