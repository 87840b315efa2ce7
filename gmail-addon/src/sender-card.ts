/// <reference path="../types/apps-script.d.ts" />
/** The contextual card: who wrote this mail, their credits, history, payment links, tickets. */
import type { SenderCreditsResponse } from '../../core/ledger/api-schemas';
import { CALLBACKS } from './callbacks';
import { CARD_KEY_PARAM, newCardKey } from './idempotency';
import { button, buttons, card, decorated, esc, formatDate, linkButton, paragraph, plural, section, textInput } from './ui';

export interface MessageContext {
  messageId: string;
  sender: string;
  subject: string;
  project: string;
}

export const HISTORY_SHOWN = 5;

export const TICKET_STATUS_LABELS: Record<SenderCreditsResponse['tickets'][number]['status'], string> = {
  new: 'New',
  in_progress: 'In progress',
  waiting_client: 'Waiting for client',
  waiting_payment: 'Waiting for payment',
  waiting_confirmation: 'Waiting for sender confirmation',
  resolved: 'Resolved',
  closed: 'Closed',
};

/** Parameters every action on this card carries, so the callback knows which mail it is about. */
export function contextParams(ctx: MessageContext): Record<string, string> {
  return { messageId: ctx.messageId, sender: ctx.sender, project: ctx.project };
}

export function senderDomain(sender: string): string {
  return sender.slice(sender.lastIndexOf('@') + 1);
}

/** cardKey: the idempotency key of this card's grant, revoke and waive buttons (see idempotency.ts). */
export function buildSenderCard(ctx: MessageContext, data: SenderCreditsResponse, cardKey = newCardKey()): GoogleAppsScript.Card.Card {
  const params = contextParams(ctx);
  const money = { ...params, [CARD_KEY_PARAM]: cardKey };
  if (!data.authorized || !data.account) {
    return card(
      'sender',
      esc(ctx.sender),
      `Project ${esc(ctx.project)}`,
      section(
        'Not authorized',
        paragraph(
          `<b>${esc(ctx.sender)}</b> is not a client of project <b>${esc(ctx.project)}</b>: SupportGate ignores their mail and charges nothing.`,
        ),
        textInput('initialCredits', 'Initial credits', 'Whole number, 0 for none', '0'),
        buttons(
          button('Authorize this sender', CALLBACKS.authorize, { ...params, wholeDomain: 'false' }, true),
          button(`Authorize all @${esc(senderDomain(ctx.sender))}`, CALLBACKS.authorize, { ...params, wholeDomain: 'true' }),
        ),
      ),
      section(null, buttons(button('Refresh', CALLBACKS.refresh, params))),
    );
  }
  const sections = [
    section(
      null,
      decorated('Client', esc(data.account.name), esc(ctx.sender)),
      decorated(
        'Balance',
        `<b>${plural(data.balance, 'credit')}</b>`,
        data.balance > 0 ? 'Next support mail is covered' : 'Next support mail gets a payment link',
      ),
    ),
    ...expirySections(data),
    section(
      'Grant or revoke',
      buttons(
        button('Grant 1', CALLBACKS.grant, { ...money, amount: '1' }, true),
        button('Grant 5', CALLBACKS.grant, { ...money, amount: '5' }),
      ),
      textInput('credits', 'Credits', 'Whole number, e.g. 10'),
      textInput('note', 'Note', 'Why (kept in the journal)'),
      buttons(button('Grant', CALLBACKS.grant, { ...money, amount: 'form' }), button('Revoke', CALLBACKS.revoke, money)),
    ),
  ];
  if (data.openPaymentLinks.length > 0) {
    sections.push(
      section(
        'Open payment link',
        ...data.openPaymentLinks.flatMap((link) => [
          decorated(`${plural(link.credits, 'credit')} · ${link.price}`, 'Awaiting payment', `Expires ${formatDate(link.expiresAt)}`),
          buttons(linkButton('Open payment link', link.url)),
        ]),
      ),
    );
  }
  sections.push(
    section(
      `Tickets (${data.tickets.length})`,
      ...(data.tickets.length === 0 ? [paragraph('No ticket yet.')] : data.tickets.flatMap((t) => ticketWidgets(t, params, money))),
    ),
  );
  const history = data.history.slice(0, HISTORY_SHOWN);
  sections.push(
    section(
      'Latest journal entries',
      ...(history.length === 0
        ? [paragraph('No movement yet.')]
        : history.map((h) =>
            decorated(
              `${formatDate(h.createdAt)} · ${h.kind}`,
              `${h.credits > 0 ? '+' : ''}${h.credits} → ${plural(h.balanceAfter, 'credit')}`,
              [h.ticketId ? `ticket ${h.ticketId}` : '', h.note ? esc(h.note) : '', `by ${esc(h.actor)}`].filter(Boolean).join(' · '),
            ),
          )),
    ),
    section(null, buttons(button('Refresh', CALLBACKS.refresh, params))),
  );
  return card('sender', esc(data.account.name), `${esc(ctx.sender)} · project ${esc(ctx.project)}`, ...sections);
}

type TicketRow = SenderCreditsResponse['tickets'][number];

export const EXPIRIES_SHOWN = 3;

/** Credits about to expire (project setting creditExpiryMonths): staff can tell the client before they go. */
function expirySections(data: SenderCreditsResponse): GoogleAppsScript.Card.CardSection[] {
  const soon = data.upcomingExpiries ?? [];
  if (soon.length === 0) return [];
  const total = soon.reduce((sum, e) => sum + e.credits, 0);
  return [
    section(
      `Expiring soon (${plural(total, 'credit')})`,
      ...soon
        .slice(0, EXPIRIES_SHOWN)
        .map((e) => decorated(plural(e.credits, 'credit'), `Expire ${formatDate(e.expiresAt)}`, 'Oldest credits are used first')),
    ),
  ];
}

/** One ticket: its status line with the Status button, and Waive while it still costs a credit (the Note field says why). */
function ticketWidgets(t: TicketRow, params: Record<string, string>, money: Record<string, string>): GoogleAppsScript.Card.Widget[] {
  const line = decorated(
    `[SG-${t.number}] ${TICKET_STATUS_LABELS[t.status]}${t.waived ? ' · waived' : ''}`,
    esc(t.subject),
    formatDate(t.createdAt),
  ).setButton(
    button('Status', CALLBACKS.openTicket, {
      ...params,
      ticketNumber: String(t.number),
      ticketStatus: t.status,
      ticketSubject: t.subject.slice(0, 200),
    }),
  );
  return t.waived ? [line] : [line, buttons(button('Waive', CALLBACKS.waive, { ...money, ticketNumber: String(t.number) }))];
}

/** Pushed when a person clicks "Status" on a ticket. */
export function buildTicketCard(
  ctx: MessageContext,
  ticket: { number: number; status: string; subject: string },
): GoogleAppsScript.Card.Card {
  const select = CardService.newSelectionInput()
    .setType(CardService.SelectionInputType.DROPDOWN)
    .setFieldName('status')
    .setTitle('New status');
  for (const [value, label] of Object.entries(TICKET_STATUS_LABELS)) select.addItem(label, value, value === ticket.status);
  return card(
    'ticket',
    `[SG-${ticket.number}]`,
    esc(ticket.subject),
    section(
      'Change status',
      select,
      textInput('statusNote', 'Note', 'Optional, kept with the ticket'),
      buttons(button('Save status', CALLBACKS.setTicketStatus, { ...contextParams(ctx), ticketNumber: String(ticket.number) }, true)),
    ),
  );
}
