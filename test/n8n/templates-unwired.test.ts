// Issue 19: the templates shipped placeholder credential ids, so n8n flagged nothing and
// published the Gmail intake "working", then logged "… 'undefined'" every minute. They now ship
// with every slot unset: n8n itself must refuse to publish each one, naming every node and the
// credential it still needs.
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../scripts/n8n/paths';
import { credentialSlots } from '../../scripts/n8n/credential-slots';
import { n8n, type WorkflowJson } from './harness';
import { loadedNodeDescriptions } from './harness/node-types';
import { loadTemplate, testCopy } from './e2e/template';

const files = readdirSync(path.join(repoRoot, 'workflows')).filter((f) => f.endsWith('.json'));

/** node name → credential types, from n8n's "Cannot publish workflow" message. */
function missingIn(message: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const block of message.split(/\n(?=Node ")/)) {
    const node = /^Node "(.+)":/m.exec(block)?.[1];
    if (!node) continue;
    const types = [...block.matchAll(/Missing required credential: (\S+)/g)].map((m) => m[1]);
    if (types.length) out[node] = types.sort();
  }
  return out;
}

/** What an unwired workflow should be refused for: every node's required slots, by n8n's node types. */
function requiredSlots(workflow: WorkflowJson): Record<string, string[]> {
  const types = loadedNodeDescriptions();
  const out: Record<string, string[]> = {};
  for (const node of workflow.nodes as Array<{ name: string; type: string; typeVersion: number; parameters: Record<string, unknown> }>) {
    const required = credentialSlots(node, types)
      .filter((s) => s.required)
      .map((s) => s.type);
    if (required.length) out[node.name] = required.sort();
  }
  return out;
}

test('every shipped workflow is checked, the setup workflow included', () => {
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
      'setup-first-project.json',
    ]),
  );
});

test.each(files)('%s ships no credential, and n8n refuses to publish it naming each unset one', async (file) => {
  let workflow = loadTemplate(file);
  expect(workflow.nodes.filter((n) => n.credentials).map((n) => n.name)).toEqual([]);
  // A manual trigger is never published: the setup workflow is tried behind a webhook instead.
  const manual = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger');
  if (manual)
    workflow = testCopy(workflow, {
      nodeTypes: loadedNodeDescriptions(),
      credentials: { supportGateLedgerApi: null },
      trigger: manual.name as string,
    }).workflow;
  const expected = requiredSlots(workflow);
  expect(Object.keys(expected).length).toBeGreaterThan(0);

  // Own webhook paths: another test file may have the same template published at this moment, and
  // n8n answers a path conflict (409) before it looks at credentials.
  const suffix = randomUUID().slice(0, 8);
  workflow = {
    ...workflow,
    nodes: workflow.nodes.map((n) =>
      n.type === 'n8n-nodes-base.webhook'
        ? {
            ...n,
            webhookId: randomUUID(),
            parameters: {
              ...(n.parameters as Record<string, unknown>),
              path: `${String((n.parameters as Record<string, unknown>).path)}-${suffix}`,
            },
          }
        : n,
    ),
  };
  const api = await n8n();
  const { id: _fixedId, ...rest } = workflow;
  const { id, versionId } = await api.createWorkflow({ ...rest, name: `${workflow.name} (unwired)` } as WorkflowJson);
  try {
    const answer = await api.tryActivate(id, versionId);
    expect(answer.status).toBe(400);
    expect(answer.message).toMatch(/^Cannot publish workflow/);
    expect(missingIn(answer.message)).toEqual(expected);
  } finally {
    await api.deleteWorkflow(id);
  }
});
