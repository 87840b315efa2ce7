/**
 * The two project settings of credit expiry and data retention, checked when a project is created
 * or updated (so a typo fails at once, naming the setting) and read by the sweeps.
 * - creditExpiryMonths: credits expire this many months after they were added; 0 or absent = never (default).
 * - retentionMonths: mail data of resolved/closed tickets is purged this many months after their
 *   last status change; default 24 (Mailswap keeps mail 24 months); 0 = keep forever.
 */
import { LedgerError } from './errors';
import type { Project } from './types';

export const DEFAULT_RETENTION_MONTHS = 24;

function months(settings: Record<string, unknown> | undefined, name: string, dflt: number, meaning: string): number {
  const v = settings?.[name] ?? dflt;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0 || v > 1200) {
    throw new LedgerError(
      'invalid_argument',
      `settings.${name} must be a whole number of months from 0 to 1200 (${meaning}); got ${JSON.stringify(v)}.`,
      `settings.${name}`,
    );
  }
  return v;
}

export const creditExpiryMonthsOf = (project: Pick<Project, 'settings'>): number =>
  months(project.settings, 'creditExpiryMonths', 0, 'credits expire that long after they were added; 0 = never, the default');

export const retentionMonthsOf = (project: Pick<Project, 'settings'>): number =>
  months(
    project.settings,
    'retentionMonths',
    DEFAULT_RETENTION_MONTHS,
    `mail data is purged that long after a ticket closed; default ${DEFAULT_RETENTION_MONTHS}, 0 = keep forever`,
  );

/** Throws on a bad creditExpiryMonths or retentionMonths. */
export function checkDataPolicy(settings: Record<string, unknown>): void {
  creditExpiryMonthsOf({ settings });
  retentionMonthsOf({ settings });
}
