/**
 * Reply subjects keep the client's thread: "Re: [SG-41] Site down". The tag format is per
 * project (default "[SG-{{number}}]"; Mailswap's "[{{number}}]" gives "Re: [1527] Site down").
 * Existing reply prefixes and tags are removed first, so replies never stack "Re: Re:" or repeat the tag.
 */
import { TemplateError } from './types';

export const DEFAULT_TAG_FORMAT = '[SG-{{number}}]';

// Re:, RE :, Fwd:, TR: (French "transféré"), AW:/WG: (German), SV:/VS: (Nordic), RIF: (Italian)
// All leading prefixes in one match: removing one per round made "Re: Re: Re: …" quadratic. The
// optional "[2]" / "(2)" counter owns the blanks after it, so no two blank runs sit side by side.
const PREFIX = /^\s*(?:(?:re|fwd?|tr|aw|wg|sv|vs|antw|rif)\s*(?:(?:\[\d+\]|\(\d+\))\s*)?:\s*)+/i;
/** Rounds of tag and prefix removal: two cover real subjects; the bound keeps crafted ones linear. */
const MAX_ROUNDS = 8;

function tagPattern(format: string): RegExp {
  if (typeof format !== 'string' || !format.includes('{{number}}')) {
    throw new TemplateError(
      'invalid_argument',
      `Ticket tag format "${format}" must contain {{number}}, e.g. "[SG-{{number}}]" or "[{{number}}]".`,
      'ticketTagFormat',
    );
  }
  const [before, after] = format.split('{{number}}').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`${before}(\\d+)${after}`, 'gi');
}

export function formatTicketTag(number: number, format = DEFAULT_TAG_FORMAT): string {
  tagPattern(format);
  return format.replace('{{number}}', String(number));
}

/** The ticket number tagged in a subject, or null. */
export function findTicketNumber(subject: string, format = DEFAULT_TAG_FORMAT): number | null {
  const m = tagPattern(format).exec(subject ?? '');
  return m ? Number(m[1]) : null;
}

/** The subject without reply prefixes or ticket tags: the thread's topic. */
export function baseSubject(subject: string, format = DEFAULT_TAG_FORMAT): string {
  const tag = tagPattern(format);
  let s = String(subject ?? '');
  for (let previous = '', round = 0; previous !== s && round < MAX_ROUNDS; round++) {
    previous = s;
    s = s.replace(tag, ' ').replace(/\s+/g, ' ').trim();
    s = s.replace(PREFIX, '');
  }
  return s;
}

/** "Re: <tag> <original topic>", whatever prefixes and tags the client's subject already had. */
export function replySubject(originalSubject: string, ticketNumber: number | null | undefined, format = DEFAULT_TAG_FORMAT): string {
  const topic = baseSubject(originalSubject, format);
  const tag = ticketNumber === null || ticketNumber === undefined ? '' : formatTicketTag(ticketNumber, format);
  return ['Re:', tag, topic].filter(Boolean).join(' ');
}
