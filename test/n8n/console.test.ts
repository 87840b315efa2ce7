/**
 * The SupportGate Console in a real browser (Debian's Chromium through playwright-core) against
 * workflows/console.json in the real n8n of the test suite, the Credits API behind it, and the
 * Gmail intake (workflows/gmail-intake.json → process-mail.json) with the local Gmail, OpenAI and
 * Stripe servers, all on one empty SQLite ledger: what a person does from the first start.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { openLedger, type Ledger } from '../../core/ledger';
import { demoMails } from '../fixtures/demo/seed';
import { GmailTestServer } from '../support/gmail-server';
import { startOpenAIServer, type LocalOpenAI } from '../support/openai-server';
import { startStripeServer, type StripeTestServer } from '../support/stripe-server';
import { ConsoleSteps, launchChromium } from '../support/console-browser';
import { n8n, readState, type WorkflowJson } from './harness';
import { bindByType, loadedNodeDescriptions } from './harness/node-types';
import { deploy, loadTemplate, testCopy, type Deployed } from './e2e/template';
import { SUPPORT_ANSWER } from './e2e/world';

const KEY = 'console-browser-test-key-7d1f0a9c2b';
const XSS = '<script>alert(1)</script>';
const TOKEN = 'ya29.console-token';

let store: Ledger;
let gmail: GmailTestServer;
let openai: LocalOpenAI;
let stripe: StripeTestServer;
let intake: Deployed;
let browser: Browser;
let consoleWorkflowId: string;
let consoleUrl: string;
const dialogs: string[] = [];

const visible = (l: Locator) => l.first().waitFor({ state: 'visible', timeout: 15_000 });
/** Retries an assertion while the page catches up (a request in flight), up to 15 s. */
async function until(assertion: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      return await assertion();
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

async function newPage(): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'en-GB' })).newPage();
  // A confirm() the console asks is accepted; anything else (an alert from injected markup) is recorded.
  page.on('dialog', (d) => {
    if (d.type() !== 'confirm') dialogs.push(`${d.type()}: ${d.message()}`);
    void d.accept();
  });
  return page;
}

