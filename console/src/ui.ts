/** Pieces every screen shares: the status line, error display next to fields, tables. */
import { ApiError } from './api';
import { h, replace, type Child } from './dom';
import { t } from './i18n';

/** The one live region that says what just happened. */
export const statusLine = h('p', { class: 'status', attrs: { role: 'status', 'aria-live': 'polite', id: 'status' } });

export function say(message: string, kind: 'ok' | 'error' = 'ok'): void {
  statusLine.className = `status ${kind}`;
  replace(statusLine, message);
}

/** The sentence for an API failure; 401 is handled by the key form, not here. */
export function describe(error: unknown): string {
  if (error instanceof ApiError)
    return error.status === 503 ? t('unavailable', { message: error.message }) : t('failed', { message: error.message });
  return t('failed', { message: error instanceof Error ? error.message : String(error) });
}

export interface FormErrors {
  /** The field's error element, by API field name ("price", "packs.0.credits"…), longest prefix wins. */
  slots: Map<string, HTMLElement>;
  inputs: Map<string, HTMLElement>;
}

export function formErrors(): FormErrors {
  return { slots: new Map(), inputs: new Map() };
}

export function clearErrors(f: FormErrors): void {
  for (const slot of f.slots.values()) replace(slot);
  for (const input of f.inputs.values()) input.removeAttribute('aria-invalid');
}

/** The error slot of an API field path ("packs.0.price"): the longest known prefix. */
function slotOf(f: FormErrors, name: string): string | undefined {
  const parts = name.split('.');
  for (let n = parts.length; n > 0; n--) {
    const key = parts.slice(0, n).join('.');
    if (f.slots.has(key)) return key;
  }
  return undefined;
}

/**
 * Shows an API error under every field it names (a 400 lists them all in `issues`), focusing the
 * first; the status line says it too. True when at least one field got its message.
 */
export function showError(f: FormErrors, error: unknown): boolean {
  clearErrors(f);
  if (error instanceof ApiError && error.status === 401) return true;
  const issues =
    error instanceof ApiError
      ? error.issues.length
        ? error.issues
        : error.field
          ? [{ field: error.field, message: error.message }]
          : []
      : [];
  let first: HTMLElement | undefined;
  for (const issue of issues) {
    const key = slotOf(f, issue.field);
    if (!key || f.slots.get(key)!.textContent) continue;
    // A message may start with the field path ("price: write…"): the field is already named.
    replace(f.slots.get(key)!, issue.message.replace(/^[\w.]+: /, ''));
    const input = f.inputs.get(key);
    input?.setAttribute('aria-invalid', 'true');
    first ??= input;
  }
  first?.focus();
  say(describe(error), 'error');
  return issues.some((i) => slotOf(f, i.field));
}

export function table(headers: string[], rows: Child[][], caption?: string): HTMLTableElement {
  return h(
    'table',
    {},
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, ...headers.map((x) => h('th', { attrs: { scope: 'col' } }, x)))),
    h('tbody', {}, ...rows.map((cells) => h('tr', {}, ...cells.map((c) => h('td', {}, c))))),
  );
}

/** Disables a form's buttons while its request runs, so a double click sends one request. */
export async function busy<T>(form: HTMLElement, run: () => Promise<T>): Promise<T> {
  const buttons = Array.from(form.querySelectorAll('button'));
  buttons.forEach((b) => (b.disabled = true));
  form.setAttribute('aria-busy', 'true');
  try {
    return await run();
  } finally {
    buttons.forEach((b) => (b.disabled = false));
    form.removeAttribute('aria-busy');
  }
}
