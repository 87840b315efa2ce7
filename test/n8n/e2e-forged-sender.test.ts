/**
 * A forged From of a paying client through workflows/gmail-intake.json in the real n8n, under the
 * default sender policy ("require"): nothing is charged, only the registered address is asked to
 * confirm, a forger's own "confirmation" confirms nothing, the client's reply with the code does.
 */
import { simpleParser, type AddressObject } from 'mailparser';
import { DEMO } from '../fixtures/demo/seed';
import type { DemoMail } from '../fixtures/demo/seed';
import { n8n } from './harness';
import { loadedNodeDescriptions } from './harness/node-types';
import { deploy, loadTemplate, outputOf, testCopy, type Deployed } from './e2e/template';
import { labelsOf, startWorld, type World } from './e2e/world';

let world: World;
let intake: Deployed;

const NO_DMARC =
  'Authentication-Results: mx.google.com; spf=softfail smtp.mailfrom=boulangerie-dupre.fr; dkim=none; dmarc=none header.from=boulangerie-dupre.fr';
const toOf = (a: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((x) => x.value.map((v) => v.address));
const debits = async () => (await world.store.history(world.demo.paid.id)).entries.filter((e) => e.kind === 'debit');

/** A Gmail Trigger item (Simplify off) like the client's first request, with its own ids and headers. */
function gmailItem(
  n: number,
  over: { subject: string; text: string; from?: string; inReplyTo?: string; references?: string[]; replyTo?: string; threadId?: string },
): DemoMail['item'] {
  const base = world.mails['01-fr-paid-request'].item as unknown as Record<string, unknown> & { headers: Record<string, string> };
  const messageId = `<forged-${n}-${Date.now()}@boulangerie-dupre.fr>`;
  const from = over.from ?? 'paul@boulangerie-dupre.fr';
  const headers: Record<string, string> = {
    ...base.headers,
    'authentication-results': NO_DMARC,
    from: `From: ${from}`,
    subject: `Subject: ${over.subject}`,
    'message-id': `Message-ID: ${messageId}`,
    ...(over.inReplyTo ? { 'in-reply-to': `In-Reply-To: ${over.inReplyTo}` } : {}),
    ...(over.references ? { references: `References: ${over.references.join(' ')}` } : {}),
    ...(over.replyTo ? { 'reply-to': `Reply-To: ${over.replyTo}` } : {}),
  };
  const id = `19f00000000000${String(n).padStart(2, '0')}`;
  const item = {
    ...base,
    id,
    threadId: over.threadId ?? id,
    headers,
    subject: over.subject,
    text: over.text,
    textAsHtml: undefined,
    messageId,
    from: { value: [{ address: from, name: '' }], text: from },
    ...(over.inReplyTo ? { inReplyTo: over.inReplyTo } : {}),
    ...(over.references ? { references: over.references.length === 1 ? over.references[0] : over.references } : {}),
    ...(over.replyTo ? { replyTo: { value: [{ address: over.replyTo, name: '' }], text: over.replyTo } } : {}),
  };
  const raw = `${Object.values(headers).join('\r\n')}\r\n\r\n${over.text}`;
  world.gmail.addMessage(raw, { id, threadId: item.threadId });
  return item as unknown as DemoMail['item'];
}

async function deliver(item: DemoMail['item']) {
  const execution = await intake.deliver([item]);
  expect({ status: execution.status, error: execution.error?.message }).toEqual({ status: 'success', error: undefined });
  return execution;
}

beforeAll(async () => {
  world = await startWorld('e2e-forged');
  intake = await deploy(
    await n8n(),
    testCopy(loadTemplate('gmail-intake.json'), {
      nodeTypes: loadedNodeDescriptions(),
      credentials: world.credentials,
      trigger: 'Gmail Support Trigger',
      gmailRootUrl: world.gmail.rootUrl,
    }),
  );
});
afterAll(() => world?.close());

test('a forged request is held uncharged; the confirmation goes to the registered address, not to the Reply-To', async () => {
  const forged = gmailItem(1, {
    subject: 'Changez le mot de passe admin',
    text: "Merci de changer le mot de passe administrateur du site et de me l'envoyer.",
    replyTo: 'eve@attacker.example',
  });
  const execution = await deliver(forged);
  const held = outputOf(execution, 'Debit Credit', 2)[0];
  expect(held).toMatchObject({
    route: 'needs_confirmation',
    outcome: 'held_for_confirmation',
    charged: false,
    ticket: { status: 'waiting_confirmation' },
  });
  expect(await debits()).toHaveLength(0);
  expect(await world.store.balance(world.demo.paid.id)).toBe(DEMO.paidClient.credits);

  expect(world.gmail.sent).toHaveLength(1);
  const confirm = await simpleParser(world.gmail.sent[0]!.mime);
  expect(toOf(confirm.to)).toEqual(['paul@boulangerie-dupre.fr']);
  expect(confirm.subject).toMatch(/\(SG-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}\)$/);
  expect(confirm.text).toMatch(/confirmer/);
  expect(labelsOf(world.gmail, forged.id)).toContain('SupportGate/Awaiting confirmation');

  // The forger, who never saw the code, "confirms" in the thread: nothing is charged.
  const guess = gmailItem(2, {
    subject: 'Re: Changez le mot de passe admin',
    text: 'Oui je confirme.',
    inReplyTo: forged.messageId,
    references: [forged.messageId],
    threadId: forged.threadId,
  });
  await deliver(guess);
  expect(await debits()).toHaveLength(0);
  expect((await world.store.findTicketByMessageId(world.demo.project.id, forged.messageId))!.status).toBe('waiting_confirmation');

  // The real client answers the confirmation mail (its subject keeps the code): charged once.
  const code = /\((SG-[A-Z2-9-]+)\)$/.exec(confirm.subject ?? '')![1];
  const sentMessageId = confirm.messageId ?? '<confirmation@agence-demo.fr>';
  const answer = gmailItem(3, {
    subject: `RE: ${confirm.subject}`,
    text: `Oui, c'est bien moi.\n\n> ${code}`,
    inReplyTo: sentMessageId,
    references: [forged.messageId, sentMessageId],
    threadId: forged.threadId,
  });
  const confirmed = await deliver(answer);
  expect(outputOf(confirmed, 'Debit Credit')[0]).toMatchObject({ route: 'debited', outcome: 'confirmed', charged: true, sendReply: true });
  expect(await debits()).toHaveLength(1);
  expect(await world.store.balance(world.demo.paid.id)).toBe(DEMO.paidClient.credits - 1);
  const ticket = await world.store.findTicketByMessageId(world.demo.project.id, forged.messageId);
  expect(ticket!.status).toBe('new');
  const opened = await simpleParser(world.gmail.sent.at(-2)!.mime);
  expect(opened.subject).toContain(`[SG-${ticket!.number}]`);

  // The same confirmation delivered again: still one debit, no second reply.
  const before = world.gmail.sent.length;
  await deliver(answer);
  expect(await debits()).toHaveLength(1);
  expect(world.gmail.sent.length).toBe(before);
  expect(await world.store.checkInvariants()).toEqual([]);
});
