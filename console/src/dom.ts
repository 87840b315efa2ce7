/**
 * The page's only way to build DOM: text goes in as text nodes, never parsed as HTML, so a client
 * name or a mail subject containing markup shows as the characters it is.
 */
export type Child = Node | string | number | null | undefined | false;

export interface Props {
  class?: string;
  /** Plain attributes (set with setAttribute; never an event handler attribute). */
  attrs?: Record<string, string | number | boolean | undefined>;
  on?: Partial<Record<keyof HTMLElementEventMap, (event: Event) => void>>;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (/^on/i.test(name)) throw new Error(`event attribute ${name}: use props.on`);
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const [type, listener] of Object.entries(props.on ?? {})) if (listener) el.addEventListener(type, listener);
  append(el, ...children);
  return el;
}

export function append(el: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

/** Replaces everything inside el. */
export function replace(el: Node, ...children: Child[]): void {
  while (el.firstChild) el.removeChild(el.firstChild);
  append(el, ...children);
}

let ids = 0;
export const uid = (prefix: string) => `${prefix}-${++ids}`;

/** A labelled input with the place its error message goes (aria-describedby points at it). */
export function field(
  label: string,
  input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
  hint?: string,
): { row: HTMLElement; input: typeof input; error: HTMLElement } {
  input.id ||= uid('f');
  const error = h('p', { class: 'error', attrs: { id: uid('err'), 'aria-live': 'polite' } });
  const hintEl = hint ? h('p', { class: 'hint', attrs: { id: uid('hint') } }, hint) : null;
  input.setAttribute('aria-describedby', [hintEl?.id, error.id].filter(Boolean).join(' '));
  const row = h('div', { class: 'field' }, h('label', { attrs: { for: input.id } }, label), input, hintEl, error);
  return { row, input, error };
}

export function input(name: string, attrs: Props['attrs'] = {}): HTMLInputElement {
  return h('input', { attrs: { name, type: 'text', ...attrs } });
}

export function select(name: string, options: Array<[value: string, label: string]>, value?: string): HTMLSelectElement {
  const el = h('select', { attrs: { name } }, ...options.map(([v, l]) => h('option', { attrs: { value: v } }, l)));
  if (value !== undefined) el.value = value;
  return el;
}

export function button(label: string, onClick?: (event: Event) => void, attrs: Props['attrs'] = {}): HTMLButtonElement {
  return h('button', { attrs: { type: onClick ? 'button' : 'submit', ...attrs }, on: onClick ? { click: onClick } : {} }, label);
}

/** Local date and time of an ISO string, or a dash. */
export function when(iso: string | null | undefined, lang: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' });
}
