import {
  composeReply,
  escapeHtml,
  formatBalance,
  formatExpiry,
  pickLanguage,
  renderTemplate,
  TEMPLATE_IDS,
  TEMPLATES_EN,
  TEMPLATES_FR,
  TemplateError,
} from '../../../core/templates';

const project = { name: 'Acme', settings: {} as Record<string, unknown> };
const vars = {
  payment_url: 'https://checkout.stripe.com/c/pay/cs_test_1?a=1&b=2',
  price: '80,00 €',
  ticket: '[SG-41]',
  project: 'Acme & Fils',
  expires_at: '24 novembre 2026 à 10:00 UTC',
  client_name: '<Zoé> "O\'Brien"',
  confirm_code: 'SG-K7Q2-M9XA-4TRE',
  balance: '3 crédits restants',
  credits: '5 crédits',
  period: 'novembre 2026',
  opening_balance: '2 crédits',
  closing_balance: '11 crédits',
  statement_lines: '05 nov. 2026  Demande  -1 crédit  → 1  [SG-4] <b>Site</b>',
};

describe('renderTemplate', () => {
  it.each(['fr', 'en'] as const)('renders every template in %s with no placeholder left', (language) => {
    for (const id of TEMPLATE_IDS) {
      const r = renderTemplate(id, vars, { language, project });
      expect(r.text).not.toMatch(/\{\{|\}\}/);
      expect(r.html).not.toMatch(/\{\{|\}\}/);
      expect(r.text).toContain('Acme & Fils');
    }
  });

  it('writes French in French and English in English', () => {
    const fr = renderTemplate('payment_request', vars, { language: 'fr', project });
    const en = renderTemplate('payment_request', vars, { language: 'en', project });
    expect(fr.text).toMatch(/^Bonjour <Zoé>/);
    expect(fr.text).toContain('Une intervention coûte 80,00 €');
    expect(fr.text).toContain(vars.payment_url);
    expect(en.text).toMatch(/^Hello <Zoé>/);
    expect(en.text).toContain('One request costs 80,00 €');
  });

  it('escapes values in the HTML part only, attributes included', () => {
    const r = renderTemplate('payment_request', vars, { language: 'en', project });
    expect(r.html).toContain('Hello &lt;Zoé&gt; &quot;O&#39;Brien&quot;');
    expect(r.html).toContain('<a href="https://checkout.stripe.com/c/pay/cs_test_1?a=1&amp;b=2">');
    expect(r.html).toContain('Acme &amp; Fils');
    expect(r.html).not.toContain('<Zoé>');
    expect(r.text).toContain('<Zoé> "O\'Brien"');
  });

  it('drops the space before an empty client name', () => {
    const r = renderTemplate('ticket_opened', { ...vars, client_name: '' }, { language: 'fr', project });
    expect(r.text).toMatch(/^Bonjour,\n/);
  });

  it('names an unknown variable and a missing value at render time', () => {
    const custom = { name: 'Acme', settings: { templates: { ticket_opened: { en: 'Hi {{first_name}}, ticket {{ticket}}' } } } };
    let err: unknown;
    try {
      renderTemplate('ticket_opened', vars, { language: 'en', project: custom });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TemplateError);
    expect(err).toMatchObject({ code: 'unknown_variable', field: 'first_name' });
    expect((err as Error).message).toContain('Project "Acme" template ticket_opened (en) uses {{first_name}}');
    const { payment_url: _omit, ...partial } = vars;
    expect(() => renderTemplate('payment_request', partial, { language: 'fr', project })).toThrow(
      /uses \{\{payment_url\}\} but no value was given/,
    );
  });

  it('uses the project override for its language only, deriving HTML from text when absent', () => {
    const custom = {
      name: 'Acme',
      settings: { templates: { payment_received: { fr: { text: 'Merci {{client_name}} !\n\nPaiement {{price}} reçu.' } } } },
    };
    const fr = renderTemplate('payment_received', vars, { language: 'fr', project: custom });
    expect(fr.overridden).toBe(true);
    expect(fr.text).toBe(`Merci ${vars.client_name} !\n\nPaiement 80,00 € reçu.`);
    expect(fr.html).toBe('<p>Merci &lt;Zoé&gt; &quot;O&#39;Brien&quot; !</p>\n<p>Paiement 80,00 € reçu.</p>');
    const en = renderTemplate('payment_received', vars, { language: 'en', project: custom });
    expect(en.overridden).toBe(false);
    expect(() =>
      renderTemplate('payment_received', vars, {
        language: 'fr',
        project: { name: 'Acme', settings: { templates: { payment_received: { fr: 42 } } } },
      }),
    ).toThrow(/templates\.payment_received\.fr must be a string/);
  });

  it('keeps both catalogs aligned: same templates, same variables', () => {
    const names = (s: string) =>
      [...s.matchAll(/\{\{(\w+)\}\}/g)]
        .map((m) => m[1])
        .sort()
        .join(',');
    for (const id of TEMPLATE_IDS) {
      expect(new Set(names(TEMPLATES_FR[id].text).split(','))).toEqual(new Set(names(TEMPLATES_EN[id].text).split(',')));
      expect(new Set(names(TEMPLATES_FR[id].html).split(','))).toEqual(new Set(names(TEMPLATES_FR[id].text).split(',')));
    }
  });
});

