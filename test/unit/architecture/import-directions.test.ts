import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

// The layers of docs/ARCHITECTURE.md and the one direction imports may run between them.
const root = path.join(__dirname, '../../..');

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const rel = path.join(dir, name);
    if (statSync(path.join(root, rel)).isDirectory())
      return name === 'node_modules' || name === 'dist' || name === 'preview' ? [] : sources(rel);
    return /\.(ts|mjs|cjs)$/.test(name) && !name.endsWith('.d.ts') ? [rel] : [];
  });
}

interface Edge {
  from: string;
  to: string;
  typeOnly: boolean;
}

/** Every relative import of a file, resolved to a path from the repository root. */
function importsOf(file: string): Edge[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  const edges: Edge[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^;]*?from\s+'(\.{1,2}\/[^']+)'/gm)) {
    edges.push({ from: file, to: path.normalize(path.join(path.dirname(file), m[3]!)), typeOnly: !!m[2] });
  }
  for (const m of text.matchAll(/(?:require|import)\(\s*'(\.{1,2}\/[^']+)'\s*\)/g)) {
    edges.push({ from: file, to: path.normalize(path.join(path.dirname(file), m[1]!)), typeOnly: false });
  }
  return edges;
}

const under = (p: string, dir: string) => p === dir || p.startsWith(dir + path.sep);
const edges = ['core', 'graph-connector', 'gmail-addon/src', 'nodes', 'credentials', 'console/src'].flatMap(sources).flatMap(importsOf);
const offending = (rule: (e: Edge) => boolean) => edges.filter(rule).map((e) => `${e.from} → ${e.to}`);

test('core imports neither nodes, credentials, the connector nor the add-on', () => {
  expect(
    offending(
      (e) =>
        under(e.from, 'core') && ['nodes', 'credentials', 'graph-connector', 'gmail-addon', 'scripts', 'test'].some((d) => under(e.to, d)),
    ),
  ).toEqual([]);
});

test('storage (core/ledger) never imports policy (core/tickets)', () => {
  expect(offending((e) => under(e.from, 'core/ledger') && under(e.to, 'core/tickets'))).toEqual([]);
});

test('staff operations (core/staff) sit above policy and storage: neither imports them', () => {
  expect(
    offending(
      (e) => (under(e.from, 'core/ledger') || under(e.from, 'core/tickets') || under(e.from, 'core/payments')) && under(e.to, 'core/staff'),
    ),
  ).toEqual([]);
});

test('the Outlook connector reaches the core only through its barrel (types aside), never nodes', () => {
  expect(
    offending(
      (e) =>
        under(e.from, 'graph-connector') &&
        (under(e.to, 'nodes') || under(e.to, 'credentials') || (under(e.to, 'core') && e.to !== 'core' && !e.typeOnly)),
    ),
  ).toEqual([]);
});

test('the Gmail add-on takes only the API schemas from the core', () => {
  expect(
    offending((e) => under(e.from, 'gmail-addon') && !under(e.to, 'gmail-addon') && e.to !== path.normalize('core/ledger/api-schemas')),
  ).toEqual([]);
});

test('the console page reaches the core only for ledger constants and API schemas (it runs in a browser)', () => {
  const allowed = ['core/ledger/types', 'core/ledger/console-schemas', 'core/ledger/api-schemas'].map((p) => path.normalize(p));
  expect(offending((e) => under(e.from, 'console/src') && !under(e.to, 'console/src') && !allowed.includes(e.to))).toEqual([]);
});

test('a node imports no other node: shared pieces live in nodes/shared', () => {
  const nodeOf = (p: string) => (under(p, 'nodes') ? p.split(path.sep)[1] : null);
  expect(
    offending((e) => {
      const a = nodeOf(e.from);
      const b = nodeOf(e.to);
      return !!a && !!b && a !== b && b !== 'shared';
    }),
  ).toEqual([]);
});

test('the check reads imports at all', () => {
  expect(edges.length).toBeGreaterThan(100);
  expect(edges.some((e) => e.from === path.normalize('core/tickets/debit.ts') && e.to === path.normalize('core/ledger/types'))).toBe(true);
});
