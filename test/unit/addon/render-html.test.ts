import * as addon from '../../../gmail-addon/src/main';
import { escapeHtml, estimatedHeight, formattedText, renderCardHtml } from '../../../gmail-addon/preview/card-html';
import { addonEvent, CONFIGURED, fakeCreditsApi, installAppsScriptGlobals } from './support/apps-script-fakes';
import type { CardNode } from './support/card-service-double';
import { allButtons, asCard } from './support/card-query';

/** The page's text as a person reads it: tags dropped, entities decoded. */
const pageText = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe('card → HTML preview renderer', () => {
  it('draws the real sender card: header, section headers, labels, every button as a pill', () => {
    installAppsScriptGlobals({ route: fakeCreditsApi().route, settings: CONFIGURED });
    const card = asCard(addon.onGmailMessage(addonEvent()));
    const html = renderCardHtml(card);
    const text = pageText(html);
    expect(html).toMatch(/<h1>Client SARL<\/h1>/);
    for (const header of card.sections.flatMap((s) => (s.header ? [s.header] : []))) expect(html).toContain(`<h2>${header}</h2>`);
    expect(text).toContain('Balance 3 credits Next support mail is covered');
    expect(text).toContain('[SG-12] In progress Site down <urgent>');
    expect(html).toContain('<span class="btn filled" title="onGrant">Grant 1</span>');
    const pills = html.match(/<span class="btn (filled|outlined)"/g) ?? [];
    expect(pills).toHaveLength(allButtons(card).length);
    for (const b of allButtons(card)) expect(text).toContain(b.text);
    expect(html).toMatch(/<label>Credits<\/label>/);
    expect(html).toContain('<b>3 credits</b>');
  });

  it('escapes stranger-controlled text everywhere and keeps only CardService tags', () => {
    const evil = '<img src=x onerror=alert(1)>"\'&';
    const card: CardNode = {
      kind: 'card',
      title: evil,
      subtitle: `by ${evil}`,
      sections: [
        {
          header: evil,
          widgets: [
            {
              type: 'paragraph',
              text: `<b>bold</b> <script>alert(2)</script> <font color="#d93025">red</font> <font color="x;background:url(y)">z</font>`,
            },
            {
              type: 'decorated',
              topLabel: evil,
              text: 'Site down &lt;urgent&gt;',
              bottomLabel: evil,
              button: { text: evil, action: { functionName: 'onRefresh', parameters: {} }, filled: false },
            },
            { type: 'textInput', fieldName: 'note', title: evil, hint: evil, value: evil },
            { type: 'buttonSet', buttons: [{ text: 'Pay', openLink: 'https://pay.test/?a="b"', filled: true }] },
            { type: 'paragraph', text: '<a href="javascript:alert(3)">link</a>' },
            { type: 'divider' },
          ],
        },
      ],
    };
    const html = renderCardHtml(card);
    const body = html.replace(/<style>[\s\S]*?<\/style>/, '');
    // Only as text: no live tag, attribute, script URL or CSS injection survives.
    expect(body).not.toMatch(/<img|<script|<[^>]*onerror|javascript:|url\(/);
    expect(body).toContain('&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;');
    expect(body).toContain('<b>bold</b> &lt;script&gt;alert(2)&lt;/script&gt; <span style="color:#d93025">red</span> <span>z</span>');
    expect(body).toContain('Site down &lt;urgent&gt;'); // esc()'d once by the add-on, shown as <urgent>, not &lt;
    expect(body).toContain('title="https://pay.test/?a=&quot;b&quot;"');
    expect(body).toContain('<hr class="divider">');
    expect(pageText(html)).toContain(`${evil} ${evil}`); // top label and text input show the literal string
  });

  it('keeps text that merely looks like markup, and sizes the page to the card', () => {
    expect(formattedText('a < b && c > d')).toBe('a &lt; b &amp;&amp; c &gt; d');
    expect(formattedText('x<br>y')).toBe('x<br>y');
    expect(escapeHtml('"<&>\'')).toBe('&quot;&lt;&amp;&gt;&#39;');
    const small: CardNode = { kind: 'card', title: 't', sections: [{ widgets: [{ type: 'paragraph', text: 'p' }] }] };
    const big: CardNode = {
      ...small,
      sections: Array.from({ length: 6 }, () => ({
        header: 'h',
        widgets: Array.from({ length: 4 }, () => ({ type: 'textInput' as const, fieldName: 'f' })),
      })),
    };
    expect(estimatedHeight(small)).toBeLessThan(estimatedHeight(big));
  });
});
