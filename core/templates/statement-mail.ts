/**
 * The statement mail (FR/EN): a subject, and the `statement` template of the catalog filled with
 * the period, the balances and one line per movement. The lines go into the HTML part escaped,
 * in a <pre>: a ticket subject came from a client's mail and must never become markup.
 */
import { renderTemplate, type TemplateProject } from './render';
import { Language, TemplateError } from './types';

/** What the mail shows of a statement (core/staff Statement has this shape). */
export interface StatementForMail {
  project: { name: string };
  period: { from: string; to: string; month: string | null; timeZone: string };
  openingBalance: number;
  closingBalance: number;
  lines: Array<{
    date: string;
    group: string;
    credits: number;
    balanceAfter: number;
    ticket: { tag: string; subject: string } | null;
    purchase: { amountMinor: number; currency: string; stripeSessionId: string } | null;
  }>;
  totals: Record<string, { count: number; credits: number }>;
  upcomingExpiries?: Array<{ credits: number; expiresAt: string }>;
}

export interface StatementMail {
  language: Language;
  subject: string;
  text: string;
  html: string;
}

const LABELS: Record<Language, Record<string, string>> = {
  en: {
    grants: 'Credits granted',
    purchases: 'Purchase',
    debits: 'Request',
    waives: 'Given back',
    refunds: 'Refund',
    revokes: 'Withdrawn',
    expiries: 'Expired',
    other: 'Other',
  },
  fr: {
    grants: 'Crédits offerts',
    purchases: 'Achat',
    debits: 'Demande',
    waives: 'Rendu',
    refunds: 'Remboursement',
    revokes: 'Retrait',
    expiries: 'Expiré',
    other: 'Autre',
  },
};
const WORDS = {
  en: {
    none: 'No movement in this period.',
    totals: 'Totals',
    expiring: 'Expiring soon',
    on: 'on',
    subject: (p: string, period: string) => `${p} support statement: ${period}`,
  },
  fr: {
    none: 'Aucun mouvement sur cette période.',
    totals: 'Totaux',
    expiring: 'Expirent bientôt',
    on: 'le',
    subject: (p: string, period: string) => `Relevé du support ${p} : ${period}`,
  },
};
const UNITS: Record<Language, { one: string; other: string }> = {
  en: { one: 'credit', other: 'credits' },
  fr: { one: 'crédit', other: 'crédits' },
};

/** "0 credits", "1 credit", "-1 credit"; "0 crédit", "3 crédits" (French counts 0 and 1 as singular). */
export function creditCount(n: number, language: Language, signed = false): string {
  const form = new Intl.PluralRules(language).select(Math.abs(n)) === 'one' ? 'one' : 'other';
  return `${signed && n > 0 ? '+' : ''}${n} ${UNITS[language][form]}`;
}

const locale = (language: Language) => (language === 'fr' ? 'fr-FR' : 'en-GB');
const clean = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

function day(iso: string, language: Language, timeZone: string): string {
  return clean(
    new Intl.DateTimeFormat(locale(language), { day: '2-digit', month: 'short', year: 'numeric', timeZone }).format(new Date(iso)),
  );
}

/** "November 2026" / "novembre 2026" for a calendar month, else "1 November 2026 – 15 November 2026" (to is exclusive). */
export function periodLabel(period: StatementForMail['period'], language: Language): string {
  const long = (d: Date, opts: Intl.DateTimeFormatOptions) =>
    clean(new Intl.DateTimeFormat(locale(language), { ...opts, timeZone: period.timeZone }).format(d));
  if (period.month) return long(new Date(period.from), { month: 'long', year: 'numeric' });
  const last = new Date(new Date(period.to).getTime() - 1);
  const opts: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' };
  return `${long(new Date(period.from), opts)} – ${long(last, opts)}`;
}

/** One line per movement, then the totals of the kinds that moved, then upcoming expiries if any. */
function linesText(s: StatementForMail, language: Language, formatPrice: (minor: number, currency: string) => string): string {
  const labels = LABELS[language];
  const w = WORDS[language];
  if (s.lines.length === 0) return w.none;
  const rows = s.lines.map((l) => {
    const what = l.ticket
      ? [l.ticket.tag, l.ticket.subject].filter(Boolean).join(' ')
      : l.purchase
        ? `${formatPrice(l.purchase.amountMinor, l.purchase.currency)} (Stripe ${l.purchase.stripeSessionId})`
        : '';
    const label = (labels[l.group] ?? labels.other!).padEnd(15);
    const moved = creditCount(l.credits, language, true).padEnd(12);
    return `${day(l.date, language, s.period.timeZone)}  ${label} ${moved} → ${String(l.balanceAfter).padStart(4)}  ${what}`.trimEnd();
  });
  const totals = Object.entries(s.totals)
    .filter(([, t]) => t.count > 0)
    .map(([g, t]) => `${labels[g] ?? g} ${creditCount(t.credits, language, true)} (${t.count})`);
  const out = [...rows, '', `${w.totals}: ${totals.join(' · ')}`];
  for (const e of s.upcomingExpiries ?? [])
    out.push(`${w.expiring}: ${creditCount(e.credits, language)} ${w.on} ${day(e.expiresAt, language, s.period.timeZone)}`);
  return out.join('\n');
}

/**
 * Subject, text and HTML of the statement mail. `formatPrice` is the payments' money formatting
 * (passed in: templates sit below payments).
 */
export function composeStatementMail(
  statement: StatementForMail,
  options: {
    language: Language;
    project: TemplateProject;
    clientName?: string;
    formatPrice: (minor: number, currency: string, language: Language) => string;
  },
): StatementMail {
  const { language } = options;
  if (language !== 'fr' && language !== 'en')
    throw new TemplateError('invalid_argument', `Unknown language "${language}": use fr or en.`, 'language');
  const period = periodLabel(statement.period, language);
  const rendered = renderTemplate(
    'statement',
    {
      project: options.project.name,
      client_name: options.clientName ?? '',
      period,
      opening_balance: creditCount(statement.openingBalance, language),
      closing_balance: creditCount(statement.closingBalance, language),
      statement_lines: linesText(statement, language, (m, c) => options.formatPrice(m, c, language)),
    },
    { language, project: options.project },
  );
  return { language, subject: WORDS[language].subject(options.project.name, period), text: rendered.text, html: rendered.html };
}
