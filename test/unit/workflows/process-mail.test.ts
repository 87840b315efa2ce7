// Issue 18: the intakes and sweeps carried the same ~17-node tail each. It now lives once per mail
// kind, in a sub-workflow ("SupportGate — process mail"); every caller hands it one mail at a time
// and waits for it, so a failure shows on the caller's execution.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface NodeJson {
  id: string;
  name: string;
  type: string;
  typeVersion: number;
  position: [number, number];
  parameters: Record<string, any>;
  alwaysOutputData?: boolean;
  onError?: string;
}
interface Workflow {
  id: string;
  name: string;
  nodes: NodeJson[];
  connections: Record<string, { main: Array<Array<{ node: string; index: number }>> }>;
  settings?: Record<string, unknown>;
}
const dir = path.resolve(__dirname, '../../../workflows');
const load = (file: string) => JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Workflow;
const links = (wf: Workflow, from: string) => (wf.connections[from]?.main ?? []).map((out) => out.map((l) => l.node));

const SUBS = {
  'process-mail.json': ['gmail-intake.json', 'gmail-reconcile.json'],
  'process-mail-imap.json': ['imap-intake.json', 'imap-reconcile.json'],
};
/** The node whose mail each caller hands over. */
const ENTRY: Record<string, string> = {
  'gmail-intake.json': 'Gmail Support Trigger',
  'gmail-reconcile.json': 'List Unlabeled Recent',
  'imap-intake.json': 'Email Trigger (IMAP)',
  'imap-reconcile.json': 'List Unmarked Recent',
};

test('every template id is unique (a caller names its sub-workflow by it)', () => {
  const ids = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => load(f).id);
  expect(new Set(ids).size).toBe(ids.length);
});

describe.each(Object.keys(SUBS))('%s', (file) => {
  const sub = load(file);

  test("starts with the Execute Workflow Trigger taking the caller's items as they are, into the gate", () => {
    const triggers = sub.nodes.filter((n) => n.type === 'n8n-nodes-base.executeWorkflowTrigger');
    expect(triggers).toEqual([
      expect.objectContaining({ name: 'When Executed by Another Workflow', typeVersion: 1.2, parameters: { inputSource: 'passthrough' } }),
    ]);
    expect(links(sub, triggers[0].name)).toEqual([['Check Sender Credits']]);
    expect(sub.nodes.filter((n) => n.type.endsWith('Trigger') && n.type !== 'n8n-nodes-base.executeWorkflowTrigger')).toEqual([]);
    expect(sub.settings).toMatchObject({ executionOrder: 'v1', callerPolicy: 'workflowsFromSameOwner' });
  });

  test.each(SUBS[file as keyof typeof SUBS])('%s hands it each mail, one sub-execution per mail, and waits for it', (callerFile) => {
    const caller = load(callerFile);
    const each = caller.nodes.find((n) => n.name === 'Each mail')!;
    const call = caller.nodes.find((n) => n.name === 'Process mail')!;
    expect(each).toMatchObject({ type: 'n8n-nodes-base.splitInBatches', typeVersion: 3, parameters: { batchSize: 1 } });
    expect(call).toMatchObject({
      type: 'n8n-nodes-base.executeWorkflow',
      typeVersion: 1.4,
      alwaysOutputData: true,
      parameters: {
        source: 'database',
        workflowId: { __rl: true, mode: 'list', value: sub.id, cachedResultName: sub.name },
        mode: 'once',
        options: { waitForSubWorkflow: true },
      },
    });
    expect(call.onError).toBeUndefined(); // a failed sub-execution fails the caller's
    expect(call.parameters).not.toHaveProperty('workflowInputs'); // the trigger accepts all data
    // Loop Over Items: output 0 "done" unwired, output 1 "loop" → the call → back for the next mail.
    expect(links(caller, 'Each mail')).toEqual([[], ['Process mail']]);
    expect(links(caller, 'Process mail')).toEqual([['Each mail']]);
    expect(links(caller, ENTRY[callerFile])).toEqual([['Each mail']]);
    const sources = Object.entries(caller.connections)
      .filter(([, c]) => c.main.some((out) => out.some((l) => l.node === 'Each mail')))
      .map(([from]) => from);
    expect(sources.sort()).toEqual([ENTRY[callerFile], 'Process mail'].sort());
    // Nothing of the tail is left in the caller: only what finds mail (our trigger, a sweep's listing).
    expect(
      caller.nodes.filter(
        (n) => n.type.startsWith('n8n-nodes-supportgate.') && !/^(List Un(labeled|marked) Recent|Gmail Support Trigger)$/.test(n.name),
      ),
    ).toEqual([]);
  });

  test('its notes tell a person to import and publish it first, and its callers to pick it', () => {
    const notes = (wf: Workflow) =>
      wf.nodes
        .filter((n) => n.type === 'n8n-nodes-base.stickyNote')
        .map((n) => String(n.parameters.content))
        .join('\n');
    expect(notes(sub)).toMatch(/publish/i);
    for (const callerFile of SUBS[file as keyof typeof SUBS]) {
      const text = notes(load(callerFile));
      expect(text).toContain(`\`${file}\``);
      expect(text).toContain(sub.name);
      expect(text).toMatch(/publish/i);
    }
  });
});
