/** The real set's train/heldout split is recorded, complete, and never splits a source group. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadRealSet, REAL_DIR } from '../../../bench/triage/real-set';

const root = path.join(__dirname, '../../..');
const lines = fs
  .readFileSync(path.join(root, REAL_DIR, 'split.tsv'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map((l) => l.split('\t'));

test('every item has one split line (loadRealSet throws on a missing one)', () => {
  const items = loadRealSet(root);
  expect(items.length).toBeGreaterThanOrEqual(400);
  expect(new Set(lines.map(([id]) => id)).size).toBe(lines.length);
});

test('no source group sits on both sides, so no thread or issue template leaks into training', () => {
  const sides = new Map<string, Set<string>>();
  for (const [, side, group] of lines) sides.set(group, (sides.get(group) ?? new Set()).add(side));
  expect([...sides].filter(([, s]) => s.size > 1).map(([g]) => g)).toEqual([]);
});

test('about 40 % of each label is held out', () => {
  const items = loadRealSet(root);
  for (const label of ['support_request', 'not_support']) {
    const of = items.filter((i) => i.label === label);
    const share = of.filter((i) => i.split === 'heldout').length / of.length;
    expect(share).toBeGreaterThan(0.3);
    expect(share).toBeLessThan(0.5);
  }
});

test('no source file or URL is used by both halves', () => {
  const key = (i: { source?: { repo?: string; path?: string; url?: string } }) => i.source?.url ?? `${i.source?.repo}:${i.source?.path}`;
  const items = loadRealSet(root);
  const support = new Set(items.filter((i) => i.label === 'support_request').map(key));
  expect(items.filter((i) => i.label === 'not_support' && support.has(key(i))).map(key)).toEqual([]);
});
