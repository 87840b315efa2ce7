/**
 * workflows/process-mail-imap.json (the Gmail pipeline with IMAP nodes) and its callers imap-intake.json and
 * imap-reconcile.json, and stripe-payments-imap.json: no credentials, readable notes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface NodeJson {
  name: string;
  type: string;
  typeVersion: number;
  position: [number, number];
  parameters: Record<string, any>;
  credentials?: unknown;
  webhookId?: string;
}
interface Workflow {
  nodes: NodeJson[];
  connections: Record<string, { main: Array<Array<{ node: string }>> }>;
}
const load = (file: string) => JSON.parse(readFileSync(path.join(__dirname, '../../../workflows', file), 'utf8')) as Workflow;
const NODE_SIZE = 100;

describe.each(['process-mail-imap.json', 'imap-intake.json', 'imap-reconcile.json', 'stripe-payments-imap.json'])('%s', (file) => {
  const wf = load(file);

  test('carries no credentials: n8n asks for each one on import', () => {
    expect(wf.nodes.filter((n) => n.credentials).map((n) => n.name)).toEqual([]);
  });

  test('no Gmail node is left', () => {
    expect(wf.nodes.filter((n) => n.type.includes('gmail'))).toEqual([]);
  });

  test('sticky notes (EN and FR) overlap no node', () => {
    const stickies = wf.nodes.filter((n) => n.type === 'n8n-nodes-base.stickyNote');
    expect(stickies.map((s) => s.name).sort()).toEqual(['Sticky Note EN', 'Sticky Note FR']);
    for (const s of stickies) {
      const [x, y] = s.position;
      const { width, height } = s.parameters as { width: number; height: number };
      for (const n of wf.nodes.filter((o) => o.type !== 'n8n-nodes-base.stickyNote')) {
        const [nx, ny] = n.position;
        const overlaps = nx < x + width && nx + NODE_SIZE > x && ny < y + height && ny + NODE_SIZE > y;
        expect([s.name, n.name, overlaps]).toEqual([s.name, n.name, false]);
      }
    }
  });
});

test('process-mail-imap: every mark is a known SupportGate keyword', () => {
  const marks = load('process-mail-imap.json')
    .nodes.filter((n) => n.parameters.operation === 'setMark')
    .map((n) => n.parameters.mark)
    .sort();
  expect(marks).toEqual(['awaitingConfirmation', 'awaitingPayment', 'followUp', 'ignored', 'needsReview', 'notSupport', 'paid']);
});

test('imap-intake: the Email Trigger passes full messages (resolved), leaves them unread, hands them to the sub-workflow one by one', () => {
  const trigger = load('imap-intake.json').nodes.find((n) => n.type === 'n8n-nodes-base.emailReadImap')!;
  expect(trigger).toMatchObject({ typeVersion: 2.2, parameters: { format: 'resolved', postProcessAction: 'nothing', mailbox: 'INBOX' } });
  expect(load('imap-intake.json').connections[trigger.name].main[0][0].node).toBe('Each mail');
});

test('the IMAP sub-workflow mirrors the Gmail one: same nodes after the trigger, same branches', () => {
  const shape = (wf: Workflow, trigger: string) => {
    const rename = (name: string) => name.replace(/^Label /, 'Mark ');
    const nodes = wf.nodes
      .filter((n) => n.name !== trigger && n.type !== 'n8n-nodes-base.stickyNote')
      .map((n) => rename(n.name))
      .sort();
    const edges = Object.entries(wf.connections)
      .filter(([from]) => from !== trigger)
      .flatMap(([from, c]) => c.main.flatMap((out, i) => out.map((l) => `${rename(from)}#${i}->${rename(l.node)}`)))
      .sort();
    return { nodes, edges };
  };
  const trigger = 'When Executed by Another Workflow';
  expect(shape(load('process-mail-imap.json'), trigger)).toEqual(shape(load('process-mail.json'), trigger));
  expect(shape(load('process-mail.json'), trigger).nodes).toContain('Check Sender Credits');
});

test('stripe-payments-imap mirrors stripe-payments: same nodes and branches, IMAP/SMTP nodes instead of Gmail ones', () => {
  const rename = (name: string) => ({ 'From Gmail?': 'From IMAP?', 'Label Paid': 'Mark Paid' })[name] ?? name;
  const shape = (wf: Workflow) => ({
    nodes: wf.nodes
      .filter((n) => n.type !== 'n8n-nodes-base.stickyNote')
      .map((n) => `${rename(n.name)}:${n.type.replace('gmailSupportActions', 'imapSupportActions')}`)
      .sort(),
    edges: Object.entries(wf.connections)
      .flatMap(([from, c]) => c.main.flatMap((out, i) => out.map((l) => `${rename(from)}#${i}->${rename(l.node)}`)))
      .sort(),
  });
  const imap = load('stripe-payments-imap.json');
  expect(shape(imap)).toEqual(shape(load('stripe-payments.json')));
  const node = (name: string) => imap.nodes.find((n) => n.name === name)!;
  // The confirmation answers the opening mail (threaded by the composed reply's headers, claimed on its journal entry), found again by Message-ID.
  expect(node('Confirm payment in thread').parameters).toMatchObject({
    operation: 'replyInThread',
    emailField: 'email',
    replyField: 'reply',
  });
  expect(node('Mark Paid').parameters).toMatchObject({ operation: 'setMark', emailField: 'email', mark: 'paid' });
  expect(node('From IMAP?').parameters.conditions.conditions[0].leftValue).toBe('={{ $json.inImap }}');
  // Its own webhook: both templates imported side by side must not share the Stripe Trigger's path.
  expect(node('Stripe Trigger')).not.toMatchObject({
    webhookId: load('stripe-payments.json').nodes.find((n) => n.name === 'Stripe Trigger')!.webhookId,
  });
});
