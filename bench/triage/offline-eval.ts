/** Routes labelled mail through the offline path (pre-filter, offline model, threshold) as Classify does. */
import { normalizeRfc822 } from '../../core/email/rfc822';
import { EmailInputError, type SupportEmail } from '../../core/email/types';
import { classify } from '../../core/triage/classify';
import { prefilter } from '../../core/triage/prefilter';
import type { Outcome } from './metrics';
import { emailAs, type Shape } from './shapes';

export interface Labelled {
  id: string;
  isSupport: boolean;
  kind: string;
  raw: string;
}

export async function routeOffline(items: Labelled[], shape: Shape = 'raw'): Promise<Array<Outcome & { id: string }>> {
  const out: Array<Outcome & { id: string }> = [];
  for (const item of items) {
    const email = await parseOrNull(item.raw, shape);
    if (!email) {
      // Classify stops on such an item with an error a person reads: count it as Needs review.
      out.push({ id: item.id, isSupport: item.isSupport, kind: item.kind, route: 'needs_review', byRule: false });
      continue;
    }
    const result = await classify(email);
    out.push({ id: item.id, isSupport: item.isSupport, kind: item.kind, route: result.route, byRule: result.decidedBy === 'rule' });
  }
  return out;
}

/** The normalized mail, or null when the trigger shape or MIME gives no usable mail (EmailInputError). */
export async function parseOrNull(raw: string, shape: Shape = 'raw'): Promise<SupportEmail | null> {
  try {
    return shape === 'raw' ? await normalizeRfc822(raw) : await emailAs(shape, raw);
  } catch (err) {
    if (err instanceof EmailInputError) return null;
    throw err;
  }
}

/** Only the pre-filter: which support mails a rule would drop (none may). */
export async function supportLostByRules(items: Labelled[]): Promise<string[]> {
  const lost: string[] = [];
  for (const item of items) {
    if (!item.isSupport) continue;
    const email = await parseOrNull(item.raw);
    const d = email ? prefilter(email) : { decided: false as const };
    if (d.decided) lost.push(`${item.id} (${d.rule})`);
  }
  return lost;
}