describe('languages and dates', () => {
  it('picks the mail language, else the project default, else English', () => {
    expect(pickLanguage('fr', project)).toBe('fr');
    expect(pickLanguage('other', { name: 'A', settings: { defaultLanguage: 'fr' } })).toBe('fr');
    expect(pickLanguage(undefined, project)).toBe('en');
    expect(pickLanguage('EN-us', project)).toBe('en');
  });

  it('formats the expiry for people', () => {
    expect(formatExpiry('2026-11-24T10:00:00Z', 'fr')).toBe('24 novembre 2026 à 10:00 UTC');
    expect(formatExpiry('2026-11-24T10:00:00Z', 'en', 'Europe/Paris')).toMatch(/^24 November 2026 at 11:00 (CET|GMT\+1)$/);
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('composeReply', () => {
  it('answers in the client thread with the tag, both parts and auto-reply headers', () => {
    const reply = composeReply({
      template: 'payment_request',
      project: { name: 'Acme', settings: {} },
      original: { subject: 'RE: Re: Site en panne', messageId: '<m2@corp.fr>', references: ['<m1@corp.fr>'], language: 'fr' },
      ticketNumber: 41,
      vars: {
        payment_url: 'https://checkout.stripe.com/c/pay/cs_1',
        price: '80,00 €',
        expires_at: '24 novembre 2026 à 10:00 UTC',
        client_name: 'Zoé',
      },
    });
    expect(reply.language).toBe('fr');
    expect(reply.subject).toBe('Re: [SG-41] Site en panne');
    expect(reply.text).toContain('Votre demande [SG-41] est prête');
    expect(reply.html).toContain('<strong>[SG-41]</strong>');
    expect(reply.headers).toEqual({
      'Auto-Submitted': 'auto-replied',
      'X-Auto-Response-Suppress': 'All',
      'In-Reply-To': '<m2@corp.fr>',
      References: '<m1@corp.fr> <m2@corp.fr>',
    });
  });

  it('uses the project tag format (Mailswap style) and default language', () => {
    const reply = composeReply({
      template: 'ticket_opened',
      project: { name: 'Mailswap', settings: { ticketTagFormat: '[{{number}}]', defaultLanguage: 'en' } },
      original: { subject: 'Re: [1527] Bounce issue', messageId: 'abc@x', language: 'other' },
      ticketNumber: 1527,
      balance: 1,
    });
    expect(reply.subject).toBe('Re: [1527] Bounce issue');
    expect(reply.text).toMatch(/^Hello,\n/);
    expect(reply.text).toContain('Your balance: 1 credit left.');
    expect(reply.headers.References).toBe('<abc@x>');
  });
});

describe('{{balance}}', () => {
  it('is pluralised in each language, French counting 0 as singular', () => {
    expect([0, 1, 2, 3].map((n) => formatBalance(n, 'en'))).toEqual([
      '0 credits left',
      '1 credit left',
      '2 credits left',
      '3 credits left',
    ]);
    expect([0, 1, 2, 3].map((n) => formatBalance(n, 'fr'))).toEqual([
      '0 crédit restant',
      '1 crédit restant',
      '2 crédits restants',
      '3 crédits restants',
    ]);
    expect(() => formatBalance(-1, 'en')).toThrow(TemplateError);
    expect(() => formatBalance(1.5, 'fr')).toThrow(/whole number/);
  });

  it.each([
    ['ticket_opened', 'fr', 1, 'Votre solde : 1 crédit restant.'],
    ['ticket_opened_unverified', 'en', 4, 'Your balance: 4 credits left.'],
    ['duplicate_joined', 'fr', 3, 'Votre solde : 3 crédits restants.'],
    ['payment_received', 'en', 1, 'Your balance: 1 credit left.'],
  ] as const)('%s (%s) states the balance it is given, in text and HTML', (template, language, balance, phrase) => {
    const reply = composeReply({
      template,
      project,
      original: { subject: 'Help', messageId: '<m@x>', language },
      ticketNumber: 7,
      balance,
      vars: { price: '80,00 €' },
    });
    expect(reply.text).toContain(phrase);
    expect(reply.html).toContain(`<strong>${phrase.replace(/^.*: /, '').replace(/\.$/, '')}</strong>`);
  });

  it('is refused when a reply that states it is composed without it, and open to project overrides', () => {
    expect(() =>
      composeReply({
        template: 'ticket_opened',
        project,
        original: { subject: 'Help', messageId: '<m@x>', language: 'en' },
        ticketNumber: 7,
      }),
    ).toThrow(/uses \{\{balance\}\} but no value was given/);
    const custom = { name: 'Acme', settings: { templates: { ticket_opened: { en: 'Ticket {{ticket}} open, {{balance}}.' } } } };
    const reply = composeReply({
      template: 'ticket_opened',
      project: custom,
      original: { subject: 'Help', messageId: '<m@x>', language: 'en' },
      ticketNumber: 7,
      balance: 2,
    });
    expect(reply.text).toBe('Ticket [SG-7] open, 2 credits left.');
  });
});
