// Issue 18: every node in one shape. <Name>.node.ts holds the description and calls its router;
// actions/router.ts runs the items through the shared router; each actions/…/<op>.operation.ts
// exports the fields it shows and its execute.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const nodesDir = path.resolve(__dirname, '../../../nodes');
const nodes = readdirSync(nodesDir).filter((d) => existsSync(path.join(nodesDir, d, `${d}.node.ts`)));
// Triggers have no execute(): n8n calls their poll(), trigger() or webhook() instead.
const isTrigger = (name: string) =>
  /polling: true|async (poll|trigger|webhook)\(/.test(readFileSync(path.join(nodesDir, name, `${name}.node.ts`), 'utf8')) &&
  !/async execute\(/.test(readFileSync(path.join(nodesDir, name, `${name}.node.ts`), 'utf8'));
const actionNodes = nodes.filter((n) => !isTrigger(n));

function operationFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? operationFiles(p) : f.endsWith('.operation.ts') ? [p] : [];
  });
}

test('the check sees every node that executes', () => expect(actionNodes.length).toBeGreaterThanOrEqual(10));

test.each(actionNodes)('%s: execute() only calls its router, and the router uses the shared one', (name) => {
  const node = readFileSync(path.join(nodesDir, name, `${name}.node.ts`), 'utf8');
  const execute = node.slice(node.indexOf('async execute('));
  expect(execute).toMatch(
    /^async execute\(this: IExecuteFunctions\): Promise<INodeExecutionData\[\]\[\]> \{\s+return router\(this\);\s+\}/,
  );
  const router = readFileSync(path.join(nodesDir, name, 'actions', 'router.ts'), 'utf8');
  expect(router).toMatch(/from '\.\.\/\.\.\/shared\/router'/);
  expect(router).toMatch(/return route\(ctx, \{/);
});

test.each(actionNodes)('%s: each operation file exports its description and execute', (name) => {
  const files = operationFiles(path.join(nodesDir, name, 'actions'));
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(file) as Record<string, unknown>;
    const op = typeof mod.endpoint === 'function' ? (mod.endpoint as (o: string) => Record<string, unknown>)('sender') : mod;
    expect({ file, description: Array.isArray(op.description), execute: typeof op.execute }).toEqual({
      file,
      description: true,
      execute: 'function',
    });
  }
});

test('no node keeps an execute.ts, description.ts or operations map beside the router', () => {
  const leftovers = actionNodes.flatMap((n) =>
    ['execute.ts', 'description.ts', 'operations.ts'].filter((f) => existsSync(path.join(nodesDir, n, f))).map((f) => `${n}/${f}`),
  );
  expect(leftovers).toEqual([]);
});
