/**
 * An unpaid client, end to end through both shipped templates in the real n8n: the intake holds
 * the ticket and replies with a Stripe link; the Stripe event (local Stripe server) then goes through
 * workflows/stripe-payments.json: credit bought, held ticket released, client and staff told.
 */
import { simpleParser, type AddressObject } from 'mailparser';
import { DEMO } from '../fixtures/demo/seed';
import { n8n } from './harness';
import { deploy, loadTemplate, outputOf, ran, testCopy, type Deployed } from './e2e/template';
import { labelsOf, startWorld, type World } from './e2e/world';
import { loadedNodeDescriptions } from './harness/node-types';

let world: World;
let intake: Deployed;
let payments: Deployed;

const toOf = (a: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((x) => x.value.map((v) => v.address));
const parsedSince = (n: number) => Promise.all(world.gmail.sent.slice(n).map((s) => simpleParser(s.mime)));
const succeeded = <T extends { status: string; error?: { message: string } }>(e: T) => {
  expect({ status: e.status, error: e.error?.message }).toEqual({ status: 'success', error: undefined });
  return e;
};

beforeAll(async () => {
  world = await startWorld('e2e-stripe');
  const api = await n8n();
  const a = testCopy(loadTemplate('gmail-intake.json'), {
    nodeTypes: loadedNodeDescriptions(),
    credentials: world.credentials,
    trigger: 'Gmail Support Trigger',
    gmailRootUrl: world.gmail.rootUrl,
  });
  intake = await deploy(api, a);
  const b = testCopy(loadTemplate('stripe-payments.json'), {
    nodeTypes: loadedNodeDescriptions(),
    credentials: world.credentials,
    trigger: 'Stripe Trigger',
    gmailRootUrl: world.gmail.rootUrl,
  });
  payments = await deploy(api, b);
});
afterAll(() => world?.close());

test('unpaid sender → held ticket and link → Stripe event → credit → ticket released, client and staff told', async () => {
  const mail = world.mails['02-en-unpaid-request'];
  const { unpaid, project } = world.demo;

  // 1. The request: no credit, so the ticket is held and the client gets a payment link in the thread.
  const first = succeeded(await intake.deliver([mail.item]));
  const held = await world.store.findTicketByMessageId(project.id, mail.item.messageId);
  expect(held).toMatchObject({ status: 'waiting_payment', accountId: unpaid.id });
  expect(await world.store.balance(unpaid.id)).toBe(0);
  expect(world.stripe.count('POST', '/v1/checkout/sessions')).toBe(1);
  const [linked] = outputOf(first, 'Create Payment Link');
  const { url, sessionId } = linked.payment as { url: string; sessionId: string };
  expect(url).toMatch(/^https?:\/\//);

  const [linkMail, ...others] = await parsedSince(0);
  expect(others).toHaveLength(0);
  expect(world.gmail.sent[0].message.threadId).toBe(mail.item.threadId);
  expect(toOf(linkMail.to)).toEqual([DEMO.unpaidClient.sender]);
  expect(linkMail.subject).toBe(`Re: [SG-${held!.number}] Checkout page returns an error 500`);
  expect(linkMail.inReplyTo).toBe(mail.item.messageId);
  expect(linkMail.text).toContain(url);
  expect(linkMail.text).toContain('45.00');
  expect(labelsOf(world.gmail, mail.item.id)).toEqual(['INBOX', 'SupportGate/Awaiting payment', 'UNREAD']);

  // 2. The same mail again (a second delivery): same held ticket, same link, no second mail.
  const again = succeeded(await intake.deliver([mail.item]));
  expect(outputOf(again, 'Create Payment Link')[0]).toMatchObject({ sendReply: false, payment: { sessionId, reused: true } });
  expect(world.gmail.sent).toHaveLength(1);
  expect(world.stripe.count('POST', '/v1/checkout/sessions')).toBe(1);

  // 3. The client pays: Stripe sends checkout.session.completed. Gmail refuses the confirmation once:
  // the money part is done, staff were told (their branch runs first), the run fails.
  const event = world.stripe.event('checkout.session.completed', world.stripe.pay(sessionId).session);
  world.gmail.failSendsTo = { address: DEMO.unpaidClient.sender.toLowerCase(), times: 1 };
  const paid = await payments.deliver([event as unknown as Record<string, unknown>], { failed: 'allowed' });
  expect({ status: paid.status, node: paid.error?.node?.name }).toEqual({ status: 'error', node: 'Confirm payment in thread' });
  expect(ran(paid)).toContain('Notify staff: paid');
  expect(await parsedSince(1)).toHaveLength(1);
  expect(outputOf(paid, 'Process Stripe Payment')[0]).toMatchObject({
    kind: 'paid',
    firstTime: true,
    credits: 1,
    balance: 0,
    releasedTicket: { id: held!.id, status: 'new' },
    sendReply: false,
    stillHeld: [],
    releasedTickets: [
      {
        ticketId: held!.id,
        releasedNow: true,
        inGmail: true,
        sendReply: true,
        providerMessageId: mail.item.id,
        threadId: mail.item.threadId,
      },
    ],
  });
  expect(held).toMatchObject({ providerMessageId: mail.item.id, threadId: mail.item.threadId });
  expect(await world.store.getTicket(held!.id)).toMatchObject({ status: 'new' });
  const kinds = (await world.store.history(unpaid.id)).entries.map((e) => [e.kind, e.credits]);
  expect(kinds).toEqual([
    ['debit', -1],
    ['purchase', 1],
  ]);
  expect(await world.store.balance(unpaid.id)).toBe(0);

  // The event replayed (Stripe's retry, or staff from the dashboard): the confirmation's claim was
  // given back by the refused send, so it goes now, in the client's thread; staff are not told twice.
  const replay = succeeded(await payments.deliver([event as unknown as Record<string, unknown>]));
  expect(outputOf(replay, 'Process Stripe Payment')[0]).toMatchObject({
    firstTime: false,
    releasedTickets: [{ ticketId: held!.id, releasedNow: false, sendReply: true }],
  });
  const after = await parsedSince(1);
  expect(after).toHaveLength(2);
  const staff = after.find((m) => toOf(m.to).includes(DEMO.staff))!;
  const confirmation = after.find((m) => toOf(m.to).includes(DEMO.unpaidClient.sender))!;
  expect(staff.subject).toBe(`[SupportGate] Payment received: 1 credit(s), €45.00 — released [SG-${held!.number}]`);
  expect(confirmation.subject).toBe(`Re: [SG-${held!.number}] Checkout page returns an error 500`);
  expect(confirmation.inReplyTo).toBe(mail.item.messageId);
  expect(confirmation.headers.get('auto-submitted')).toBe('auto-replied');
  expect(confirmation.text).toContain(`[SG-${held!.number}]`);
  expect(confirmation.text).toContain('Your balance: 0 credits left.'); // the credit bought went to the released ticket
  expect(world.gmail.sent[1 + after.indexOf(confirmation)].message.threadId).toBe(mail.item.threadId);
  expect(labelsOf(world.gmail, mail.item.id)).toEqual(['INBOX', 'SupportGate/Paid', 'UNREAD']);

  // 4. Stripe retries the event again: nothing moves, nobody is mailed again (the claim is done).
  const third = succeeded(await payments.deliver([event as unknown as Record<string, unknown>]));
  expect(outputOf(third, 'Confirm payment in thread')[0]).toMatchObject({
    skipped: expect.stringMatching(/confirmation_mail already done/),
  });
  expect(world.gmail.sent).toHaveLength(3);
  expect((await world.store.history(unpaid.id)).entries).toHaveLength(2);
  expect(await world.store.checkInvariants()).toEqual([]);
});

test('an event of another kind is ignored without mail', async () => {
  const before = world.gmail.sent.length;
  const other = world.stripe.event('customer.created' as never, { id: 'cus_123', object: 'customer' });
  const execution = succeeded(await payments.deliver([other as unknown as Record<string, unknown>]));
  expect(outputOf(execution, 'Process Stripe Payment', 3)).toHaveLength(1);
  expect(world.gmail.sent.length).toBe(before);
});