beforeAll(async () => {
  const ledgerPath = path.join(readState().ledgerDir, `console-browser-${Date.now()}.sqlite`);
  store = await openLedger({ kind: 'sqlite', path: ledgerPath });
  gmail = await new GmailTestServer({ accessToken: TOKEN }).start();
  gmail.me = 'support@agence-demo.fr';
  openai = await startOpenAIServer();
  openai.script(SUPPORT_ANSWER);
  stripe = await startStripeServer();
  const api = await n8n();
  const credentials = {
    supportGateLedgerApi: await api.createCredential('Ledger console', 'supportGateLedgerApi', { store: 'sqlite', sqlitePath: ledgerPath }),
    supportGateAddonApi: await api.createCredential('Console key', 'supportGateAddonApi', { apiKey: KEY }),
    gmailOAuth2: await api.createCredential('Gmail console', 'gmailOAuth2', {
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
    supportGateOpenAiApi: await api.createCredential('AI console', 'supportGateOpenAiApi', {
      apiKey: 'sk-local',
      baseUrl: openai.baseURL,
      model: 'local-model',
    }),
    supportGateStripeApi: await api.createCredential('Stripe console', 'supportGateStripeApi', {
      secretKey: 'sk_test_supportgate',
      apiBaseUrl: `http://127.0.0.1:${stripe.port}`,
    }),
  };
  // The console as shipped, with this run's ledger and key in its slots.
  const { id: _shippedId, ...template } = bindByType(loadTemplate('console.json'), {
    supportGateLedgerApi: credentials.supportGateLedgerApi,
    supportGateAddonApi: credentials.supportGateAddonApi,
  });
  const created = await api.createWorkflow(template as WorkflowJson);
  consoleWorkflowId = created.id;
  await api.activate(created.id, created.versionId);
  consoleUrl = `${readState().baseUrl}/webhook/supportgate/console`;
  // Webhooks register asynchronously after activation.
  const status = () =>
    fetch(consoleUrl).then(
      (r) => r.status,
      () => 0,
    );
  for (let i = 0; i < 100 && [0, 404].includes(await status()); i++) await new Promise((r) => setTimeout(r, 100));

  intake = await deploy(
    api,
    testCopy(loadTemplate('gmail-intake.json'), {
      nodeTypes: loadedNodeDescriptions(),
      credentials,
      trigger: 'Gmail Support Trigger',
      gmailRootUrl: gmail.rootUrl,
    }),
  );
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  const api = await n8n();
  if (consoleWorkflowId) {
    await api.rest('POST', `/rest/workflows/${consoleWorkflowId}/deactivate`, {}).catch(() => undefined);
    await api.deleteWorkflow(consoleWorkflowId);
  }
  await store?.close();
  await Promise.all([gmail?.stop(), openai?.close(), stripe?.stop()]);
});

test('the page: one HTML document, its policy by hash, nosniff and no-referrer', async () => {
  const res = await fetch(consoleUrl);
  if (res.status !== 200) console.log(JSON.stringify(await (await n8n()).lastExecution(consoleWorkflowId), null, 1).slice(0, 3000));
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  expect(res.headers.get('x-frame-options')).toBe('DENY');
  const html = await res.text();
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
  expect(meta).toMatch(/^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/=]+'; style-src 'sha256-[A-Za-z0-9+/=]+'; connect-src 'self'/);
  expect(meta).toContain("form-action 'none'");
  // Nothing loaded from elsewhere: no src/href to another origin.
  expect(html).not.toMatch(/\b(src|href)="(https?:)?\/\//);
});

test('empty ledger → first project → a client → a mail through the Gmail intake → its ticket → grant → status', async () => {
  const page = await newPage();
  const steps = new ConsoleSteps(page);
  await page.goto(consoleUrl);

  // A wrong key shows nothing but the key form again, saying which key to use.
  await steps.enterKey('not-the-key');
  await visible(page.getByText(/This key was refused/));
  expect(await page.locator('main').innerText()).not.toMatch(/first project|Clients/);

  await steps.enterKey(KEY);
  await visible(page.getByRole('heading', { name: 'Set up your first project' }));

  // Field by field: each message the API lists shows under the field it names, all at once.
  const errorOf = async (label: string) =>
    page.locator(`#${(await page.getByLabel(label).getAttribute('aria-describedby'))!.split(' ').pop()}`);
  await steps.firstProject({ name: 'Agence démo', supportAddress: 'not-an-address', price: '' });
  await until(async () => expect(await page.getByLabel('Support address(es)').getAttribute('aria-invalid')).toBe('true'));
  expect(await (await errorOf('Support address(es)')).innerText()).toMatch(/support@agency\.fr/);
  expect(await page.getByLabel('Project name').getAttribute('aria-invalid')).toBeNull();

  await steps.firstProject({ name: 'Agence démo', supportAddress: 'support@agence-demo.fr', price: 'eighty' });
  const price = page.getByLabel('Price per intervention');
  await until(async () => expect(await price.getAttribute('aria-invalid')).toBe('true'));
  expect(await (await errorOf('Price per intervention')).innerText()).toMatch(/^write an amount in EUR such as 80/);
  expect(await page.getByLabel('Support address(es)').getAttribute('aria-invalid')).toBeNull();
  expect(await store.listProjects()).toEqual([]);

  await steps.firstProject({ name: 'Agence démo', supportAddress: 'support@agence-demo.fr', price: '45' });
  await until(async () => expect(await page.getByRole('status').innerText()).toMatch(/support@agence-demo\.fr/));
  const [project] = await store.listProjects();
  expect(project).toMatchObject({ name: 'Agence démo', priceMinor: 4500, currency: 'EUR' });
  expect((await store.listRecipients(project.id)).map((r) => r.address)).toEqual(['support@agence-demo.fr']);

  // A whole domain with a hostile name and two credits to start with.
  await steps.authorize('boulangerie-dupre.fr', { name: `${XSS} Dupré`, credits: 2 });
  const row = page.getByRole('row', { name: /Dupré/ });
  await visible(row);
  expect(await row.innerText()).toContain(`${XSS} Dupré`);

  // A mail whose subject carries markup, through the shipped Gmail intake.
  const mail = demoMails().find((m) => m.name === '01-fr-paid-request')!;
  const subject = `${XSS} Le formulaire ne marche plus`;
  const raw = Buffer.from(mail.raw.toString('utf8').replace(/^Subject: .*$/m, `Subject: ${subject}`));
  gmail.addMessage(raw, { id: mail.item.id, threadId: mail.item.threadId });
  const execution = await intake.deliver([{ ...mail.item, subject }]);
  expect({ status: execution.status, error: execution.error?.message }).toEqual({ status: 'success', error: undefined });

  await steps.open(/^Tickets$/);
  const ticketRow = page.getByRole('row', { name: /SG-1/ });
  await visible(ticketRow);
  expect(await ticketRow.innerText()).toContain(subject);
  expect(await ticketRow.innerText()).toContain('Contact form broken.');

  await steps.open(/^Clients$/);
  await page.getByRole('button', { name: /Manage .*Dupré/ }).click();
  await page.getByLabel('Credits', { exact: true }).fill('5');
  await page.getByRole('button', { name: 'Grant', exact: true }).click();
  await until(async () => expect(await page.getByRole('status').innerText()).toMatch(/balance 6/));
  const account = (await store.listAccounts(project.id))[0];
  expect(await store.balance(account.id)).toBe(6);
  // The journal as a CSV file, downloaded from inside n8n's sandboxed page.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv.split('\n')[0]).toMatch(/kind/);
  expect(csv).toMatch(/grant.*5/);

  await steps.open(/^Tickets$/);
  await page.getByLabel('Change status of [SG-1]').selectOption('in_progress');
  await until(async () => expect(await page.getByRole('status').innerText()).toMatch(/\[SG-1\] → In progress/));
  const ticket = await store.findTicketByMessageId(project.id, mail.item.messageId);
  expect(ticket?.status).toBe('in_progress');

  // Removing the domain: its mail is no longer recognised, its journal stays.
  await steps.open(/^Clients$/);
  await page.getByRole('button', { name: /Manage .*Dupré/ }).click();
  await page.getByRole('button', { name: 'Remove @boulangerie-dupre.fr' }).click();
  await until(async () => expect(await page.getByRole('status').innerText()).toMatch(/@boulangerie-dupre\.fr is no longer recognised/));
  expect(await store.listDomains(account.id)).toEqual([]);
  expect(await store.balance(account.id)).toBe(6);

  // The markup stayed text everywhere: no script of it ran.
  expect(dialogs).toEqual([]);
  expect(await page.locator('script').count()).toBe(1);
  expect(await store.checkInvariants()).toEqual([]);
  await page.context().close();
});

test('a wrong key in a new session: the key form, no data on the page nor in the 401', async () => {
  const page = await newPage();
  await page.goto(consoleUrl);
  const responses: string[] = [];
  page.on('response', async (r) => {
    if (r.url().includes('/api/')) responses.push(`${r.status()} ${await r.text()}`);
  });
  await new ConsoleSteps(page).enterKey('wrong-key-wrong-key-wrong');
  await visible(page.getByText(/This key was refused/));
  // In French too, on the switch.
  await page.getByLabel('Language').selectOption('fr');
  await visible(page.getByText(/Cette clé a été refusée/));
  expect(await page.getByRole('heading', { level: 2 }).innerText()).toBe('Ouvrir la console');
  const text = await page.locator('body').innerText();
  expect(text).not.toMatch(/Agence démo|Dupré|SG-1|agence-demo/);
  expect(responses).toHaveLength(1);
  expect(responses[0]).toMatch(/^401 /);
  expect(responses[0]).not.toMatch(/Agence|Dupré|projects|balance/);
  await page.context().close();
});
