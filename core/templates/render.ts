/**
 * Rendering: pick the language, apply the project's overrides, fill {{variables}} (escaped in
 * HTML), and fail loudly on a placeholder we do not know or a value nobody gave.
 */
import { EN } from './catalog-en';
import { FR } from './catalog-fr';
import { Language, LANGUAGES, TEMPLATE_IDS, TEMPLATE_VARIABLES, TemplateBody, TemplateError, TemplateId, TemplateVars } from './types';

const CATALOG: Record<Language, Record<TemplateId, Required<TemplateBody>>> = { en: EN, fr: FR };

/** Project settings the templates read: `defaultLanguage` ('fr' | 'en') and `templates` overrides. */
export interface TemplateProject {
  name: string;
  settings: Record<string, unknown>;
}

export interface RenderedTemplate {
  id: TemplateId;
  language: Language;
  text: string;
  html: string;
  /** True when the project's override was used. */
  overridden: boolean;
}

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const isLanguage = (v: unknown): v is Language => typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);

/** The mail's language when it is one we write, else the project's default, else English. */
export function pickLanguage(mailLanguage: string | null | undefined, project?: TemplateProject): Language {
  const lang = String(mailLanguage ?? '')
    .toLowerCase()
    .slice(0, 2);
  if (isLanguage(lang)) return lang;
  const fallback = project?.settings?.defaultLanguage;
  return isLanguage(fallback) ? fallback : 'en';
}

/** Text to minimal HTML, for overrides that only give a text part. */
export function textToHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

function override(project: TemplateProject | undefined, id: TemplateId, language: Language): TemplateBody | null {
  const all = project?.settings?.templates;
  if (all === undefined || all === null) return null;
  const entry = (all as Record<string, Record<string, unknown>>)[id]?.[language];
  if (entry === undefined) return null;
  const body = (typeof entry === 'string' ? { text: entry } : entry) as TemplateBody;
  if (!body || typeof body.text !== 'string' || (body.html !== undefined && typeof body.html !== 'string')) {
    throw new TemplateError(
      'invalid_override',
      `Project "${project!.name}" setting templates.${id}.${language} must be a string or { "text": "...", "html": "..." }.`,
      `templates.${id}.${language}`,
    );
  }
  return body;
}

// An optional space before the placeholder is eaten when the value is empty: "Hello {{client_name}}," → "Hello,".
// The name is trimmed in code: "\s*([^{}]*?)\s*" backtracked quadratically on an unclosed "{{   …".
const PLACEHOLDER = /( ?)\{\{([^{}]*)\}\}/g;

function fill(source: string, vars: TemplateVars, html: boolean, where: string): string {
  return source.replace(PLACEHOLDER, (_m, space: string, inner: string) => {
    const name = inner.trim();
    if (!(TEMPLATE_VARIABLES as readonly string[]).includes(name)) {
      throw new TemplateError(
        'unknown_variable',
        `${where} uses {{${name}}}, which is not a template variable; use one of ${TEMPLATE_VARIABLES.map((v) => `{{${v}}}`).join(', ')}.`,
        name,
      );
    }
    const value = vars[name as keyof TemplateVars];
    if (value === undefined || value === null) {
      throw new TemplateError('missing_variable', `${where} uses {{${name}}} but no value was given for ${name}.`, name);
    }
    if (value === '') return '';
    return space + (html ? escapeHtml(String(value)) : String(value));
  });
}

/** Renders one template in one language; the project's override wins over the built-in text. */
export function renderTemplate(
  id: TemplateId,
  vars: TemplateVars,
  options: { language: Language; project?: TemplateProject },
): RenderedTemplate {
  if (!(TEMPLATE_IDS as readonly string[]).includes(id)) {
    throw new TemplateError('unknown_template', `Unknown template "${id}": use one of ${TEMPLATE_IDS.join(', ')}.`, 'template');
  }
  const { language, project } = options;
  if (!isLanguage(language)) throw new TemplateError('invalid_argument', `Unknown language "${language}": use fr or en.`, 'language');
  const custom = override(project, id, language);
  const body = custom ?? CATALOG[language][id];
  const where = custom ? `Project "${project!.name}" template ${id} (${language})` : `Template ${id} (${language})`;
  const text = fill(body.text, vars, false, where);
  const html = body.html !== undefined ? fill(body.html, vars, true, where) : textToHtml(text);
  return { id, language, text, html, overridden: custom !== null };
}
