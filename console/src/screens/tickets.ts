/** Tickets of the project: status filter, status change, waive; summary and category from triage. */
import { call, clickKey, TICKET_STATUSES, type Project, type Ticket } from '../api';
import { button, field, h, replace, select, when } from '../dom';
import { label, lang, t } from '../i18n';
import { describe, say, table } from '../ui';

export function ticketsScreen(project: Project): HTMLElement {
  const filter = field(
    t('statusFilter'),
    select('status', [['', t('allStatuses')], ...TICKET_STATUSES.map((s) => [s, label('status_', s)] as [string, string])]),
  );
  const list = h('div', { class: 'list' });

  const load = async () => {
    let tickets: Ticket[];
    try {
      tickets = (await call<{ tickets: Ticket[] }>('tickets', { projectId: project.id, status: filter.input.value || undefined })).tickets;
    } catch (e) {
      say(describe(e), 'error');
      return;
    }
    replace(
      list,
      tickets.length
        ? table(
            [t('colTicket'), t('colSubject'), t('colClient'), t('colStatus'), t('colCategory'), t('colSummary'), t('colCreated')],
            tickets.map((ticket) => [
              h('span', { class: 'tag' }, ticket.tag),
              h('span', { class: 'subject' }, ticket.subject),
              h(
                'span',
                {},
                ticket.accountName ?? '—',
                ticket.sender ? h('br') : null,
                ticket.sender ? h('span', { class: 'muted' }, ticket.sender) : null,
              ),
              statusCell(project, ticket, load),
              [ticket.category, ticket.urgency].filter(Boolean).join(' · ') || '—',
              h('span', { class: 'summary' }, ticket.summary ?? '—'),
              when(ticket.createdAt, lang),
            ]),
          )
        : h('p', { class: 'empty' }, t('noTickets')),
    );
  };
  filter.input.addEventListener('change', () => void load());
  void load();
  return h('div', { class: 'screen' }, h('section', { class: 'card' }, h('div', { class: 'row filters' }, filter.row), list));
}

function statusCell(project: Project, ticket: Ticket, reload: () => Promise<void>): HTMLElement {
  const status = select(
    'status',
    TICKET_STATUSES.map((s) => [s, label('status_', s)]),
    ticket.status,
  );
  status.setAttribute('aria-label', t('changeStatus', { tag: ticket.tag }));
  status.addEventListener('change', () => {
    status.disabled = true;
    void call('ticketStatus', { project: project.id, ticketNumber: ticket.number, status: status.value })
      .then(
        () => say(`${ticket.tag} → ${label('status_', status.value)}`),
        (e) => say(describe(e), 'error'),
      )
      .then(reload);
  });
  const waive = ticket.waived
    ? h('span', { class: 'badge' }, t('waived'))
    : button(
        t('waive'),
        () =>
          void call<{ balance: number }>('waive', { project: project.id, ticketNumber: ticket.number, idempotencyKey: clickKey() })
            .then(
              (r) => say(t('moved', { balance: r.balance })),
              (e) => say(describe(e), 'error'),
            )
            .then(reload),
        { class: 'secondary small', 'aria-label': `${t('waive')} ${ticket.tag}` },
      );
  return h('span', { class: 'status-cell' }, status, ' ', waive);
}
