/**
 * Draws a card recorded by the CardService test double as HTML that looks like Gmail's add-on
 * side panel (~300 px, Material styling), so cards can be reviewed as images without deploying.
 * Strings are escaped; text widgets keep only CardService's HTML subset (b, i, u, s, br, font
 * color, a href), as Gmail does. Documentation and review only: never bundled into the add-on.
 */
import type { ButtonNode, CardNode, SectionNode, WidgetNode } from '../../test/unit/addon/support/card-service-double';

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Plain-text fields (titles, labels, buttons): CardService shows entities like &lt; as written by esc(). */
function plain(text: string | undefined): string {
  return escapeHtml(decodeEntities(text ?? ''));
}

function decodeEntities(text: string): string {
  return text.replace(/&(lt|gt|quot|#39|amp);/g, (_m, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e] ?? _m);
}

const SIMPLE_TAGS = new Set(['b', 'i', 'u', 's', 'br']);

/** CardService formatted text: the allowed tags survive (attributes checked), everything else is text. */
export function formattedText(html: string): string {
  const out: string[] = [];
  const tag = /<(\/?)([a-zA-Z]+)([^<>]*)>/g;
  let last = 0;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    out.push(plain(html.slice(last, m.index)));
    last = m.index + m[0].length;
    const [, closing, rawName, attrs] = m;
    const name = rawName.toLowerCase();
    if (SIMPLE_TAGS.has(name)) out.push(name === 'br' ? '<br>' : `<${closing}${name}>`);
    else if (name === 'font' && closing) out.push('</span>');
    else if (name === 'font') {
      const color = /color\s*=\s*"(#[0-9a-fA-F]{3,8}|[a-zA-Z]+)"/.exec(attrs)?.[1];
      out.push(color ? `<span style="color:${color}">` : '<span>');
    } else if (name === 'a' && closing) out.push('</a>');
    else if (name === 'a') {
      const href = /href\s*=\s*"(https?:\/\/[^"]*)"/.exec(attrs)?.[1];
      out.push(href ? `<a href="${escapeHtml(decodeEntities(href))}">` : '<a>');
    } else out.push(plain(m[0]));
  }
  out.push(plain(html.slice(last)));
  return out.join('');
}

function buttonHtml(b: ButtonNode): string {
  const kind = b.filled ? 'filled' : 'outlined';
  const target = b.openLink ? ` title="${escapeHtml(b.openLink)}"` : b.action ? ` title="${escapeHtml(b.action.functionName)}"` : '';
  const icon = b.openLink ? '<span class="ext">↗</span>' : '';
  return `<span class="btn ${kind}"${target}>${plain(b.text)}${icon}</span>`;
}

function widgetHtml(w: WidgetNode): string {
  switch (w.type) {
    case 'paragraph':
      return `<div class="w paragraph">${formattedText(w.text)}</div>`;
    case 'decorated':
      return (
        `<div class="w decorated"><div class="dt">${w.topLabel ? `<div class="top">${plain(w.topLabel)}</div>` : ''}` +
        `<div class="text">${formattedText(w.text)}</div>${w.bottomLabel ? `<div class="bottom">${plain(w.bottomLabel)}</div>` : ''}</div>` +
        `${w.button ? `<div class="side">${buttonHtml(w.button)}</div>` : ''}</div>`
      );
    case 'buttonSet':
      return `<div class="w buttons">${w.buttons.map(buttonHtml).join('')}</div>`;
    case 'button':
      return `<div class="w buttons">${buttonHtml(w.button)}</div>`;
    case 'textInput':
      return (
        `<div class="w input"><div class="field${w.value ? ' filled' : ''}"><label>${plain(w.title ?? w.fieldName)}</label>` +
        `<div class="value">${w.value ? plain(w.value) : '&nbsp;'}</div></div>${w.hint ? `<div class="hint">${plain(w.hint)}</div>` : ''}</div>`
      );
    case 'selection': {
      const chosen = w.items.find((i) => i.selected) ?? w.items[0];
      if (w.kind === 'DROPDOWN') {
        return `<div class="w input"><div class="field filled"><label>${plain(w.title ?? w.fieldName)}</label><div class="value">${plain(chosen?.text)}<span class="caret">▾</span></div></div></div>`;
      }
      const mark = w.kind === 'RADIO_BUTTON' ? ['◉', '○'] : ['☑', '☐'];
      return (
        `<div class="w choices">${w.title ? `<div class="top">${plain(w.title)}</div>` : ''}` +
        w.items
          .map((i) => `<div class="choice"><span class="mark">${i.selected ? mark[0] : mark[1]}</span>${plain(i.text)}</div>`)
          .join('') +
        '</div>'
      );
    }
    case 'divider':
      return '<hr class="divider">';
  }
}

