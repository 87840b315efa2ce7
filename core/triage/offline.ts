import type { SupportEmail } from '../email/types';
import { extractFeatures } from './offline-features';
import modelJson from './offline-model.json';
import { softmaxScores, type OfflineModel } from './offline-train';
import { sentences } from './sentences';
import type { Category, Classification, Urgency } from './types';

const model = modelJson as unknown as OfflineModel;

/** What counts as a support request by default (per-project rules live in the LLM path). */
export const SUPPORT_CATEGORIES: ReadonlySet<Category> = new Set(['bug', 'outage', 'how_to', 'configuration', 'access']);

function urgencyOf(category: Category, text: string): Urgency {
  const t = text.toLowerCase();
  if (!SUPPORT_CATEGORIES.has(category)) return 'low';
  if (
    category === 'outage' ||
    /\b(tout le site|whole site|all (our )?(users|customers)|tous (nos|les) (clients|utilisateurs)|production|perte de donn|data loss|piratage|hacked|security breach)/.test(
      t,
    )
  ) {
    return category === 'outage' ? 'critical' : 'high';
  }
  if (/\b(urgent|urgence|asap|au plus vite|bloqu|blocked|blocking|immediately|imm[ée]diatement)/.test(t)) return 'high';
  return category === 'how_to' ? 'low' : 'normal';
}

/** First sentences of the cleaned body, for the engineer; linear, stops reading once full. */
export function firstSentences(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  let out = '';
  for (const s of sentences(flat)) {
    if (out.length + s.length > max) break;
    out += s;
  }
  // No sentence that fits (or none at all): the start of the text, as before.
  return (out || flat.slice(0, max)).trim();
}

/** Local, network-free classification (FR/EN), same shape as the LLM path. */
export function classifyOffline(email: SupportEmail): Classification {
  return classifyWithModel(email, model);
}

/** The same with a given model: training scripts score candidate models through it. */
export function classifyWithModel(email: SupportEmail, model: OfflineModel): Classification {
  const features = extractFeatures({
    subject: email.subject,
    text: email.text,
    attachmentCount: email.attachments.count,
    isReply: email.inReplyTo !== undefined,
  });
  const p = softmaxScores(model, features);
  let best = 0;
  for (let k = 1; k < p.length; k++) if (p[k] > p[best]) best = k;
  const category = model.categories[best];
  const supportMass = p.reduce((sum, v, k) => sum + (SUPPORT_CATEGORIES.has(model.categories[k]) ? v : 0), 0);
  const isSupport = SUPPORT_CATEGORIES.has(category);
  // Confidence in the support/not-support decision, which is what routing acts on.
  const confidence = Math.round((isSupport ? supportMass : 1 - supportMass) * 100) / 100;
  const signals = features.filter((f) => f.startsWith('f:') && (model.weights[f]?.[best] ?? 0) > 0).map((f) => f.slice(2));
  return {
    is_support_request: isSupport,
    category,
    urgency: urgencyOf(category, `${email.subject}\n${email.text}`),
    language: email.language,
    summary: firstSentences(email.text) || email.subject,
    confidence,
    reason: `offline model: ${category} (p=${p[best].toFixed(2)})${signals.length ? `; signals: ${signals.slice(0, 5).join(', ')}` : ''}`,
  };
}
