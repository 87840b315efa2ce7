// The daily maintenance template: one schedule, every project, the three sweeps of the ledger.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { properties } from '../../../nodes/SupportGateLedger/actions/router';

interface Node {
  name: string;
  type: string;
  parameters: Record<string, unknown>;
}
const workflow = JSON.parse(readFileSync(path.resolve(__dirname, '../../../workflows/maintenance.json'), 'utf8')) as {
  nodes: Node[];
  connections: Record<string, { main: Array<Array<{ node: string }>> }>;
};
const byName = (name: string) => workflow.nodes.find((n) => n.name === name)!;
const LEDGER = 'n8n-nodes-supportgate.supportGateLedger';

/** The operations the Ledger node offers per resource, as its description lists them. */
const offered = (resource: string) =>
  (properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource))?.options ?? []).map(
    (o) => (o as { value: string }).value,
  );

test('runs daily and lists every project first', () => {
  expect(byName('Every day at 03:00')).toMatchObject({
    type: 'n8n-nodes-base.scheduleTrigger',
    parameters: { rule: { interval: [{ field: 'days', triggerAtHour: 3 }] } },
  });
  expect(workflow.connections['Every day at 03:00']!.main[0]!.map((c) => c.node)).toEqual(['All projects']);
  expect(byName('All projects')).toMatchObject({ type: LEDGER, parameters: { resource: 'project', operation: 'list' } });
});

test.each([
  ['Expire Unconfirmed', 'ticket', 'expireUnconfirmed'],
  ['Expire Credits', 'credits', 'expire'],
  ['Purge Old Mail Data', 'ticket', 'purgeMailData'],
])('%s runs for each project, an operation the Ledger node has, not as a dry run', (name, resource, operation) => {
  const node = byName(name);
  expect(node).toMatchObject({ type: LEDGER, parameters: { resource, operation, project: "={{ $('All projects').item.json.name }}" } });
  expect(node.parameters.dryRun ?? false).toBe(false);
  expect(offered(resource)).toContain(operation);
  // Each sweep hangs off the project list itself: one sweep finding nothing never stops the next.
  expect(workflow.connections['All projects']!.main[0]!.map((c) => c.node)).toContain(name);
});
