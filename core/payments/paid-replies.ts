/**
 * What staff and the client need after a payment. Each released ticket with a known thread carries
 * its own threaded confirmation (sendReply only in the run that released it) and what its mailbox
 * needs to relabel the opening mail (Gmail ids; for IMAP, the Message-ID as `email`); the top-level
 * reply is the one confirmation when no released ticket gets one (a top-up link, tickets opened by staff).
 */
import type { Ledger, Project } from '../ledger/types';
import { formatTicketTag } from '../templates';
import { tagFormatOf } from '../tickets/tag-format';
import type { PaidOutcome, TicketRelease } from './events';
import { paymentReceivedReply, replyLanguage, type ClientReply } from './replies';

/** The confirmation for one client mail: in its thread when we know the ticket's opening mail. */
function confirmation(project: Project, paid: PaidOutcome, to: string, ticket: TicketRelease | null): ClientReply {
  const language = paid.language ?? replyLanguage(project, null);
  const composed = paymentReceivedReply({
    project,
    paid,
    to,
    language,
    clientName: paid.customerName ?? '',
    ticketNumber: ticket?.number ?? null,
    original: { messageId: ticket?.messageId ?? '', subject: ticket?.subject ?? project.name },
  });
  if (!ticket?.messageId) {
    delete composed.headers['In-Reply-To'];
    delete composed.headers.References;
  }
  return composed;
}

/** Gmail can file a reply in the thread and relabel the message only for mail that came from Gmail. */
const inGmail = (t: TicketRelease): boolean => Boolean(t.providerMessageId && t.threadId && String(t.mailSource ?? '').startsWith('gmail'));

/** An IMAP mailbox threads by Message-ID alone (In-Reply-To/References over SMTP) and finds the mail by it. */
const inImap = (t: TicketRelease): boolean => Boolean(t.messageId && String(t.mailSource ?? '').startsWith('imap'));

/** The opening mail as the IMAP/SMTP Support Actions node reads an item's `email` (Set Keyword finds it by Message-ID). */
const openingMail = (t: TicketRelease) => ({
  messageId: t.messageId,
  providerId: t.providerMessageId ?? null,
  subject: t.subject ?? '',
  from: { address: t.sender ?? '', name: '' },
});

export async function paidOutcomeReplies(store: Ledger, paid: PaidOutcome) {
  const project = await store.getProject(paid.projectId);
  const format = tagFormatOf(project, null);
  const tagOf = (t: TicketRelease) => (t.number == null ? null : formatTicketTag(t.number, format));
  const releasedTickets = paid.releasedTickets.map((t) => {
    const to = t.sender ?? paid.customerEmail;
    const reply = project && to ? confirmation(project, paid, to, t) : null;
    // Sent in its thread by the run that released it; a ticket without a known thread is confirmed by the top-level reply.
    const imap = inImap(t);
    return {
      ...t,
      tag: tagOf(t),
      inGmail: inGmail(t),
      inImap: imap,
      ...(imap ? { email: openingMail(t) } : {}),
      reply,
      sendReply: t.releasedNow && Boolean(reply && (t.threadId || imap)),
    };
  });
  const ticket = paid.ticket ? await store.getTicket(paid.ticket.ticketId) : null;
  const to = ticket?.sender ?? paid.customerEmail;
  const reply = project && to ? confirmation(project, paid, to, paid.ticket) : null;
  const perTicket = releasedTickets.some((t) => t.sendReply);
  return {
    ...paid,
    releasedTickets,
    stillHeld: paid.stillHeld.map((t) => ({ ...t, tag: tagOf(t) })),
    releasedTicket: ticket,
    reply,
    sendReply: paid.firstTime && Boolean(reply) && !perTicket,
  };
}
