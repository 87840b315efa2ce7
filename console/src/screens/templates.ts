/** Templates: per project and language, edit a reply with a live preview that flags unknown variables. */
import { call, type Project, type Template } from '../api';
import { button, field, h, input, replace, select } from '../dom';
import { lang, t, type Lang } from '../i18n';
import { busy, clearErrors, formErrors, say, showError } from '../ui';

export function templatesScreen(project: Project): HTMLElement {
  const errors = formErrors();
  const language = field(
    t('language'),
    select(
      'language',
      [
        ['fr', 'Français'],
        ['en', 'English'],
      ],
      project.defaultLanguage ?? lang,
    ),
  );
  const which = field(t('template'), select('name', []));
  const subject = field(t('subject'), input('subject'));
  const body = field(t('body'), h('textarea', { attrs: { name: 'body', rows: 14, spellcheck: 'true' } }));
  errors.slots.set('subject', subject.error).set('body', body.error).set('name', which.error);
  errors.inputs.set('subject', subject.input).set('body', body.input).set('name', which.input);
  const variables = h('p', { class: 'muted' });
  const previewSubject = h('p', { class: 'preview-subject' });
  const previewBody = h('pre', { class: 'preview-body' });
  const unknown = h('p', { attrs: { 'aria-live': 'polite' } });
  let templates: Template[] = [];

  const pick = () => {
    const tpl = templates.find((x) => x.name === which.input.value);
    subject.input.value = tpl?.subject ?? '';
    body.input.value = tpl?.body ?? '';
    void preview();
  };

  const load = async () => {
    try {
      const r = await call<{ templates: Template[]; variables: string[] }>('templates', {
        projectId: project.id,
        language: language.input.value as Lang,
      });
      templates = r.templates;
      const keep = which.input.value;
      replace(
        which.input,
        ...templates.map((x) => h('option', { attrs: { value: x.name } }, `${x.name} (${x.custom ? t('custom') : t('builtIn')})`)),
      );
      if (templates.some((x) => x.name === keep)) which.input.value = keep;
      replace(variables, t('variables'), ': ', r.variables.map((v) => `{{${v}}}`).join(' '));
      pick();
    } catch (e) {
      showError(errors, e);
    }
  };

  let seq = 0;
  const preview = async () => {
    if (!which.input.value) return;
    const mine = ++seq;
    try {
      const r = await call<{ subject: string; body: string; unknownVariables: string[] }>('templatePreview', request());
      if (mine !== seq) return; // a newer keystroke's preview is on its way
      clearErrors(errors);
      replace(previewSubject, r.subject);
      replace(previewBody, r.body);
      unknown.className = r.unknownVariables.length ? 'bad' : 'ok';
      replace(
        unknown,
        r.unknownVariables.length ? t('unknownVariables', { names: r.unknownVariables.map((v) => `{{${v}}}`).join(', ') }) : t('noUnknown'),
      );
    } catch (e) {
      if (mine === seq) showError(errors, e);
    }
  };
  const request = () => ({
    projectId: project.id,
    language: language.input.value,
    name: which.input.value,
    subject: subject.input.value,
    body: body.input.value,
  });

  let timer: number | undefined;
  const soon = () => {
    clearTimeout(timer);
    timer = window.setTimeout(() => void preview(), 300);
  };
  subject.input.addEventListener('input', soon);
  body.input.addEventListener('input', soon);
  which.input.addEventListener('change', pick);
  language.input.addEventListener('change', () => void load());

  const form = h(
    'form',
    { class: 'card', attrs: { novalidate: true } },
    h('div', { class: 'row' }, language.row, which.row),
    subject.row,
    body.row,
    variables,
    h('div', { class: 'actions' }, button(t('save'))),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(form, async () => {
      try {
        await call('templateSave', request());
        say(t('saved'));
        await load();
      } catch (e) {
        showError(errors, e);
      }
    });
  });
  void load();
  return h(
    'div',
    { class: 'screen two' },
    form,
    h(
      'section',
      { class: 'card preview', attrs: { 'aria-label': t('preview') } },
      h('h2', {}, t('preview')),
      previewSubject,
      previewBody,
      unknown,
    ),
  );
}
