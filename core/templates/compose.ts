/** A whole automatic reply: subject in the client's thread, text and HTML parts, headers. */
import { formatBalance } from './balance';
import { autoReplyHeaders, OriginalMessage } from './headers';
import { pickLanguage, renderTemplate, TemplateProject } from './render';
import { DEFAULT_TAG_FORMAT, formatTicketTag, replySubject } from './subject';
import { Language, TemplateError, TemplateId, TemplateVars } from './types';

export interface ComposeReplyInput {
  template: TemplateId;
  project: TemplateProject;
  original: OriginalMessage & { subject: string; language?: string | null };
  /** Ticket number for the subject tag and {{ticket}}; null for replies outside a ticket. */
  ticketNumber?: number | null;
  /** Credits left on the client's account: fills {{balance}}, pluralised in the reply's language. */
  balance?: number | null;
  /** Values for the other variables; {{project}} and {{ticket}} are filled when absent, {{client_name}} defaults to empty. */
  vars?: TemplateVars;
  /** Forces the language instead of the mail's. */
  language?: Language;
}

export interface ComposedReply {
  language: Language;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

/** The project's tag format (setting ticketTagFormat), default [SG-{{number}}]. */
export function tagFormatOf(project: TemplateProject): string {
  const f = project.settings?.ticketTagFormat;
  if (f === undefined || f === null || f === '') return DEFAULT_TAG_FORMAT;
  if (typeof f !== 'string')
    throw new TemplateError(
      'invalid_override',
      `Project "${project.name}" setting ticketTagFormat must be a string such as "[SG-{{number}}]".`,
      'ticketTagFormat',
    );
  return f;
}

/** "24 November 2026 at 10:00 UTC" / "24 novembre 2026 à 10:00 UTC", in the project's time zone (setting timeZone). */
/** The project's settings.timeZone for dates in replies, UTC when it names none. */
export function timeZoneOf(project: { settings?: Record<string, unknown> | null }): string {
  return typeof project.settings?.timeZone === 'string' ? project.settings.timeZone : 'UTC';
}

export function formatExpiry(date: Date | string, language: Language, timeZone = 'UTC'): string {
  const d = new Date(date);
  if (Number.isNaN(d.getTime())) throw new TemplateError('invalid_argument', `expires_at "${String(date)}" is not a date.`, 'expires_at');
  return new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  })
    .format(d)
    .replace(/[\u00a0\u202f]/g, ' ');
}

export function composeReply(input: ComposeReplyInput): ComposedReply {
  const { project, original } = input;
  const language = input.language ?? pickLanguage(original.language, project);
  const format = tagFormatOf(project);
  const ticket = input.ticketNumber === null || input.ticketNumber === undefined ? undefined : formatTicketTag(input.ticketNumber, format);
  const balance = input.balance == null ? {} : { balance: formatBalance(input.balance, language) };
  const vars: TemplateVars = { project: project.name, client_name: '', ...(ticket ? { ticket } : {}), ...balance, ...input.vars };
  const rendered = renderTemplate(input.template, vars, { language, project });
  return {
    language,
    subject: replySubject(original.subject, input.ticketNumber, format),
    text: rendered.text,
    html: rendered.html,
    headers: autoReplyHeaders(original),
  };
}
