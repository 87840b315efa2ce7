/**
 * Reply templates per project and language as staff edit them: the text of each reply (the
 * built-in one or the project's own), a preview filled with sample values, and a save that refuses
 * a {{variable}} the renderer does not know. The subject of a reply is the client's own, tagged,
 * so the client's mail program keeps one thread: it is shown, never stored.
 */
import { LedgerError, type Ledger, type Project } from '../ledger';
import { formatPrice } from '../payments/money';
import {
  formatBalance,
  formatCredits,
  formatExpiry,
  formatTicketTag,
  renderTemplate,
  replySubject,
  TEMPLATE_IDS,
  TEMPLATE_VARIABLES,
  TEMPLATES_EN,
  TEMPLATES_FR,
  type Language,
  type TemplateId,
  type TemplateVars,
} from '../templates';
import { tagFormatOf } from '../tickets/tag-format';
import { projectByRef } from './lookups';

const SAMPLE_NUMBER = 42;
const SAMPLE_SUBJECT: Record<Language, string> = { fr: 'Site en panne', en: 'Website down' };

function customText(project: Project, id: TemplateId, language: Language): string | null {
  const entry = (project.settings.templates as Record<string, Record<string, unknown>> | undefined)?.[id]?.[language];
  if (typeof entry === 'string') return entry;
  if (entry && typeof (entry as { text?: unknown }).text === 'string') return (entry as { text: string }).text;
  return null;
}

function templateId(name: string): TemplateId {
  if (!(TEMPLATE_IDS as readonly string[]).includes(name))
    throw new LedgerError('unknown_template', `name: there is no template "${name}"; choose one of ${TEMPLATE_IDS.join(', ')}.`, 'name');
  return name as TemplateId;
}

/** The placeholders a text uses that the renderer does not know, in order, once each. */
export function unknownVariables(text: string): string[] {
  const names = [...text.matchAll(/\{\{([^{}]*)\}\}/g)].map((m) => m[1].trim());
  return [...new Set(names.filter((n) => !(TEMPLATE_VARIABLES as readonly string[]).includes(n)))];
}

function sampleVars(project: Project, language: Language): TemplateVars {
  return {
    payment_url: 'https://checkout.stripe.com/c/pay/cs_test_example',
    price: formatPrice(project.priceMinor, project.currency, language),
    ticket: formatTicketTag(SAMPLE_NUMBER, tagFormatOf(project)),
    project: project.name,
    expires_at: formatExpiry(new Date(Date.now() + 24 * 3600_000), language),
    client_name: language === 'fr' ? 'Jeanne Martin' : 'Jane Doe',
    confirm_code: 'SG-7K2F-9QXM-4HTD',
    balance: formatBalance(3, language),
    credits: formatCredits(5, language),
  };
}

const sampleSubject = (project: Project, language: Language) => replySubject(SAMPLE_SUBJECT[language], SAMPLE_NUMBER, tagFormatOf(project));

export async function listTemplates(store: Ledger, input: { projectId: string; language: Language }) {
  const project = await projectByRef(store, input.projectId);
  const builtIn = input.language === 'fr' ? TEMPLATES_FR : TEMPLATES_EN;
  const subject = sampleSubject(project, input.language);
  return {
    templates: TEMPLATE_IDS.map((name) => {
      const custom = customText(project, name, input.language);
      return { name, subject, body: custom ?? builtIn[name].text, custom: custom !== null };
    }),
    variables: [...TEMPLATE_VARIABLES],
  };
}

/** The reply as a client would read it, with sample values; unknown variables are listed, not filled. */
export async function previewTemplate(
  store: Ledger,
  input: { projectId: string; language: Language; name: string; subject?: string; body: string },
) {
  const project = await projectByRef(store, input.projectId);
  templateId(input.name);
  const unknown = unknownVariables(`${input.subject ?? ''}\n${input.body}`);
  const vars = sampleVars(project, input.language);
  const body = input.body.replace(/\{\{([^{}]*)\}\}/g, (whole, inner: string) => vars[inner.trim() as keyof TemplateVars] ?? whole);
  return { subject: sampleSubject(project, input.language), body, unknownVariables: unknown };
}

/** Stores the project's own text for this template and language (its HTML part is derived from it). */
export async function saveTemplate(
  store: Ledger,
  input: { projectId: string; language: Language; name: string; subject?: string; body: string },
) {
  const project = await projectByRef(store, input.projectId);
  const id = templateId(input.name);
  for (const field of ['subject', 'body'] as const) {
    const unknown = unknownVariables(input[field] ?? '');
    if (unknown.length)
      throw new LedgerError(
        'invalid_argument',
        `${field}: ${unknown.map((n) => `{{${n}}}`).join(', ')} is not a template variable; use only ${TEMPLATE_VARIABLES.map((v) => `{{${v}}}`).join(', ')}.`,
        field,
      );
  }
  const templates = { ...((project.settings.templates as Record<string, Record<string, unknown>> | undefined) ?? {}) };
  templates[id] = { ...(templates[id] ?? {}), [input.language]: { text: input.body } };
  const settings = { ...project.settings, templates };
  // Rendered once with sample values before it is stored: a text the mail path could not render is refused here.
  renderTemplate(id, sampleVars(project, input.language), { language: input.language, project: { name: project.name, settings } });
  const updated = await store.updateProject(project.id, { settings });
  return { template: { name: id, subject: sampleSubject(updated, input.language), body: input.body, custom: true } };
}
