import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

// One icon per node kind, in a light and a dark variant: the canvas is scanned by icon.
const root = path.join(__dirname, '../../..');
const sources = [
  ...readdirSync(path.join(root, 'nodes')).flatMap((d) =>
    readdirSync(path.join(root, 'nodes', d))
      .filter((f) => f.endsWith('.node.ts'))
      .map((f) => path.join('nodes', d, f)),
  ),
  ...readdirSync(path.join(root, 'credentials'))
    .filter((f) => f.endsWith('.credentials.ts'))
    .map((f) => path.join('credentials', f)),
];

test.each(sources)('%s has a light and a dark icon of its own, both shipped beside it', (file) => {
  const text = readFileSync(path.join(root, file), 'utf8');
  const m = /\{ light: 'file:([^']+)', dark: 'file:([^']+)' \}/.exec(text);
  expect(m).not.toBeNull();
  for (const icon of [m![1], m![2]]) expect([icon, existsSync(path.join(root, path.dirname(file), icon!))]).toEqual([icon, true]);
  expect(m![1]).not.toBe(m![2]);
});

test('no two node kinds share an icon', () => {
  const nodes = sources.filter((f) => f.startsWith('nodes'));
  const icons = nodes.map((f) => /light:\s*'file:([^']+)'/.exec(readFileSync(path.join(root, f), 'utf8'))![1]);
  const contents = nodes.map((f, i) => readFileSync(path.join(root, path.dirname(f), icons[i]!), 'utf8'));
  expect(new Set(contents).size).toBe(nodes.length);
});
