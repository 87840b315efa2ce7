/**
 * The client mails around a payment: the link (payment_request) and the confirmation
 * (payment_received), composed by core/templates in the client's thread, FR or EN.
 */
import { composeReply, ComposedReply, formatCredits, formatExpiry, Language, pickLanguage, timeZoneOf } from '../templates';
import { PaymentLink } from './checkout';
import { PaidOutcome } from './events';
import { PaymentProject } from './ports';

/** The client's mail we answer: what threading and language need. */
export interface OriginalMail {
  messageId: string;
  subject: string;
  references?: string[];
  inReplyTo?: string | null;
  language?: string | null;
}

export interface ClientReply extends ComposedReply {
  to: string;
}

/** The language of a client's mails: theirs when we write it, else the project's default, else English. */
export function replyLanguage(project: PaymentProject, mailLanguage?: string | null): Language {
  return pickLanguage(mailLanguage, project);
}

export function paymentRequestReply(input: {
  project: PaymentProject;
  link: PaymentLink;
  to: string;
  original: OriginalMail;
  ticketNumber?: number | null;
  clientName?: string;
  language: Language;
}): ClientReply {
  const { project, link, language } = input;
  const reply = composeReply({
    template: 'payment_request',
    project,
    original: input.original,
    ticketNumber: input.ticketNumber ?? null,
    language,
    vars: {
      payment_url: link.url,
      price: link.price,
      expires_at: formatExpiry(link.expiresAt, language, timeZoneOf(project)),
      client_name: input.clientName ?? '',
      ...(input.ticketNumber == null ? { ticket: '' } : {}),
    },
  });
  return { to: input.to, ...reply };
}

export function paymentReceivedReply(input: {
  project: PaymentProject;
  paid: PaidOutcome;
  to: string;
  original: OriginalMail;
  ticketNumber?: number | null;
  clientName?: string;
  language: Language;
}): ClientReply {
  const { project, paid, language } = input;
  const reply = composeReply({
    template: 'payment_received',
    project,
    original: input.original,
    ticketNumber: input.ticketNumber ?? null,
    language,
    balance: paid.balance,
    vars: { price: paid.price[language], client_name: input.clientName ?? '', ...(input.ticketNumber == null ? { ticket: '' } : {}) },
  });
  return { to: input.to, ...reply };
}

/** The low-balance warning: the balance left and a top-up link, in the client's thread. */
export function lowBalanceReply(input: {
  project: PaymentProject;
  link: PaymentLink;
  to: string;
  original: OriginalMail;
  balance: number;
  clientName?: string;
  language: Language;
}): ClientReply {
  const { project, link, language } = input;
  const reply = composeReply({
    template: 'low_balance',
    project,
    original: input.original,
    ticketNumber: null,
    balance: input.balance,
    language,
    vars: {
      payment_url: link.url,
      price: link.price,
      credits: formatCredits(link.credits, language),
      expires_at: formatExpiry(link.expiresAt, language, timeZoneOf(project)),
      client_name: input.clientName ?? '',
      ticket: '',
    },
  });
  return { ...reply, to: input.to };
}
