// Issue 19: searching "SupportGate" in n8n's node panel found 2 of the 10 nodes, "ticket" none;
// the Ledger's Settings (JSON) had no example. n8n searches a node's name and its codex aliases.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SupportGateLedger } from '../../../nodes/SupportGateLedger/SupportGateLedger.node';

const nodesDir = path.resolve(__dirname, '../../../nodes');
const names = readdirSync(nodesDir).filter((d) => readdirSync(path.join(nodesDir, d)).some((f) => f.endsWith('.node.json')));

function searchable(name: string): string[] {
  const codex = JSON.parse(readFileSync(path.join(nodesDir, name, `${name}.node.json`), 'utf8')) as { alias?: string[] };
  const source = readFileSync(path.join(nodesDir, name, `${name}.node.ts`), 'utf8');
  const displayName = /displayName: '([^']+)'/.exec(source)![1];
  return [displayName, ...(codex.alias ?? [])].map((s) => s.toLowerCase());
}

test('all twelve nodes are checked', () => expect(names).toHaveLength(12));

test.each(['SupportGate', 'ticket', 'support', 'helpdesk'])('searching "%s" finds every SupportGate node', (query) => {
  const missed = names.filter((n) => !searchable(n).some((s) => s.includes(query.toLowerCase())));
  expect(missed).toEqual([]);
});

test('the Ledger subtitle names every resource and operation it offers', () => {
  const subtitle = new SupportGateLedger().description.subtitle as string;
  const map = JSON.parse(/=\{\{ (\{.*\})\[\$parameter/.exec(subtitle)![1]) as Record<string, Record<string, string>>;
  const selectors = new SupportGateLedger().description.properties.filter((p) => p.name === 'operation');
  expect(selectors.length).toBe(6);
  for (const op of selectors) {
    const resource = op.displayOptions!.show!.resource![0] as string;
    for (const o of op.options as Array<{ value: string }>) expect(map[resource]?.[o.value]).toEqual(expect.any(String));
  }
});

test('Settings (JSON) shows an example with the sender authentication settings', () => {
  const settings = new SupportGateLedger().description.properties.find((p) => p.name === 'settings')!;
  const hint = settings.hint ?? '';
  const example = JSON.parse(/Example: (\{.*?\})\. /.exec(hint)![1]) as Record<string, unknown>;
  expect(example).toMatchObject({ senderAuthentication: 'require', confirmationExpiryHours: 72 });
  for (const word of ['"require" (default', '"flag"', '"off"', 'default 72']) expect(hint).toContain(word);
});
