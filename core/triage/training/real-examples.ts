/**
 * Training examples for the offline model: the self-written train set plus the train side of
 * the real set (test/fixtures/triage/real/, split.tsv). The real heldout side is never read here.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { normalizeRfc822 } from '../../email/rfc822';
import { EmailInputError, type SupportEmail } from '../../email/types';
import { extractFeatures } from '../offline-features';
import type { TrainingExample } from '../offline-train';
import type { Category } from '../types';

/** The model category of a real-set rubric kind. */
export const KIND_CATEGORY: Record<string, Category> = {
  bug: 'bug',
  error: 'bug',
  outage: 'outage',
  howto: 'how_to',
  configuration: 'configuration',
  spam: 'spam',
  newsletter: 'newsletter',
  marketing: 'newsletter',
  auto_reply: 'auto_reply',
  bounce: 'auto_reply',
  thanks: 'thanks',
  billing_sales: 'billing',
  personal: 'other',
  other: 'other',
};

export interface Example extends TrainingExample {
  id: string;
  /** Source group (split.tsv): cross-validation folds never split one. */
  group: string;
  isSupport: boolean;
  real: boolean;
  email: SupportEmail;
}

/**
 * What the "simplified" trigger outputs give of a mail: a 200-character preview of the body and
 * no headers (Gmail's snippet, Outlook's bodyPreview). Training on these too keeps the model
 * usable on them.
 */
export function previewOf(email: SupportEmail): SupportEmail {
  return { ...email, text: email.text.replace(/\s+/g, ' ').trim().slice(0, 200), textIsPreview: true, headers: {} };
}

export function featuresOf(email: SupportEmail): string[] {
  return extractFeatures({
    subject: email.subject,
    text: email.text,
    attachmentCount: email.attachments.count,
    isReply: email.inReplyTo !== undefined,
  });
}

async function parse(raw: string): Promise<SupportEmail | null> {
  try {
    return await normalizeRfc822(raw);
  } catch (err) {
    if (err instanceof EmailInputError) return null;
    throw err;
  }
}

export async function loadTrainingExamples(root: string): Promise<Example[]> {
  const out: Example[] = [];
  const selfLines = fs.readFileSync(path.join(root, 'test/fixtures/triage/train.jsonl'), 'utf8').split('\n').filter(Boolean);
  for (const line of selfLines) {
    const item = JSON.parse(line) as { id: string; raw: string; category: Category; is_support: boolean };
    const email = await parse(item.raw);
    if (!email) continue;
    out.push({
      id: item.id,
      group: `self:${item.id}`,
      category: item.category,
      isSupport: item.is_support,
      real: false,
      email,
      features: featuresOf(email),
    });
  }
  const dir = path.join(root, 'test/fixtures/triage/real');
  const split = new Map<string, { side: string; group: string }>();
  for (const line of fs.readFileSync(path.join(dir, 'split.tsv'), 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [id, side, group] = line.split('\t');
    split.set(id, { side, group });
  }
  for (const name of fs.readdirSync(dir).sort()) {
    if (!name.endsWith('.jsonl')) continue;
    for (const line of fs.readFileSync(path.join(dir, name), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const row = JSON.parse(line) as { id: string; label: string; kind: string; raw: string };
      const s = split.get(row.id);
      if (!s) throw new Error(`${row.id} has no line in split.tsv: run tools/make_split.py`);
      if (s.side !== 'train') continue;
      const email = await parse(row.raw);
      if (!email) continue;
      out.push({
        id: row.id,
        group: s.group,
        category: KIND_CATEGORY[row.kind] ?? 'other',
        isSupport: row.label === 'support_request',
        real: true,
        email,
        features: featuresOf(email),
      });
    }
  }
  return out;
}
