/**
 * Issue 15, statements, in a real n8n: the Ledger node's Statement and List With Movements, and
 * workflows/monthly-statements.json sending each account's statement through the local Gmail
 * server once per month, however often it runs.
 */
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { openLedger, type Ledger } from '../../core/ledger';
import { accountStatement, previousMonth, statementCsv } from '../../core/staff';
import { GmailTestServer } from '../support/gmail-server';
import { parseCsv } from '../support/csv';
import { n8n, readState, runNode } from './harness';
import { deploy, loadTemplate, outputOf, testCopy } from './e2e/template';
import { loadedNodeDescriptions } from './harness/node-types';

const TOKEN = 'ya29.statements-token';
const PROJECT = 'acme-support';
const period = previousMonth(new Date());
const inPeriod = (day: number) => new Date(new Date(period.from).getTime() + day * 86_400_000 + 9 * 3_600_000);

let store: Ledger;
let gmail: GmailTestServer;
let credentials: Record<string, { id: string; name: string }>;
let anna: string;
let bob: string;

/** Ledger writes dated last month: only Date is faked, and only while the ledger writes. */
async function lastMonth<T>(day: number, fn: () => Promise<T>): Promise<T> {
  jest.useFakeTimers({
    doNotFake: [
      'nextTick',
      'setImmediate',
      'clearImmediate',
      'setTimeout',
      'clearTimeout',
      'setInterval',
      'clearInterval',
      'queueMicrotask',
      'hrtime',
      'performance',
    ],
  });
  jest.setSystemTime(inPeriod(day));
  try {
    return await fn();
  } finally {
    jest.useRealTimers();
  }
}

beforeAll(async () => {
  const ledgerPath = path.join(readState().ledgerDir, 'statements.sqlite');
  store = await openLedger({ kind: 'sqlite', path: ledgerPath });
  const project = await lastMonth(0, () =>
    store.createProject({ name: PROJECT, priceMinor: 8000, currency: 'EUR', settings: { defaultLanguage: 'fr' } }),
  );
  anna = (await lastMonth(1, () => store.authorizeSender(project.id, 'anna@client.test', { initialCredits: 3 }))).account.id;
  await lastMonth(2, async () => {
    const r = await store.openRequest({
      project: project.id,
      accountId: anna,
      messageId: '<stmt-1@client.test>',
      idempotencyKey: `msg:${project.id}:<stmt-1@client.test>`,
      subject: 'Formulaire <cassé> & "urgent"',
      subjectFingerprint: '',
      bodySignature: '',
      actor: 'supportgate',
    });
    expect(r.outcome).toBe('debited');
  });
  bob = (await lastMonth(3, () => store.authorizeSender(project.id, 'bob@other.test', { initialCredits: 1 }))).account.id;
  // An account with no movement last month gets no statement.
  await store.authorizeSender(project.id, 'carol@idle.test', { initialCredits: 2 });

  gmail = await new GmailTestServer({ accessToken: TOKEN }).start();
  gmail.me = 'support@agency.test';
  const api = await n8n();
  credentials = {
    supportGateLedgerApi: await api.createCredential('Ledger statements', 'supportGateLedgerApi', {
      store: 'sqlite',
      sqlitePath: ledgerPath,
    }),
    gmailOAuth2: await api.createCredential('Gmail statements', 'gmailOAuth2', {
      clientId: 'cid.apps.googleusercontent.com',
      clientSecret: 'secret',
      oauthTokenData: {
        access_token: TOKEN,
        refresh_token: '1//refresh',
        token_type: 'Bearer',
        expires_in: 3599,
        scope: 'https://www.googleapis.com/auth/gmail.modify',
      },
    }),
  };
});
afterAll(async () => {
  await store?.close();
  await gmail?.stop();
});

const ledgerNode = (parameters: Record<string, unknown>, continueOnFail = false) => ({
  type: 'supportGateLedger',
  parameters,
  credentials: { supportGateLedgerApi: credentials.supportGateLedgerApi },
  continueOnFail,
});

