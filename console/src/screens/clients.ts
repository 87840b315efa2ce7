/** Clients: authorize a sender or a domain, the list with balances, and one client's page. */
import { call, clickKey, type Client, type JournalEntry, type Project } from '../api';
import { button, field, h, input, replace, select, when } from '../dom';
import { label, lang, t } from '../i18n';
import { busy, clearErrors, describe, formErrors, say, showError, table } from '../ui';

export function clientsScreen(project: Project): HTMLElement {
  const list = h('div', { class: 'list' });
  const detail = h('section', { class: 'card detail', attrs: { 'aria-live': 'polite', hidden: true } });
  const search = input('search', { type: 'search', placeholder: t('search'), 'aria-label': t('search') });
  let clients: Client[] = [];

  const load = async () => {
    try {
      clients = (await call<{ clients: Client[] }>('clients', { projectId: project.id, search: search.value.trim() || undefined })).clients;
    } catch (e) {
      say(describe(e), 'error');
      return;
    }
    replace(
      list,
      clients.length
        ? table(
            [t('colClient'), t('colBalance'), t('colLastActivity'), t('colAddresses'), t('colActions')],
            clients.map((c) => [
              c.name,
              h('span', { class: 'num' }, c.balance),
              when(c.lastActivityAt, lang),
              h('span', { class: 'muted' }, [...c.senders, ...c.domains.map((d) => `@${d}`)].join(', ')),
              button(t('manage'), () => showClient(c), { 'aria-label': `${t('manage')} ${c.name}`, class: 'secondary' }),
            ]),
          )
        : h('p', { class: 'empty' }, t('noClients')),
    );
  };

  const showClient = (client: Client) => {
    detail.hidden = false;
    replace(
      detail,
      clientDetail(project, client, async () => {
        await load();
        const fresh = clients.find((c) => c.accountId === client.accountId);
        if (fresh) showClient(fresh);
        else detail.hidden = true;
      }),
    );
    detail.querySelector('h3')?.focus();
  };

  let timer: number | undefined;
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = window.setTimeout(() => void load(), 250);
  });

  void load();
  return h('div', { class: 'screen' }, authorizeForm(project, load), h('section', { class: 'card' }, search, list), detail);
}

function authorizeForm(project: Project, reload: () => Promise<void>): HTMLElement {
  const errors = formErrors();
  const kind = field(
    t('authorizeKind'),
    select('kind', [
      ['sender', t('kindSender')],
      ['domain', t('kindDomain')],
    ]),
  );
  const who = field(t('senderOrDomain'), input('sender', { required: true, autocomplete: 'off' }), t('senderOrDomainHint'));
  const name = field(t('clientName'), input('accountName', { autocomplete: 'off' }), t('clientNameHint'));
  const credits = field(t('initialCredits'), input('initialCredits', { inputmode: 'numeric', value: '0', size: 5 }));
  for (const [key, f] of [
    ['sender', who],
    ['domain', who],
    ['accountName', name],
    ['initialCredits', credits],
  ] as const) {
    errors.slots.set(key, f.error);
    errors.inputs.set(key, f.input);
  }
  // Typing a bare domain picks "a whole domain"; an address picks "one address".
  who.input.addEventListener('input', () => (kind.input.value = who.input.value.includes('@') ? 'sender' : 'domain'));

  const form = h(
    'form',
    { class: 'card', attrs: { novalidate: true, 'aria-labelledby': 'authorize-title' } },
    h('h2', { attrs: { id: 'authorize-title' } }, t('authorizeTitle')),
    h('div', { class: 'row' }, kind.row, who.row, name.row, credits.row),
    h('div', { class: 'actions' }, button(t('authorize'))),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const initialCredits = credits.input.value.trim() === '' ? 0 : Number(credits.input.value);
    const accountName = name.input.value.trim() || undefined;
    const value = who.input.value.trim();
    void busy(form, async () => {
      try {
        const r =
          kind.input.value === 'domain'
            ? await call<{ account: { name: string }; balance: number }>('authorizeDomain', {
                projectId: project.id,
                domain: value.replace(/^@/, ''),
                accountName,
                initialCredits,
              })
            : await call<{ account: { name: string }; balance: number }>('authorize', {
                project: project.id,
                sender: value,
                initialCredits,
                ...(accountName ? { accountName } : {}),
              });
        clearErrors(errors);
        say(t('authorized', { name: r.account.name, balance: r.balance }));
        (form as HTMLFormElement).reset();
        await reload();
      } catch (e) {
        showError(errors, e);
      }
    });
  });
  return form;
}

