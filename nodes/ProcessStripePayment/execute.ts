import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { ledger, payments, templates, tickets } from '../../core';

type Store = ledger.Ledger;
type Deps = { stripe: ReturnType<typeof payments.stripeClient>; ledger: payments.PaymentLedgerPort };

export const OUTPUTS = ['Paid', 'Expired', 'Refunded', 'Ignored'] as const;
const OUTPUT_OF: Record<string, number> = { paid: 0, expired: 1, refunded: 2, pending: 3, ignored: 3 };

async function outcomeOf(ctx: IExecuteFunctions, i: number, deps: Deps, webhookSecret: string): Promise<payments.PaymentEventOutcome> {
  if (ctx.getNodeParameter('mode', i) !== 'rawWebhook') return payments.processStripeEvent(deps, ctx.getInputData()[i].json);
  const property = String(ctx.getNodeParameter('binaryProperty', i, 'data'));
  if (!ctx.getInputData()[i].binary?.[property]) {
    throw new payments.PaymentError('invalid_event', `No binary property "${property}" with the raw body: turn on the Webhook node's "Raw Body" option, or set Raw Body Binary Property.`, 'binaryProperty');
  }
  const body = await ctx.helpers.getBinaryDataBuffer(i, property);
  const signature = String(ctx.getNodeParameter('signature', i, '') ?? '') || undefined;
  return payments.processSignedStripeWebhook(deps, body, signature, webhookSecret, Number(ctx.getNodeParameter('toleranceSeconds', i, 300)));
}

type Project = NonNullable<Awaited<ReturnType<Store['getProject']>>>;

/** The confirmation for one client mail: in its thread when we know the ticket's opening mail. */
function confirmation(project: Project, paid: payments.PaidOutcome, to: string, ticket: payments.TicketRelease | null): IDataObject {
  const language = paid.language ?? payments.replyLanguage(project, null);
  const composed = payments.paymentReceivedReply({
    project, paid, to, language, clientName: paid.customerName ?? '', ticketNumber: ticket?.number ?? null,
    original: { messageId: ticket?.messageId ?? '', subject: ticket?.subject ?? project.name },
  });
  if (!ticket?.messageId) { delete composed.headers['In-Reply-To']; delete composed.headers.References; }
  return { ...composed } as unknown as IDataObject;
}

/** Gmail can file a reply in the thread and relabel the message only for mail that came from Gmail. */
const inGmail = (t: payments.TicketRelease): boolean => Boolean(t.providerMessageId && t.threadId && String(t.mailSource ?? '').startsWith('gmail'));

/**
 * What staff and the client need after a payment. Each released ticket with a known thread carries
 * its own threaded confirmation (sendReply only in the run that released it) and its Gmail ids for
 * relabelling; the top-level reply is the one confirmation when no released ticket gets one
 * (a top-up link, tickets opened by staff).
 */
async function paidJson(store: Store, paid: payments.PaidOutcome): Promise<IDataObject> {
  const project = await store.getProject(paid.projectId);
  const format = tickets.tagFormatOf(project, null);
  const tagOf = (t: payments.TicketRelease) => (t.number == null ? null : templates.formatTicketTag(t.number, format));
  const releasedTickets = paid.releasedTickets.map((t) => {
    const to = t.sender ?? paid.customerEmail;
    const reply = project && to ? confirmation(project, paid, to, t) : null;
    // Sent in its thread by the run that released it; a ticket without a known thread is confirmed by the top-level reply.
    return { ...t, tag: tagOf(t), inGmail: inGmail(t), reply, sendReply: t.releasedNow && Boolean(reply && t.threadId) } as unknown as IDataObject;
  });
  const ticket = paid.ticket ? await store.getTicket(paid.ticket.ticketId) : null;
  const to = ticket?.sender ?? paid.customerEmail;
  const reply = project && to ? confirmation(project, paid, to, paid.ticket) : null;
  const perTicket = releasedTickets.some((t) => t.sendReply);
  return {
    ...(paid as unknown as IDataObject),
    releasedTickets,
    stillHeld: paid.stillHeld.map((t) => ({ ...t, tag: tagOf(t) })) as unknown as IDataObject[],
    releasedTicket: ticket as unknown as IDataObject,
    reply,
    sendReply: paid.firstTime && Boolean(reply) && !perTicket,
  };
}

/** Routes one event: [output index, json]. */
export async function processItem(ctx: IExecuteFunctions, i: number, store: Store, deps: Deps, webhookSecret: string): Promise<[number, IDataObject]> {
  const outcome = await outcomeOf(ctx, i, deps, webhookSecret);
  const output = OUTPUT_OF[outcome.kind] ?? 3;
  if (outcome.kind === 'paid') return [output, await paidJson(store, outcome)];
  if (outcome.kind === 'pending') return [output, { ...outcome, kind: 'ignored', reason: `payment ${outcome.paymentStatus}: waiting for checkout.session.async_payment_succeeded` }];
  return [output, outcome as unknown as IDataObject];
}
