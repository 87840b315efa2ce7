/** The ticket tag of a project: "[SG-{{number}}]" by default, set per project as settings.ticketTagFormat. */
import { DEFAULT_TAG_FORMAT, formatTicketTag } from '../templates';
import type { Project } from '../ledger/types';
import { GateError } from './errors';

/** The override when given, else the project's setting, else the default; checked to contain {{number}}. */
export function tagFormatOf(project: Pick<Project, 'settings'> | null, override?: string | null): string {
  const fromSettings = project?.settings?.ticketTagFormat;
  const format = override?.trim() || (typeof fromSettings === 'string' && fromSettings.trim()) || DEFAULT_TAG_FORMAT;
  if (!format.includes('{{number}}')) {
    const where = override?.trim() ? 'the Ticket Tag Format parameter' : 'the project setting ticketTagFormat';
    throw new GateError(
      'invalid_argument',
      `Ticket tag format "${format}" (from ${where}) must contain {{number}}, e.g. "[SG-{{number}}]" or "[{{number}}]".`,
      'ticketTagFormat',
    );
  }
  formatTicketTag(1, format);
  return format;
}

/** The tag as a pattern (for stripping it from subjects before fingerprinting). */
export function tagRegExp(format: string): RegExp {
  const [before, after] = format.split('{{number}}').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`${before}\\d+${after}`, 'gi');
}
