// Issue 19: sticky notes covered nodes ("From Gmail?", "Reply: ticket opened"…) and the Outlook
// intake's notes cut their text off. Every shipped workflow is checked with a conservative
// model of n8n's canvas (see layout.ts).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { nodeRect, overlaps, STICKY, stickyRect, textHeight, type CanvasNode } from './layout';

const dir = path.resolve(__dirname, '../../../workflows');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
const nodesOf = (file: string) => (JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { nodes: CanvasNode[] }).nodes;

test('the model flags what the issue reported', () => {
  const note: CanvasNode = { name: 'n', type: STICKY, position: [0, 0], parameters: { width: 300, height: 200, content: 'x' } };
  expect(
    overlaps(stickyRect(note), nodeRect({ name: 'From Gmail?', type: 'n8n-nodes-base.if', position: [280, 150], parameters: {} })),
  ).toBe(true);
  expect(overlaps(stickyRect(note), nodeRect({ name: 'Far', type: 'n8n-nodes-base.if', position: [320, 150], parameters: {} }))).toBe(
    false,
  );
  // The node's label hangs 40 px under its box.
  expect(overlaps(stickyRect(note), nodeRect({ name: 'Below', type: 'n8n-nodes-base.if', position: [100, 230], parameters: {} }))).toBe(
    false,
  );
  expect(
    overlaps(stickyRect(note), nodeRect({ name: 'Just above', type: 'n8n-nodes-base.if', position: [100, -130], parameters: {} })),
  ).toBe(true);
  expect(textHeight('## Title\n' + 'word '.repeat(200), 300)).toBeGreaterThan(200);
});

test('at least the five templates and the setup workflow are checked', () => {
  expect(files).toEqual(
    expect.arrayContaining([
      'process-mail.json',
      'process-mail-imap.json',
      'gmail-intake.json',
      'gmail-reconcile.json',
      'stripe-payments.json',
      'stripe-payments-imap.json',
      'stripe-payments-outlook.json',
      'outlook-intake.json',
      'credits-api.json',
      'console.json',
      'setup-first-project.json',
      'monthly-statements.json',
    ]),
  );
});

describe.each(files)('workflows/%s', (file) => {
  const nodes = nodesOf(file);
  const notes = nodes.filter((n) => n.type === STICKY);
  const others = nodes.filter((n) => n.type !== STICKY);

  test('has an English and a French sticky note', () => {
    expect(notes.length).toBeGreaterThanOrEqual(2);
  });

  test.each(notes.map((n) => [n.name, n] as const))('%s covers no node', (_name, note) => {
    const covered = others.filter((n) => overlaps(stickyRect(note), nodeRect(n))).map((n) => n.name);
    expect(covered).toEqual([]);
  });

  test.each(notes.map((n) => [n.name, n] as const))('%s is tall enough for its text', (_name, note) => {
    const needed = textHeight(String(note.parameters.content), Number(note.parameters.width));
    expect({ height: Number(note.parameters.height), needed: Math.min(needed, Number(note.parameters.height)) }).toEqual({
      height: Number(note.parameters.height),
      needed,
    });
  });
});
