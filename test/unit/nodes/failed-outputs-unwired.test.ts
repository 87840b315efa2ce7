import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { INodeType } from 'n8n-workflow';
import { CheckSenderCredits } from '../../../nodes/CheckSenderCredits/CheckSenderCredits.node';
import { CreatePaymentLink } from '../../../nodes/CreatePaymentLink/CreatePaymentLink.node';
import { DebitCredit } from '../../../nodes/DebitCredit/DebitCredit.node';
import { GmailSupportActions } from '../../../nodes/GmailSupportActions/GmailSupportActions.node';
import { ImapSupportActions } from '../../../nodes/ImapSupportActions/ImapSupportActions.node';
import { OutlookSupportActions } from '../../../nodes/OutlookSupportActions/OutlookSupportActions.node';
import { SupportGateLedger } from '../../../nodes/SupportGateLedger/SupportGateLedger.node';
import { FAILED_OUTPUT } from '../../../nodes/shared/item-loop';

// The shipped mail templates leave every Failed output unwired: a failed item must reach no reply,
// no payment link and no label (an unlabelled mail is driven again by the reconcile sweep). The
// one-off setup workflow is the exception: its "project already exists" failure goes to a check.
const SETUP = 'setup-first-project.json';
const NODES: INodeType[] = [
  new CheckSenderCredits(),
  new CreatePaymentLink(),
  new DebitCredit(),
  new GmailSupportActions(),
  new ImapSupportActions(),
  new OutlookSupportActions(),
  new SupportGateLedger(),
];
const FAILED_INDEX = new Map(
  NODES.map((n) => [`n8n-nodes-supportgate.${n.description.name}`, (n.description.outputNames ?? []).indexOf(FAILED_OUTPUT)]),
);
const WORKFLOWS = path.join(__dirname, '../../../workflows');

interface Workflow {
  nodes: Array<{ name: string; type: string; parameters?: unknown }>;
  connections: Record<string, { main?: unknown[][] }>;
}

test('every node that sends mail or moves money has a Failed output, last', () => {
  for (const n of NODES) expect([n.description.name, n.description.outputNames?.at(-1)]).toEqual([n.description.name, FAILED_OUTPUT]);
});

test.each(readdirSync(WORKFLOWS).filter((f) => f.endsWith('.json') && f !== SETUP))('%s wires no Failed output', (file) => {
  const wf = JSON.parse(readFileSync(path.join(WORKFLOWS, file), 'utf8')) as Workflow;
  for (const node of wf.nodes) {
    const failed = FAILED_INDEX.get(node.type);
    if (failed === undefined) continue;
    const wired = wf.connections[node.name]?.main?.[failed] ?? [];
    expect([node.name, wired]).toEqual([node.name, []]);
  }
});

test(`${SETUP}: a failed project creation reaches only the check that tells "already exists" from a real failure`, () => {
  const wf = JSON.parse(readFileSync(path.join(WORKFLOWS, SETUP), 'utf8')) as Workflow;
  const create = wf.nodes.find((n) => n.name === 'Create project')!;
  const wired = (wf.connections['Create project']?.main?.[FAILED_INDEX.get(create.type)!] ?? []) as Array<{ node: string }>;
  expect(wired.map((c) => c.node)).toEqual(['Project ready?']);
  expect(JSON.stringify(wf.nodes.find((n) => n.name === 'Project ready?')!.parameters)).toContain('Code: duplicate');
});
