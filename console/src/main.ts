/**
 * SupportGate Console: one page served by n8n (workflows/console.json), speaking the Credits API.
 * No framework: a handful of screens built with dom.ts, which only ever inserts text.
 */
import { ApiError, call, whenUnauthorized, type Project } from './api';
import { button, field, h, input, replace, select } from './dom';
import { lang, setLang, t, type Lang, type Words } from './i18n';
import { keyStore } from './key-store';
import { firstRunScreen } from './screens/first-run';
import { clientsScreen } from './screens/clients';
import { ticketsScreen } from './screens/tickets';
import { paymentsScreen } from './screens/payments';
import { healthScreen } from './screens/health';
import { templatesScreen } from './screens/templates';
import { describe, say, statusLine } from './ui';

const SCREENS: Array<{ id: string; word: keyof Words; render: (p: Project) => HTMLElement }> = [
  { id: 'clients', word: 'navClients', render: clientsScreen },
  { id: 'tickets', word: 'navTickets', render: ticketsScreen },
  { id: 'payments', word: 'navPayments', render: paymentsScreen },
  { id: 'health', word: 'navHealth', render: () => healthScreen() },
  { id: 'templates', word: 'navTemplates', render: templatesScreen },
];

const root = document.getElementById('app')!;
let projects: Project[] = [];
let projectId: string | null = null;
let screen = location.hash.slice(1) || 'clients';
let refusedKey = false;

whenUnauthorized(() => {
  refusedKey = true;
  render();
});

async function start(): Promise<void> {
  if (!keyStore.get()) return render();
  replace(root, h('p', { class: 'loading' }, t('loading')));
  try {
    projects = (await call<{ projects: Project[] }>('overview')).projects;
    refusedKey = false;
    projectId = projects.some((p) => p.id === projectId) ? projectId : (projects[0]?.id ?? null);
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) say(describe(e), 'error');
  }
  render();
}

function render(): void {
  document.title = t('title');
  if (!keyStore.get()) return replace(root, header(false), keyForm(), statusLine);
  if (!projects.length) return replace(root, header(false), h('main', {}, firstRunScreen(onProjectCreated)), statusLine);
  const project = projects.find((p) => p.id === projectId) ?? projects[0];
  const current = SCREENS.find((s) => s.id === screen) ?? SCREENS[0];
  const nav = h(
    'nav',
    { attrs: { 'aria-label': t('nav') } },
    ...SCREENS.map((s) =>
      h(
        'a',
        { attrs: { href: `#${s.id}`, 'aria-current': s === current ? 'page' : undefined }, on: { click: (e) => go(e, s.id) } },
        t(s.word),
      ),
    ),
  );
  replace(root, header(true), nav, statusLine, h('main', { attrs: { 'data-screen': current.id } }, current.render(project)));
}

function go(event: Event, id: string): void {
  event.preventDefault();
  screen = id;
  history.replaceState(null, '', `#${id}`);
  say('');
  render();
}

function onProjectCreated(project: Project): void {
  projects = [project];
  projectId = project.id;
  screen = 'clients';
  history.replaceState(null, '', '#clients');
  const message = statusLine.textContent ?? '';
  render();
  say(message);
}

function header(signedIn: boolean): HTMLElement {
  const languages = select(
    'lang',
    [
      ['fr', 'Français'],
      ['en', 'English'],
    ],
    lang,
  );
  languages.setAttribute('aria-label', t('language'));
  languages.addEventListener('change', () => {
    setLang(languages.value as Lang);
    render();
  });
  const projectPicker =
    signedIn && projects.length > 1
      ? (() => {
          const s = select(
            'project',
            projects.map((p) => [p.id, p.name]),
            projectId ?? undefined,
          );
          s.setAttribute('aria-label', t('project'));
          s.addEventListener('change', () => {
            projectId = s.value;
            render();
          });
          return s;
        })()
      : signedIn && projects[0]
        ? h('span', { class: 'project-name' }, projects.find((p) => p.id === projectId)?.name ?? projects[0].name)
        : null;
  return h(
    'header',
    {},
    h('h1', {}, t('title')),
    projectPicker,
    h('span', { class: 'spacer' }),
    languages,
    signedIn || keyStore.get()
      ? button(
          t('signOut'),
          () => {
            keyStore.clear();
            projects = [];
            render();
          },
          { class: 'secondary' },
        )
      : null,
  );
}

function keyForm(): HTMLElement {
  const key = field(
    t('keyLabel'),
    input('key', { type: 'password', autocomplete: 'off', required: true, spellcheck: 'false' }),
    t('keyHint'),
  );
  if (refusedKey) {
    key.error.textContent = t('keyRefused');
    key.input.setAttribute('aria-invalid', 'true');
  }
  const form = h(
    'form',
    { class: 'card narrow', attrs: { 'aria-labelledby': 'key-title' } },
    h('h2', { attrs: { id: 'key-title' } }, t('keyTitle')),
    key.row,
    h('p', { class: 'hint' }, keyStore.persistent() ? t('keySession') : t('keyMemoryOnly')),
    h('div', { class: 'actions' }, button(t('open'))),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!key.input.value.trim()) return;
    keyStore.set(key.input.value.trim());
    void start();
  });
  queueMicrotask(() => key.input.focus());
  return h('main', {}, form);
}

setLang(lang);
void start();