function clientDetail(project: Project, client: Client, refresh: () => Promise<void>): HTMLElement {
  const errors = formErrors();
  const credits = field(t('credits'), input('credits', { inputmode: 'numeric', value: '1', size: 5 }));
  const note = field(t('note'), input('note', { maxlength: 500 }), t('noteHint'));
  errors.slots.set('credits', credits.error).set('note', note.error);
  errors.inputs.set('credits', credits.input).set('note', note.input);
  // Grant and revoke take a sender: the API names the one to use (ref), a domain-only client included.
  const sender = client.ref ?? client.senders[0] ?? `staff@${client.domains[0]}`;

  const money = (operation: 'grant' | 'revoke') => () =>
    void busy(form, async () => {
      try {
        const r = await call<{ balance: number }>(operation, {
          project: project.id,
          sender,
          credits: Number(credits.input.value),
          note: note.input.value.trim(),
          idempotencyKey: clickKey(),
        });
        clearErrors(errors);
        say(t('moved', { balance: r.balance }));
        await refresh();
      } catch (e) {
        showError(errors, e);
      }
    });

  const form = h(
    'form',
    { attrs: { novalidate: true } },
    h('div', { class: 'row' }, credits.row, note.row),
    h('div', { class: 'actions' }, button(t('grant'), money('grant')), button(t('revoke'), money('revoke'), { class: 'secondary' })),
  );
  form.addEventListener('submit', (e) => e.preventDefault());

  const removable = [
    ...client.senders.map((address) => ({ what: address, operation: 'senderRemove', body: { address } })),
    ...client.domains.map((domain) => ({ what: `@${domain}`, operation: 'domainRemove', body: { domain } })),
  ];
  const addresses = h(
    'ul',
    { class: 'addresses' },
    ...removable.map((r) =>
      h(
        'li',
        {},
        r.what,
        ' ',
        button(
          t('remove'),
          () => {
            if (!window.confirm(t('removeConfirm', { what: r.what }))) return;
            void call(r.operation, { projectId: project.id, ...r.body })
              .then(() => say(t('removed', { what: r.what })))
              .then(refresh, (e) => say(describe(e), 'error'));
          },
          { class: 'secondary small', 'aria-label': `${t('remove')} ${r.what}` },
        ),
      ),
    ),
  );

  const journal = h('div', { class: 'journal' });
  void call<{ entries: JournalEntry[] }>('journal', { accountId: client.accountId }).then(
    ({ entries }) =>
      replace(
        journal,
        table(
          [t('colDate'), t('colKind'), t('colCredits'), t('colBalanceAfter'), t('colActor'), t('colNote')],
          entries.map((e) => [
            when(e.createdAt, lang),
            label('kind_', e.kind),
            h('span', { class: 'num' }, e.credits > 0 ? `+${e.credits}` : e.credits),
            h('span', { class: 'num' }, e.balanceAfter),
            e.actor,
            e.note ?? '',
          ]),
        ),
      ),
    (e) => say(describe(e), 'error'),
  );
  const exportCsv = button(
    t('exportCsv'),
    () => {
      void call<{ csv: string }>('journal', { accountId: client.accountId, format: 'csv' }).then(
        ({ csv }) => download(`journal-${client.name.replace(/[^\w.-]+/g, '_')}.csv`, csv, 'text/csv'),
        (e) => say(describe(e), 'error'),
      );
    },
    { class: 'secondary' },
  );

  return h(
    'div',
    {},
    h('h3', { attrs: { tabindex: -1 } }, client.name, ' — ', t('colBalance'), ' ', h('span', { class: 'num' }, client.balance)),
    addresses,
    form,
    h('h4', {}, t('journal'), ' ', exportCsv),
    journal,
  );
}

function download(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { attrs: { href: url, download: filename } });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
