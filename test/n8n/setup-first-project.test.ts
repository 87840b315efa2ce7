// Issue 19: workflows/setup-first-project.json creates the project, its support address and the
// first client; the person types a price of 80 and the ledger stores 8000 minor units. Run as
// shipped (only its manual trigger swapped for a webhook), against a SQLite ledger, twice.
import path from 'node:path';
import { openLedger } from '../../core/ledger';
import { n8n, readState } from './harness';
import { loadedNodeDescriptions } from './harness/node-types';
import { deploy, loadTemplate, outputOf, testCopy, type Deployed } from './e2e/template';

const ledgerPath = path.join(readState().ledgerDir, 'setup-first-project.sqlite');
let setup: Deployed;

beforeAll(async () => {
  const api = await n8n();
  const ledger = await api.createCredential('Ledger (setup first project)', 'supportGateLedgerApi', {
    store: 'sqlite',
    sqlitePath: ledgerPath,
  });
  setup = await deploy(
    api,
    testCopy(loadTemplate('setup-first-project.json'), {
      nodeTypes: loadedNodeDescriptions(),
      credentials: { supportGateLedgerApi: ledger },
      trigger: 'Run setup',
    }),
  );
});
afterAll(async () => setup && (await n8n()).deleteWorkflow(setup.id));

async function inLedger() {
  const store = await openLedger({ kind: 'sqlite', path: ledgerPath });
  try {
    const project = await store.getProject('my-agency-support');
    const account = project && (await store.resolveSender(project.id, 'first.client@client.example'));
    return {
      project: project && { name: project.name, priceMinor: project.priceMinor, currency: project.currency },
      addresses: project ? (await store.listRecipients(project.id)).map((r) => r.address) : [],
      recipient: await store.resolveRecipient('support@your-agency.example').then((r) => r?.projectId === project?.id),
      balance: account ? await store.balance(account.id) : null,
      grants: account ? (await store.history(account.id)).entries.filter((e) => e.kind === 'grant').length : null,
    };
  } finally {
    await store.close();
  }
}

test('a first run creates the project at 80.00 EUR, its support address and the first client with 3 credits', async () => {
  const execution = await setup.deliver([{}]);
  expect({ status: execution.status, error: execution.error?.message }).toEqual({ status: 'success', error: undefined });
  expect(outputOf(execution, 'Authorize first client')[0]).toMatchObject({ created: true, balance: 3 });
  expect(await inLedger()).toEqual({
    project: { name: 'my-agency-support', priceMinor: 8000, currency: 'EUR' },
    addresses: ['support@your-agency.example'],
    recipient: true,
    balance: 3,
    grants: 1,
  });
});

test('running it again keeps the project, the address and the balance (credits granted once)', async () => {
  const execution = await setup.deliver([{}]);
  expect({ status: execution.status, error: execution.error?.message }).toEqual({ status: 'success', error: undefined });
  expect(outputOf(execution, 'Create project', 1)[0]).toMatchObject({ description: expect.stringContaining('Code: duplicate') });
  expect(outputOf(execution, 'Authorize first client')[0]).toMatchObject({ created: false, balance: 3 });
  expect(await inLedger()).toEqual({
    project: { name: 'my-agency-support', priceMinor: 8000, currency: 'EUR' },
    addresses: ['support@your-agency.example'],
    recipient: true,
    balance: 3,
    grants: 1,
  });
});