function sectionHtml(s: SectionNode): string {
  return `<section>${s.header ? `<h2>${formattedText(s.header)}</h2>` : ''}${s.widgets.map(widgetHtml).join('')}</section>`;
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;background:#fff;font-family:"Google Sans",Roboto,"Noto Sans","Liberation Sans",Arial,sans-serif;color:#202124;-webkit-font-smoothing:antialiased}
.panel{width:300px;min-height:100vh;border-left:1px solid #dadce0;background:#fff}
.bar{display:flex;align-items:center;height:48px;padding:0 12px;border-bottom:1px solid #dadce0;font-size:14px;font-weight:500;color:#3c4043}
.bar .logo{width:20px;height:20px;border-radius:5px;background:#1a73e8;color:#fff;font-size:12px;font-weight:700;display:flex;align-items:center;justify-content:center;margin-right:10px}
.bar .menu{margin-left:auto;color:#5f6368;font-size:18px;letter-spacing:1px}
header{padding:16px 16px 12px;border-bottom:1px solid #e8eaed}
header h1{margin:0;font-size:16px;font-weight:500;line-height:22px;word-wrap:break-word}
header .sub{margin-top:2px;font-size:12px;color:#5f6368;line-height:16px}
section{padding:8px 16px 12px;border-bottom:1px solid #e8eaed}
section h2{margin:8px 0 4px;font-size:14px;font-weight:500;color:#1a73e8}
.w{margin:8px 0}
.paragraph{font-size:13px;line-height:20px;color:#3c4043;word-wrap:break-word}
.decorated{display:flex;align-items:center;gap:8px}
.decorated .dt{flex:1;min-width:0}
.top,.bottom{font-size:12px;line-height:16px;color:#5f6368}
.text{font-size:14px;line-height:20px;word-wrap:break-word}
.buttons{display:flex;flex-wrap:wrap;gap:8px}
.btn{display:inline-flex;align-items:center;height:32px;padding:0 14px;border-radius:16px;font-size:13px;font-weight:500;white-space:nowrap}
.btn.filled{background:#1a73e8;color:#fff}
.btn.outlined{border:1px solid #dadce0;color:#1a73e8;background:#fff}
.btn .ext{margin-left:6px;font-size:12px}
.side .btn{height:28px;padding:0 10px;font-size:12px}
.field{position:relative;border:1px solid #80868b;border-radius:4px;padding:14px 12px 8px;min-height:44px}
.field label{position:absolute;top:-8px;left:8px;padding:0 4px;background:#fff;font-size:12px;color:#5f6368}
.field .value{font-size:14px;line-height:20px;display:flex;justify-content:space-between}
.caret{color:#5f6368}
.w.input{margin:14px 0 12px}
.hint{margin:4px 12px 0;font-size:12px;color:#5f6368}
.choice{font-size:14px;line-height:24px}.mark{color:#1a73e8;margin-right:8px}
.divider{border:0;border-top:1px solid #e8eaed;margin:12px 0}
a{color:#1a73e8;text-decoration:none}
`;

/** A whole HTML page: Gmail's side panel bar, then the card. */
export function renderCardHtml(card: CardNode, options: { addonName?: string } = {}): string {
  const name = options.addonName ?? 'SupportGate';
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${plain(card.title)}</title><style>${STYLE}</style></head><body>` +
    `<div class="panel"><div class="bar"><span class="logo">${escapeHtml(name.slice(0, 1))}</span>${escapeHtml(name)}<span class="menu">⋮</span></div>` +
    `<header><h1>${plain(card.title)}</h1>${card.subtitle ? `<div class="sub">${plain(card.subtitle)}</div>` : ''}</header>` +
    card.sections.map(sectionHtml).join('') +
    '</div></body></html>'
  );
}

/** A rough page height, so the screenshot is not mostly blank (Chromium shoots the viewport). */
export function estimatedHeight(card: CardNode): number {
  const perWidget: Record<WidgetNode['type'], number> = {
    paragraph: 64,
    decorated: 64,
    buttonSet: 48,
    button: 48,
    textInput: 78,
    selection: 70,
    divider: 26,
  };
  let height = 48 + 76 + 24;
  // Pills wrap: about two per line in 300 px.
  const cost = (w: WidgetNode) => (w.type === 'buttonSet' ? perWidget.buttonSet * Math.ceil(w.buttons.length / 2) : perWidget[w.type]);
  for (const s of card.sections) height += 28 + (s.header ? 30 : 0) + s.widgets.reduce((sum, w) => sum + cost(w), 0);
  return Math.min(1600, Math.max(420, height));
}
