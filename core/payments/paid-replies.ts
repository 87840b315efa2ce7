/**
 * What staff and the client need after a payment. Each released ticket with a known mailbox carries
 * its own threaded confirmation and the opening mail as `email` (what its mailbox needs to answer in
 * the thread and relabel it), claimed once per mail on that mail's intake journal entry; the top-level
 * reply is the one confirmation when no released ticket gets one (a top-up link, tickets opened by staff).
 */
import type { Ledger, Project } from '../ledger/types';
import { formatTicketTag } from '../templates';
import { tagFormatOf } from '../tickets/tag-format';
import type { PaidOutcome, TicketRelease } from './events';
import { inGmail, inImap, inOutlook, openingIntake, openingMail } from './opening-mail';
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

export async function paidOutcomeReplies(store: Ledger, paid: PaidOutcome) {
  const project = await store.getProject(paid.projectId);
  const format = tagFormatOf(project, null);
  const tagOf = (t: TicketRelease) => (t.number == null ? null : formatTicketTag(t.number, format));
  const releasedTickets = await Promise.all(
    paid.releasedTickets.map(async (t) => {
      const to = t.sender ?? paid.customerEmail;
      const reply = project && to ? confirmation(project, paid, to, t) : null;
      const base = { ...t, tag: tagOf(t), inGmail: inGmail(t), inImap: inImap(t), inOutlook: inOutlook(t), reply };
      if (!(base.inGmail || base.inImap || base.inOutlook) || !reply || !to) {
        // A ticket without a known mailbox thread is confirmed by the top-level reply.
        return { ...base, sendReply: false };
      }
      // Claimed on the opening mail's journal entry (confirmation_mail), so a replayed event sends it
      // only when no run did (a refused send gives the claim back); a mail no journaled intake saw
      // (opened before the journal) is confirmed by the run that released it.
      const intake = await openingIntake(store, paid.projectId, t);
      return {
        ...base,
        email: openingMail(t, to),
        reply: { ...reply, journalEffect: 'confirmation_mail' },
        ...(intake ? { intake } : {}),
        sendReply: intake ? t.released : t.releasedNow,
      };
    }),
  );
  const ticket = paid.ticket ? await store.getTicket(paid.ticket.ticketId) : null;
  const to = ticket?.sender ?? paid.customerEmail;
  const reply = project && to ? confirmation(project, paid, to, paid.ticket) : null;
  const perTicket = releasedTickets.some((t) => t.sendReply || ((t.inGmail || t.inImap || t.inOutlook) && t.released));
  return {
    ...paid,
    releasedTickets,
    stillHeld: paid.stillHeld.map((t) => ({ ...t, tag: tagOf(t) })),
    releasedTicket: ticket,
    reply,
    sendReply: paid.firstTime && Boolean(reply) && !perTicket,
  };
}
