import {
  ensureCategories,
  moveMessage,
  replyInThread,
  replyWithComment,
  sendMail,
  setCategory,
  SUPPORTGATE_CATEGORIES,
} from '../../../graph-connector';
import { startHarness, type Harness } from './harness';

describe('Outlook actions through the real Graph client', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  it('replies in the thread: createReply → PATCH tagged subject and body → send', async () => {
    const m = h.graph.addMessage({ subject: 'Bug in export' });
    const draftId = await replyInThread(h.client, h.graph.mailbox, m.id as string, {
      html: '<p>Ticket opened.</p>',
      subjectTag: '[SG-42]',
    });
    expect(h.graph.requestsTo(`/messages/${m.id}/createReply`, 'POST')).toHaveLength(1);
    expect(h.graph.requestsTo(`/messages/${draftId}/send`, 'POST')).toHaveLength(1);
    expect(h.graph.sent).toHaveLength(1);
    const [sent] = h.graph.sent;
    expect(sent.subject).toBe('RE: Bug in export [SG-42]');
    expect(sent.conversationId).toBe(m.conversationId);
    expect(sent.body?.content).toMatch(/^<p>Ticket opened.<\/p><br><div>quoted original<\/div>$/);
    expect(sent.toRecipients?.[0].emailAddress?.address).toBe('alice@client.example');
    expect(h.graph.drafts.size).toBe(0);
  });

  it('replies with a comment, and sends new mail', async () => {
    const m = h.graph.addMessage();
    await replyWithComment(h.client, h.graph.mailbox, m.id as string, 'Thanks, noted.');
    await sendMail(h.client, h.graph.mailbox, {
      to: ['bob@client.example'],
      subject: 'Payment link',
      html: '<a href="https://pay">Pay</a>',
    });
    expect(h.graph.sent.map((s) => s.subject)).toEqual([`RE: ${m.subject}`, 'Payment link']);
    expect(h.graph.sent[1].toRecipients).toEqual([{ emailAddress: { address: 'bob@client.example' } }]);
    expect(h.graph.requestsTo('/sendMail', 'POST')[0].body).toMatchObject({ saveToSentItems: true });
  });

  it('creates missing master categories once, sets one SupportGate category keeping the others', async () => {
    h.graph.categories.push({ id: 'c0', displayName: 'SupportGate: Paid', color: 'preset4' });
    const created = await ensureCategories(h.client, h.graph.mailbox);
    expect(created).toEqual([
      'SupportGate: Awaiting payment',
      'SupportGate: Awaiting confirmation',
      'SupportGate: Not support',
      'SupportGate: Ignored',
    ]);
    expect(await ensureCategories(h.client, h.graph.mailbox)).toEqual([]);
    expect(h.graph.categories).toHaveLength(5);

    const m = h.graph.addMessage({ categories: ['Red', SUPPORTGATE_CATEGORIES.awaitingPayment.displayName] });
    const categories = await setCategory(h.client, h.graph.mailbox, m.id as string, 'paid', m.categories ?? []);
    expect(categories).toEqual(['Red', 'SupportGate: Paid']);
    expect(m.categories).toEqual(['Red', 'SupportGate: Paid']);
  });

  it('moves a message and returns its new id; unknown message → typed ACTION_FAILED naming the step', async () => {
    const oldId = h.graph.addMessage().id as string;
    const newId = await moveMessage(h.client, h.graph.mailbox, oldId, 'Archive');
    expect(newId).not.toBe(oldId);
    expect(h.graph.messages[0].folder).toBe('Archive');
    await expect(moveMessage(h.client, h.graph.mailbox, 'missing', 'Archive')).rejects.toMatchObject({
      code: 'ACTION_FAILED',
      statusCode: 404,
      message: expect.stringContaining('Moving the message'),
    });
  });
});
