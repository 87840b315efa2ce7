/**
 * Issue 12: a mail charged whose reply never went out (Gmail failed the send, or n8n lost the
 * execution after the debit) is answered by the sweep, exactly once, and never charged again:
 * the intake journal remembers that no run sent its reply. Without the journal the sweep sees an
 * "already debited" mail and answers nothing: the client paid and never heard back.
 */
import { simpleParser, type AddressObject } from 'mailparser';
import { DEMO } from '../fixtures/demo/seed';
import { n8n } from './harness';
import { deploy, loadTemplate, outputOf, testCopy, type Deployed } from './e2e/template';
import { labelsOf, startWorld, SUPPORT_ANSWER, type World } from './e2e/world';
import { loadedNodeDescriptions } from './harness/node-types';

let world: World;
let intake: Deployed;
let sweep: Deployed;

const debits = async () => (await world.store.history(world.demo.paid.id)).entries.filter((e) => e.kind === 'debit');
const toOf = (a: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((x) => x.value.map((v) => v.address));
const repliesTo = async (address: string) =>
  (await Promise.all(world.gmail.sent.map((s) => simpleParser(s.mime)))).filter((m) => toOf(m.to).includes(address));

beforeAll(async () => {
  world = await startWorld('e2e-lost-reply');
  const bind = (template: string, trigger: string) =>
    testCopy(loadTemplate(template), {
      nodeTypes: loadedNodeDescriptions(),
      credentials: world.credentials,
      trigger,
      gmailRootUrl: world.gmail.rootUrl,
    });
  intake = await deploy(await n8n(), bind('gmail-intake.json', 'Gmail Support Trigger'));
  sweep = await deploy(await n8n(), bind('gmail-reconcile.json', 'Every 30 minutes'));
});
afterAll(() => world?.close());

test('the reply Gmail refused after the debit is sent by the sweep, once; nothing is charged twice', async () => {
  const mail = world.mails['01-fr-paid-request'];
  world.gmail.failSends = 1;
  const failed = await intake.deliver([mail.item], { failed: 'allowed' });
  expect(failed.status).toBe('error');
  expect(await debits()).toHaveLength(1);
  expect(await repliesTo(DEMO.paidClient.sender)).toHaveLength(0);
  expect(labelsOf(world.gmail, mail.item.id)).not.toContain('SupportGate/Paid');
  const entry = await world.store.getIntakeEntry({ mailbox: `gmail:${world.demo.project.id}`, messageId: mail.item.messageId });
  expect(entry).toMatchObject({ state: 'decided', route: 'debited', attempts: 1 });
  // The refused send gave its claim back: the next run may answer.
  expect((await world.store.listIntakeEffects(entry!.id)).map((e) => e.effect)).not.toContain('reply');

  world.openai.script(SUPPORT_ANSWER);
  const swept = await sweep.deliver([{ timestamp: new Date().toISOString() }]);
  expect({ status: swept.status, error: swept.error?.message }).toEqual({ status: 'success', error: undefined });
  expect(outputOf(swept, 'Debit Credit')[0]).toMatchObject({ outcome: 'already_debited', charged: false, sendReply: true });
  const [reply, ...more] = await repliesTo(DEMO.paidClient.sender);
  expect(more).toHaveLength(0);
  expect(reply.subject).toBe('Re: [SG-1] Le formulaire de contact ne fonctionne plus');
  expect(reply.inReplyTo).toBe(mail.item.messageId);
  expect(await debits()).toHaveLength(1);
  expect(labelsOf(world.gmail, mail.item.id)).toContain('SupportGate/Paid');
  expect(await world.store.getIntakeEntry(entry!.id)).toMatchObject({ state: 'done', attempts: 2 });

  // Delivered once more (a Gmail Trigger duplicate): the journal knows it was answered.
  const again = await intake.deliver([mail.item]);
  expect(outputOf(again, 'Debit Credit')[0]).toMatchObject({ outcome: 'already_debited', sendReply: false });
  expect(await repliesTo(DEMO.paidClient.sender)).toHaveLength(1);
  expect(await debits()).toHaveLength(1);
  expect(await world.store.checkInvariants()).toEqual([]);
});
