/** First run: one form from an empty ledger to a project that receives mail (project + addresses). */
import { call, type Project } from '../api';
import { button, field, h, input, select } from '../dom';
import { lang, t } from '../i18n';
import { busy, clearErrors, formErrors, say, showError, type FormErrors } from '../ui';

export function firstRunScreen(onCreated: (project: Project) => void): HTMLElement {
  const errors = formErrors();
  const add = (key: string, f: ReturnType<typeof field>) => {
    errors.slots.set(key, f.error);
    errors.inputs.set(key, f.input);
    return f.row;
  };

  const name = field(t('projectName'), input('name', { required: true, autocomplete: 'organization' }), t('projectNameHint'));
  const addresses = field(
    t('supportAddresses'),
    h('textarea', { attrs: { name: 'supportAddresses', rows: 2, required: true } }),
    t('supportAddressesHint'),
  );
  const price = field(t('price'), input('price', { inputmode: 'decimal', value: '80', required: true }), t('priceHint'));
  const currency = field(
    t('currency'),
    input('currency', { value: 'EUR', maxlength: 3, size: 4, autocapitalize: 'characters' }),
    t('currencyHint'),
  );
  const language = field(
    t('defaultLanguage'),
    select(
      'defaultLanguage',
      [
        ['fr', 'Français'],
        ['en', 'English'],
      ],
      lang,
    ),
  );
  const successUrl = field(t('successUrl'), input('successUrl', { type: 'url', placeholder: 'https://' }), t('successUrlHint'));
  const cancelUrl = field(t('cancelUrl'), input('cancelUrl', { type: 'url', placeholder: 'https://' }), t('cancelUrlHint'));
  const tag = field(t('ticketTag'), input('ticketTagFormat', { value: '[SG-{{number}}]' }), t('ticketTagHint'));
  const auth = field(
    t('senderAuth'),
    select('senderAuthentication', [
      ['require', t('authRequire')],
      ['flag', t('authFlag')],
      ['off', t('authOff')],
    ]),
  );

  const packs = packRows(errors);

  const form = h(
    'form',
    { class: 'card', attrs: { novalidate: true, 'aria-labelledby': 'first-run-title' } },
    h('h2', { attrs: { id: 'first-run-title' } }, t('firstRunTitle')),
    h('p', {}, t('firstRunIntro')),
    add('name', name),
    add('supportAddresses', addresses),
    h('div', { class: 'row' }, add('price', price), add('currency', currency), add('defaultLanguage', language)),
    packs.element,
    h(
      'details',
      {},
      h('summary', {}, t('moreSettings')),
      add('successUrl', successUrl),
      add('cancelUrl', cancelUrl),
      add('ticketTagFormat', tag),
      add('senderAuthentication', auth),
    ),
    h('div', { class: 'actions' }, button(t('createProject'))),
  );

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const optional = (v: string) => (v.trim() ? v.trim() : undefined);
    const body = {
      name: name.input.value,
      supportAddresses: addresses.input.value.split(/[\s,;]+/).filter(Boolean),
      price: price.input.value.trim(),
      currency: currency.input.value.trim() || 'EUR',
      defaultLanguage: language.input.value,
      packs: packs.values(),
      successUrl: optional(successUrl.input.value),
      cancelUrl: optional(cancelUrl.input.value),
      ticketTagFormat: optional(tag.input.value),
      senderAuthentication: auth.input.value,
    };
    void busy(form, async () => {
      clearErrors(errors);
      try {
        const { project } = await call<{ project: Project }>('projectCreate', body);
        say(t('projectReady', { name: project.name, address: project.recipients.join(', ') }));
        onCreated(project);
      } catch (e) {
        // A field inside the collapsed settings must be visible to be fixed.
        if (showError(errors, e)) form.querySelector('details [aria-invalid]')?.closest('details')?.setAttribute('open', '');
      }
    });
  });
  return form;
}

/** The pack rows (credits, price), each field reachable by the API's field path packs.<i>.<name>. */
function packRows(errors: FormErrors) {
  const list = h('div', { class: 'packs' });
  const rows: Array<{
    credits: HTMLInputElement;
    price: HTMLInputElement;
    creditsError: HTMLElement;
    priceError: HTMLElement;
    row: HTMLElement;
  }> = [];
  const error = h('p', { class: 'error', attrs: { 'aria-live': 'polite' } });
  errors.slots.set('packs', error);

  const addRow = (credits = '', price = '') => {
    const c = field(t('packCredits'), input('packCredits', { inputmode: 'numeric', value: credits, size: 5 }));
    const p = field(t('packPrice'), input('packPrice', { inputmode: 'decimal', value: price, size: 8 }));
    const entry = {
      credits: c.input as HTMLInputElement,
      price: p.input as HTMLInputElement,
      creditsError: c.error,
      priceError: p.error,
      row: h('div', { class: 'row pack' }),
    };
    const remove = button(
      '×',
      () => {
        entry.row.remove();
        rows.splice(rows.indexOf(entry), 1);
      },
      { 'aria-label': t('removePack'), class: 'icon' },
    );
    entry.row.append(c.row, p.row, remove);
    rows.push(entry);
    list.append(entry.row);
  };
  addRow('5', '350');

  const element = h(
    'fieldset',
    {},
    h('legend', {}, t('packs')),
    h('p', { class: 'hint' }, t('packsHint')),
    list,
    error,
    button(t('addPack'), () => addRow(), { class: 'secondary' }),
  );
  return {
    element,
    // Empty rows are ignored; a half-filled one goes to the API, which names what is missing
    // (packs.<i>.credits: i counts the rows sent, so the error slots are keyed at each submit).
    values: () => {
      for (const key of [...errors.slots.keys()]) if (key.startsWith('packs.')) (errors.slots.delete(key), errors.inputs.delete(key));
      rows.forEach((r) =>
        [r.creditsError, r.priceError, r.credits, r.price].forEach((el, k) =>
          k < 2 ? (el.textContent = '') : el.removeAttribute('aria-invalid'),
        ),
      );
      const sent = rows.filter((r) => r.credits.value.trim() || r.price.value.trim());
      sent.forEach((r, i) => {
        errors.slots.set(`packs.${i}.credits`, r.creditsError);
        errors.inputs.set(`packs.${i}.credits`, r.credits);
        errors.slots.set(`packs.${i}.price`, r.priceError);
        errors.inputs.set(`packs.${i}.price`, r.price);
      });
      return sent.map((r) => ({
        credits: r.credits.value.trim() === '' ? undefined : Number(r.credits.value),
        price: r.price.value.trim(),
      }));
    },
  };
}
