/** Payment links of the project: open, paid, expired, refunded, per client. */
import { call, type Client, type Payment, type Project } from '../api';
import { field, h, replace, select, when } from '../dom';
import { label, lang, t } from '../i18n';
import { describe, say, table } from '../ui';

export function paymentsScreen(project: Project): HTMLElement {
  const client = field(t('colClient'), select('accountId', [['', t('allClients')]]));
  const list = h('div', { class: 'list' });
  void call<{ clients: Client[] }>('clients', { projectId: project.id }).then(
    ({ clients }) => clients.forEach((c) => client.input.append(h('option', { attrs: { value: c.accountId } }, c.name))),
    () => undefined,
  );

  const load = async () => {
    let payments: Payment[];
    try {
      payments = (await call<{ payments: Payment[] }>('payments', { projectId: project.id, accountId: client.input.value || undefined }))
        .payments;
    } catch (e) {
      say(describe(e), 'error');
      return;
    }
    replace(
      list,
      payments.length
        ? table(
            [t('colClient'), t('colStatus'), t('colCredits'), t('colAmount'), t('colCreated'), t('colExpires'), t('colLink')],
            payments.map((p) => [
              p.accountName,
              h('span', { class: `badge pay-${p.status}` }, label('pay_', p.status)),
              h('span', { class: 'num' }, p.credits),
              h('span', { class: 'num' }, p.price),
              when(p.createdAt, lang),
              when(p.expiresAt, lang),
              // Only web links become links: a stored value can never run as javascript:.
              /^https?:\/\//i.test(p.url) && p.status === 'open'
                ? h('a', { attrs: { href: p.url, target: '_blank', rel: 'noopener noreferrer' } }, t('openLink'))
                : '—',
            ]),
          )
        : h('p', { class: 'empty' }, t('noPayments')),
    );
  };
  client.input.addEventListener('change', () => void load());
  void load();
  return h('div', { class: 'screen' }, h('section', { class: 'card' }, h('div', { class: 'row filters' }, client.row), list));
}
