/**
 * The real-mail set (test/fixtures/triage/real/): labelled public mail with provenance, split once
 * into train and heldout by source group (split.tsv, append-only). The offline model trains on the
 * train side only; `npm run eval` judges it on the heldout side.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const REAL_DIR = 'test/fixtures/triage/real';

export type SupportKind = 'bug' | 'error' | 'outage' | 'howto' | 'configuration';
export type NotSupportKind =
  | 'spam'
  | 'newsletter'
  | 'marketing'
  | 'auto_reply'
  | 'bounce'
  | 'thanks'
  | 'billing_sales'
  | 'personal'
  | 'other';

export interface RealItem {
  id: string;
  label: 'support_request' | 'not_support';
  kind: SupportKind | NotSupportKind;
  language: string;
  source?: { repo?: string; path?: string; commit?: string; url?: string };
  raw: string;
  split: 'train' | 'heldout';
}

export function readSplit(root: string): Map<string, 'train' | 'heldout'> {
  const out = new Map<string, 'train' | 'heldout'>();
  const file = path.join(root, REAL_DIR, 'split.tsv');
  if (!fs.existsSync(file)) return out;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [id, side] = line.split('\t');
    out.set(id, side === 'heldout' ? 'heldout' : 'train');
  }
  return out;
}

/** Every item of every real-set file; an item missing from split.tsv is an error (run make_split.py). */
export function loadRealSet(root = process.cwd()): RealItem[] {
  const dir = path.join(root, REAL_DIR);
  if (!fs.existsSync(dir)) return [];
  const split = readSplit(root);
  const items: RealItem[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    if (!name.endsWith('.jsonl')) continue;
    for (const line of fs.readFileSync(path.join(dir, name), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const row = JSON.parse(line) as Omit<RealItem, 'split'>;
      const side = split.get(row.id);
      if (!side) throw new Error(`${name}: ${row.id} has no line in split.tsv: run python3 ${REAL_DIR}/tools/make_split.py`);
      items.push({ ...row, split: side });
    }
  }
  return items;
}