test('Statement: JSON, the French mail and the CSV binary of last month; a bad item fails alone', async () => {
  const { outputs } = await runNode(
    ledgerNode(
      {
        resource: 'credits',
        operation: 'statement',
        project: PROJECT,
        accountBy: 'sender',
        sender: '={{ $json.sender }}',
        period: 'previousMonth',
      },
      true,
    ),
    [{ sender: 'ANNA@client.test' }, { sender: 'ghost@nowhere.test' }],
  );
  const [done] = outputs[0]!;
  expect(done!.json).toMatchObject({
    account: { id: anna },
    period: { from: period.from, to: period.to, month: period.month },
    openingBalance: 0,
    closingBalance: 2,
    totals: { grants: { count: 1, credits: 3 }, debits: { count: 1, credits: -1 } },
    sendTo: 'anna@client.test',
    mail: { language: 'fr' },
  });
  const mail = done!.json.mail as { subject: string; text: string; html: string };
  expect(mail.subject).toMatch(/^Relevé du support acme-support : /);
  expect(mail.text).toContain('[SG-1] Formulaire <cassé> & "urgent"');
  expect(mail.html).toContain('[SG-1] Formulaire &lt;cassé&gt; &amp; &quot;urgent&quot;');
  const csv = done!.binary!.data as { mimeType: string; fileName: string; data?: string };
  expect(csv).toMatchObject({ mimeType: 'text/csv', fileName: `statement-${anna}-${period.month}.csv` });
  // n8n keeps binary data on disk ("filesystem-v2"): the CSV is the one the core writes for this statement.
  const expected = statementCsv(await accountStatement(store, { project: PROJECT, accountId: anna, month: period.month! }));
  expect(parseCsv(expected)).toHaveLength(5);
  expect(Number((csv as { bytes?: number }).bytes)).toBe(Buffer.byteLength(expected));
  // continue-on-fail: the unknown sender goes to Failed naming the field, the first item is unaffected.
  expect(outputs[1]).toHaveLength(1);
  expect(outputs[1]![0]!.json).toMatchObject({ sender: 'ghost@nowhere.test', error: expect.stringContaining('not an authorized client') });
  expect(String(outputs[1]![0]!.json.description)).toContain('Field: sender.');
});

test('List With Movements: the accounts that moved last month; a month left empty is refused naming it', async () => {
  const { outputs } = await runNode(
    ledgerNode({ resource: 'account', operation: 'listWithMovements', project: PROJECT, period: 'previousMonth' }),
    [{}],
  );
  expect(outputs[0]!.map((i) => i.json.accountId)).toEqual([anna, bob]);
  const bad = await runNode(
    ledgerNode({ resource: 'account', operation: 'listWithMovements', project: PROJECT, period: 'month', month: '' }, true),
    [{}],
  );
  expect(String(bad.outputs[1]![0]!.json.description)).toContain('Field: month.');
});

test('monthly-statements.json sends one statement per account with movements, once however often it runs', async () => {
  const flow = await deploy(
    await n8n(),
    testCopy(loadTemplate('monthly-statements.json'), {
      nodeTypes: loadedNodeDescriptions(),
      credentials,
      trigger: 'First day of the month, 08:00',
      gmailRootUrl: gmail.rootUrl,
    }),
  );
  const first = await flow.deliver([{}]);
  expect(first.status).toBe('success');
  expect(outputOf(first, 'Statement').map((i) => [i.account.id, i.statementKey])).toEqual([
    [anna, `statement:${anna}:${period.month}`],
    [bob, `statement:${bob}:${period.month}`],
  ]);
  const sent = await Promise.all(gmail.sent.map((s) => simpleParser(s.mime)));
  expect(sent.map((m) => (m.to as { text: string }).text).sort()).toEqual(['anna@client.test', 'bob@other.test']);
  const toAnna = sent.find((m) => (m.to as { text: string }).text === 'anna@client.test')!;
  expect(toAnna.subject).toMatch(/^Relevé du support acme-support : /);
  expect(toAnna.text).toContain("Solde d'ouverture : 0 crédit");
  expect(toAnna.text).toContain('Solde de clôture : 2 crédits');
  expect(toAnna.html).toContain('Formulaire &lt;cassé&gt;');

  // The schedule fires again (a restart, a double trigger): nothing more is sent.
  const second = await flow.deliver([{}]);
  expect(second.status).toBe('success');
  expect(outputOf(second, 'Send statement').map((i) => i.skipped)).toEqual([
    expect.stringContaining('already done'),
    expect.stringContaining('already done'),
  ]);
  expect(gmail.sent).toHaveLength(2);
});
