import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { ledger, payments } from '../../core';

type Store = ledger.Ledger;
type Deps = { stripe: ReturnType<typeof payments.stripeClient>; ledger: payments.PaymentLedgerPort };

interface MailJson { messageId?: string; subject?: string; references?: string[]; inReplyTo?: string; language?: string; from?: { address?: string; name?: string } }

const text = (ctx: IExecuteFunctions, name: string, i: number): string => String(ctx.getNodeParameter(name, i, '') ?? '').trim();

/** One input item → its payment link, and the reply that carries it (sent at most once per link). */
export async function createLinkForItem(ctx: IExecuteFunctions, i: number, store: Store, deps: Deps): Promise<IDataObject> {
  const item = ctx.getInputData()[i].json as IDataObject;
  const projectRef = text(ctx, 'project', i);
  if (!projectRef) throw new payments.PaymentError('invalid_argument', 'Project is empty: map the project id (e.g. {{ $json.project.id }} from Check Sender Credits).', 'project');
  const project = await store.getProject(projectRef);
  if (!project) throw new payments.PaymentError('invalid_argument', `Project "${projectRef}" does not exist in the ledger: use the id or name of a SupportGate project.`, 'project');
  const accountId = text(ctx, 'accountId', i);
  const ticketId = text(ctx, 'ticketId', i) || null;
  const mail = (item.email ?? null) as MailJson | null;
  const chosen = ctx.getNodeParameter('language', i, 'auto') as string;
  const language = chosen === 'fr' || chosen === 'en' ? chosen : payments.replyLanguage(project, mail?.language);
  const customerEmail = text(ctx, 'customerEmail', i) || null;

  const link = await payments.createPaymentLink(deps, {
    project, accountId, ticketId, customerEmail, language, credits: Number(ctx.getNodeParameter('credits', i, 1)), actor: 'n8n:createPaymentLink',
  });
  const ticket = ticketId ? await store.getTicket(ticketId) : null;
  const to = customerEmail ?? mail?.from?.address ?? ticket?.sender ?? null;
  const firstMail = await deps.ledger.claimPaymentRequestMail(link.sessionId, new Date());
  let reply: IDataObject | null = null;
  if (to) {
    const original = {
      messageId: mail?.messageId ?? ticket?.messageId ?? '',
      subject: mail?.subject ?? ticket?.subject ?? project.name,
      references: mail?.references ?? [],
      inReplyTo: mail?.inReplyTo ?? null,
    };
    const composed = payments.paymentRequestReply({
      project, link, to, original, language, clientName: mail?.from?.name ?? '',
      ticketNumber: ticket?.number ?? ((item.ticket as IDataObject | undefined)?.number as number | undefined) ?? null,
    });
    if (!original.messageId) { delete composed.headers['In-Reply-To']; delete composed.headers.References; }
    reply = { ...composed } as unknown as IDataObject;
  }
  return {
    ...item,
    payment: {
      url: link.url, sessionId: link.sessionId, reused: link.reused, expiresAt: link.expiresAt, price: link.price,
      credits: link.credits, amountMinor: link.amountMinor, currency: link.currency, language,
    },
    reply,
    sendReply: Boolean(reply) && firstMail,
    sendReplyReason: !reply ? 'no client address to reply to' : firstMail ? (link.reused ? 'open link never sent' : 'new payment link') : `payment link ${link.sessionId} already sent; not answering again`,
  };
}
