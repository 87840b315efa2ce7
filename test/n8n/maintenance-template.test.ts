// workflows/maintenance.json as shipped (only its schedule swapped for a webhook), in a real n8n
// against a SQLite ledger with two projects: one run expires the unconfirmed request, the old
// credits and the old mail data of each project; a second run finds nothing left to do.
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import { openLedger, type Ledger } from '../../core/ledger';
import { requestKey } from '../../core/tickets';
import { n8n, readState } from './harness';
import { loadedNodeDescriptions } from './harness/node-types';
import { deploy, loadTemplate, outputOf, testCopy, type Deployed } from './e2e/template';

const ledgerPath = path.join(readState().ledgerDir, `maintenance-template-${randomUUID()}.sqlite`);
let workflow: Deployed;
let store: Ledger;
const raw = (sql: string) => {
  const db = new DatabaseSync(ledgerPath);
  try {
    db.exec('PRAGMA busy_timeout = 15000');
    db.exec(sql);
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  const api = await n8n();
  const ledger = await api.createCredential('Ledger (maintenance template)', 'supportGateLedgerApi', {
    store: 'sqlite',
    sqlitePath: ledgerPath,
  });
  workflow = await deploy(
    api,
    testCopy(loadTemplate('maintenance.json'), {
      nodeTypes: loadedNodeDescriptions(),
      credentials: { supportGateLedgerApi: ledger },
      trigger: 'Every day at 03:00',
    }),
  );
  store = await openLedger({ kind: 'sqlite', path: ledgerPath });
});
afterAll(async () => {
  await store?.close();
  if (workflow) await (await n8n()).deleteWorkflow(workflow.id);
});

test('one nightly run sweeps every project; the next finds nothing left', async () => {
  const a = await store.createProject({ name: 'agency-a', settings: { creditExpiryMonths: 12, confirmationExpiryHours: 0.0001 } });
  await store.createProject({ name: 'agency-b' }); // defaults: no expiry, 24 months of mail
  const { account } = await store.authorizeSender(a.id, 'jane@client.test');
  raw(`INSERT INTO journal (id, project_id, account_id, seq, kind, credits, balance_after, idempotency_key, actor, note, created_at)
       VALUES ('lot-2024', '${a.id}', '${account.id}', 1, 'grant', 5, 5, 'old-pack', 'staff', 'pack', '2024-01-15T09:00:00.000Z');
       UPDATE accounts SET balance = 5, entries = 1 WHERE id = '${account.id}';`);
  const opened = await store.openRequest({
    project: a.id,
    accountId: account.id,
    messageId: '<old-request@client.test>',
    idempotencyKey: requestKey(a.id, '<old-request@client.test>'),
    subject: 'Old request',
    sender: 'jane@client.test',
    subjectFingerprint: '',
    bodySignature: '',
    actor: 'test',
  });
  await store.setTicketStatus(opened.ticket!.id, 'closed', 'staff');
  raw(`UPDATE ticket_status_history SET created_at = '2023-06-01T00:00:00.000Z' WHERE ticket_id = '${opened.ticket!.id}'`);
  const held = await store.holdForConfirmation({
    project: a.id,
    accountId: account.id,
    messageId: '<held@client.test>',
    subject: 'Unconfirmed',
    sender: 'jane@client.test',
    actor: 'test',
    confirmationCode: 'ABCD-EFGH-JKMN',
  });
  await new Promise((r) => setTimeout(r, 600)); // past the 0.36 s confirmation expiry

  const first = await workflow.deliver([{}]);
  expect({ status: first.status, error: first.error?.message }).toEqual({ status: 'success', error: undefined });
  const byProject = (node: string) => Object.fromEntries(outputOf(first, node).map((r) => [r.project, r]));
  expect(byProject('Expire Credits')).toMatchObject({
    'agency-a': { enabled: true, lots: 1, credits: 4 }, // 5 less the old request's debit
    'agency-b': { enabled: false, lots: 0 },
  });
  expect(byProject('Purge Old Mail Data')).toMatchObject({
    'agency-a': { enabled: true, months: 24, tickets: 1 },
    'agency-b': { enabled: true, tickets: 0 },
  });
  expect(outputOf(first, 'Expire Unconfirmed').map((t) => [t.id, t.status])).toEqual([[held.ticket.id, 'closed']]);
  expect(await store.balance(account.id)).toBe(0);
  expect(await store.getTicket(opened.ticket!.id)).toMatchObject({ subject: '', sender: null, messageId: null });

  const second = await workflow.deliver([{}]);
  expect(second.status).toBe('success');
  expect(outputOf(second, 'Expire Credits').map((r) => r.lots)).toEqual([0, 0]);
  expect(outputOf(second, 'Purge Old Mail Data').map((r) => r.tickets)).toEqual([0, 0]);
  expect(await store.checkInvariants()).toEqual([]);
});
