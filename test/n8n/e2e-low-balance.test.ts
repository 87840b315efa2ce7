/**
 * Issue 15: the client sees its balance run low. The debit that brings the account down to the
 * project's threshold (default 1 credit) sends one top-up offer in the client's thread, with a Stripe
 * link for the top-up pack; the debits after it, and a redelivery of the same mail, send none.
 */
import { simpleParser, type AddressObject } from 'mailparser';
import { DEMO } from '../fixtures/demo/seed';
import { n8n } from './harness';
import { deploy, loadTemplate, outputOf, ran, testCopy, type Deployed } from './e2e/template';
import { startWorld, type World } from './e2e/world';
import { loadedNodeDescriptions } from './harness/node-types';

let world: World;
let intake: Deployed;

const toOf = (a: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((x) => x.value.map((v) => v.address));
const clientMails = async () =>
  (await Promise.all(world.gmail.sent.map((s) => simpleParser(s.mime)))).filter((m) => toOf(m.to).includes(DEMO.paidClient.sender));

/** A new request of the paid client, in a thread of its own, as the Gmail Trigger gives it. */
function request(n: number, subject: string, text: string) {
  const base = world.mails['01-fr-paid-request'];
  const id = `19b000000000000${n}`;
  const messageId = `<low-balance-${n}@boulangerie-dupre.fr>`;
  const raw = base.raw
    .toString('utf8')
    .replace(/^Message-ID: .*$/im, `Message-ID: ${messageId}`)
    .replace(/^Subject: .*$/im, `Subject: ${subject}`);
  world.gmail.addMessage(raw, { id, threadId: id });
  const headers = {
    ...(base.item.headers as Record<string, string>),
    'message-id': `Message-ID: ${messageId}`,
    subject: `Subject: ${subject}`,
  };
  return { ...base.item, id, threadId: id, messageId, subject, text, textAsHtml: `<p>${text}</p>`, headers };
}

const deliver = async (item: Record<string, unknown>) => {
  const execution = await intake.deliver([item]);
  expect({ status: execution.status, error: execution.error?.message }).toEqual({ status: 'success', error: undefined });
  return execution;
};

beforeAll(async () => {
  world = await startWorld('e2e-low-balance');
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

test('one top-up offer when the balance reaches the threshold, none before, after, or on a redelivery', async () => {
  expect(DEMO.paidClient.credits).toBe(3);
  const first = await deliver(request(1, 'Export CSV vide', "Bonjour, l'export CSV de la boutique est vide depuis ce matin."));
  expect(outputOf(first, 'Debit Credit')[0]).toMatchObject({ balance: 2, lowBalance: null });
  expect(ran(first)).not.toContain('Top-up link');

  const crossing = request(
    2,
    'Images manquantes sur la page produit',
    'Bonjour, les images des produits ne s’affichent plus sur la page boutique.',
  );
  const second = await deliver(crossing);
  expect(outputOf(second, 'Debit Credit')[0]).toMatchObject({ balance: 1, lowBalance: { threshold: 1, balance: 1, topUpCredits: 1 } });
  const offers = (await clientMails()).filter((m) => /recharger/i.test(m.text ?? ''));
  expect(offers).toHaveLength(1);
  const [offer] = offers;
  expect(offer.subject).toBe('Re: Images manquantes sur la page produit');
  expect(offer.inReplyTo).toBe(crossing.messageId);
  expect(offer.text).toContain('1 crédit restant');
  const session = [...world.stripe.sessions.values()].at(-1)!;
  expect(offer.text).toContain(session.url!);
  expect(session.metadata).toMatchObject({ supportgate_account: world.demo.paid.id, supportgate_credits: '1' });
  expect(session.metadata).not.toHaveProperty('supportgate_ticket');
  expect(ran(second)).toEqual(expect.arrayContaining(['Reply: ticket opened', 'Top-up link', 'Reply: low balance', 'Label Paid']));

  const third = await deliver(
    request(3, 'Lien cassé dans le pied de page', 'Bonjour, le lien Mentions légales du pied de page mène à une erreur 404.'),
  );
  expect(outputOf(third, 'Debit Credit')[0]).toMatchObject({ balance: 0, lowBalance: null });
  await deliver(crossing);
  expect((await clientMails()).filter((m) => /recharger/i.test(m.text ?? ''))).toHaveLength(1);
  expect(world.stripe.sessions.size).toBe(1);
  expect(await world.store.checkInvariants()).toEqual([]);
});
