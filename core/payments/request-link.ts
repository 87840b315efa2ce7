/**
 * A client without credit asked for help: its payment link (one open link per account) and the
 * reply that carries it, in the client's thread, sent at most once per link.
 */
import type { Ledger } from '../ledger/types';
import { createPaymentLink, type PaymentDeps } from './checkout';
import { PaymentError } from './errors';
import { lowBalanceReply, paymentRequestReply, replyLanguage, type ClientReply } from './replies';

/** The parts of the gate's SupportEmail this needs. */
export interface RequestMail {
  messageId?: string;
  subject?: string;
  references?: string[];
  inReplyTo?: string;
  language?: string;
  from?: { address?: string; name?: string };
}

export interface RequestLinkInput {
  project: string;
  accountId: string;
  ticketId: string | null;
  customerEmail: string | null;
  /** 'fr', 'en', or 'auto' (the mail's language, else the project's default). */
  language: string;
  credits: number;
  mail: RequestMail | null;
  /** The ticket number the item already knows (Debit Credit's held ticket), when the ledger has no ticket id. */
  ticketNumber?: number | null;
  actor: string;
  /**
   * 'request' (default): the link a request without credit waits for. 'topUp': the low-balance
   * warning's link (no ticket held), sent at most once per link; `balance` is what the account has left.
   */
  purpose?: 'request' | 'topUp';
  balance?: number;
  /** The mail's intake journal entry (from the gate): a mail whose earlier run carried the link but never sent it is answered now. */
  intake?: { entryId: string; replied: boolean } | null;
}

/**
 * Whether this mail's reply carries the link: the first mail for a link does, and so does that same
 * mail driven again when its earlier run never sent the reply (n8n lost it). The mailbox node
 * claims the reply itself, so it goes out at most once.
 */
async function carriesLink(store: Ledger, firstMail: boolean, intake: RequestLinkInput['intake']): Promise<boolean> {
  if (!intake) return firstMail;
  if (firstMail) {
    await store.claimEffect(intake.entryId, 'payment_mail');
    await store.completeEffect(intake.entryId, 'payment_mail');
    return true;
  }
  return !intake.replied && (await store.listIntakeEffects(intake.entryId)).some((e) => e.effect === 'payment_mail');
}

export async function paymentLinkForRequest(store: Ledger, deps: PaymentDeps, input: RequestLinkInput) {
  if (!input.project)
    throw new PaymentError(
      'invalid_argument',
      'Project is empty: map the project id (e.g. {{ $json.project.id }} from Check Sender Credits).',
      'project',
    );
  const project = await store.getProject(input.project);
  if (!project)
    throw new PaymentError(
      'invalid_argument',
      `Project "${input.project}" does not exist in the ledger: use the id or name of a SupportGate project.`,
      'project',
    );
  const { mail, ticketId, customerEmail } = input;
  const language = input.language === 'fr' || input.language === 'en' ? input.language : replyLanguage(project, mail?.language);

  const link = await createPaymentLink(deps, {
    project,
    accountId: input.accountId,
    ticketId,
    customerEmail,
    language,
    credits: input.credits,
    actor: input.actor,
  });
  const ticket = ticketId ? await store.getTicket(ticketId) : null;
  const to = customerEmail ?? mail?.from?.address ?? ticket?.sender ?? null;
  // Claimed before composing: of two runs for one link, only the first answers the client.
  const claimed = await deps.ledger.claimPaymentRequestMail(link.sessionId, new Date());
  const topUp = input.purpose === 'topUp';
  const firstMail = topUp ? claimed : await carriesLink(store, claimed, input.intake);
  let reply: (ClientReply & { journalEffect?: string }) | null = null;
  if (to) {
    const original = {
      messageId: mail?.messageId ?? ticket?.messageId ?? '',
      subject: mail?.subject ?? ticket?.subject ?? project.name,
      references: mail?.references ?? [],
      inReplyTo: mail?.inReplyTo ?? null,
    };
    reply = topUp
      ? // Its own journal effect: the mail's ticket-opened reply was sent already.
        {
          ...lowBalanceReply({ project, link, to, original, language, balance: input.balance ?? 0, clientName: mail?.from?.name ?? '' }),
          journalEffect: 'low_balance_mail',
        }
      : paymentRequestReply({
          project,
          link,
          to,
          original,
          language,
          clientName: mail?.from?.name ?? '',
          ticketNumber: ticket?.number ?? input.ticketNumber ?? null,
        });
    if (!original.messageId) {
      delete reply.headers['In-Reply-To'];
      delete reply.headers.References;
    }
  }
  return {
    payment: {
      url: link.url,
      sessionId: link.sessionId,
      reused: link.reused,
      expiresAt: link.expiresAt,
      price: link.price,
      credits: link.credits,
      amountMinor: link.amountMinor,
      currency: link.currency,
      language,
    },
    reply,
    sendReply: Boolean(reply) && firstMail,
    sendReplyReason: !reply
      ? 'no client address to reply to'
      : firstMail
        ? link.reused
          ? 'open link never sent'
          : 'new payment link'
        : `payment link ${link.sessionId} already sent; not answering again`,
  };
}
