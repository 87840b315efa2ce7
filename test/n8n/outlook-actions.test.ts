/**
 * Outlook Support Actions inside the real n8n against the local HTTPS Microsoft Graph: every
 * operation, asserted on what the Graph server received and holds afterwards.
 */
import type * as MicrosoftGraph from '@microsoft/microsoft-graph-types';
import { ledgerCredential, runNode } from './harness';
import { graphCredential, startGraph, type LocalGraph } from './outlook-graph';

let graph: LocalGraph;
let credential: { id: string; name: string };

const actions = async (parameters: Record<string, unknown>, items: Array<Record<string, unknown>>, continueOnFail = false) =>
  runNode(
    {
      type: 'outlookSupportActions',
      parameters,
      credentials: { supportGateGraphAppApi: credential, supportGateLedgerApi: await ledgerCredential('outlook-actions') },
      continueOnFail,
    },
    items,
  );
/** An item as the SupportGate nodes pass it on: the SupportEmail only (Check Sender Credits drops `graph`). */
const after = (m: MicrosoftGraph.Message, extra: Record<string, unknown> = {}) => ({
  email: { providerId: m.id, messageId: m.internetMessageId },
  ...extra,
});
const categoriesOf = (m: MicrosoftGraph.Message) =>
  graph.messages.find((s) => s.message.internetMessageId === m.internetMessageId)?.message.categories;
const OURS = [
  'SupportGate: Paid',
  'SupportGate: Awaiting payment',
  'SupportGate: Awaiting confirmation',
  'SupportGate: Not support',
  'SupportGate: Ignored',
];

beforeAll(async () => {
  graph = await startGraph();
  credential = await graphCredential(graph);
});
afterAll(() => graph?.stop());

test('Reply in Thread: createReply, then the tagged subject and our HTML over the quote, then send', async () => {
  const m = graph.addMessage({ subject: 'Printer broken', from: { emailAddress: { name: 'Bob', address: 'bob@client.example' } } });
  const first = graph.requests.length;
  const { outputs } = await actions({ operation: 'replyInThread' }, [
    after(m, {
      ticket: { tag: '[SG-7]' },
      reply: { subject: 'ignored here', text: 'Hello', html: '<p>Hello Bob, ticket [SG-7] is open.</p>' },
    }),
  ]);

  expect(outputs[0]).toHaveLength(1);
  const draftId = (outputs[0][0].json.outlook as { draftId: string }).draftId;
  expect(outputs[0][0].json.outlook).toEqual({ replied: true, draftId });
  expect(outputs[0][0].pairedItem).toEqual({ item: 0 });
  // Exactly three calls, in this order (token calls aside).
  const calls = graph.requests
    .slice(first)
    .filter((r) => r.path.startsWith('/users/'))
    .map((r) => `${r.method} ${r.path.replace(`/users/${graph.mailbox}`, '')}`);
  expect(calls).toEqual([`POST /messages/${m.id}/createReply`, `PATCH /messages/${draftId}`, `POST /messages/${draftId}/send`]);
  expect(graph.requestsTo(`/messages/${draftId}`, 'PATCH')[0].body).toEqual({
    subject: 'RE: Printer broken [SG-7]',
    body: { contentType: 'html', content: '<p>Hello Bob, ticket [SG-7] is open.</p><br><div>quoted original</div>' },
  });
  const sent = graph.sent.at(-1)!;
  expect(sent).toMatchObject({
    id: draftId,
    conversationId: m.conversationId,
    subject: 'RE: Printer broken [SG-7]',
    toRecipients: [{ emailAddress: { address: 'bob@client.example' } }],
  });
  expect(graph.drafts.has(draftId)).toBe(false);
});

test('Reply in Thread: the tag is not added twice, and a text-only reply becomes HTML lines', async () => {
  const m = graph.addMessage({ subject: 'Follow-up [SG-3]' });
  const { outputs } = await actions({ operation: 'replyInThread', subjectTag: '[SG-3]' }, [
    { graph: { id: m.id }, reply: { text: 'Line one\nLine two' } },
  ]);
  const draftId = (outputs[0][0].json.outlook as { draftId: string }).draftId;
  expect(graph.requestsTo(`/messages/${draftId}`, 'PATCH')[0].body).toMatchObject({
    subject: 'RE: Follow-up [SG-3]',
    body: { content: expect.stringMatching(/^Line one<br>Line two<br>/) },
  });
});

test('Set Category: the five SupportGate master categories created once; the mail keeps its other categories, loses the old SupportGate one', async () => {
  graph.categories.push({ id: 'cat-vip', displayName: 'Customer VIP', color: 'preset2' });
  const a = graph.addMessage({ categories: ['Customer VIP', 'SupportGate: Awaiting payment'] });
  const b = graph.addMessage({ categories: [] });
  const { outputs } = await actions({ operation: 'setCategory', category: 'paid' }, [after(a), after(b)]);

  expect(outputs[0].map((i) => i.json.outlook)).toEqual([
    { categories: ['Customer VIP', 'SupportGate: Paid'] },
    { categories: ['SupportGate: Paid'] },
  ]);
  expect(categoriesOf(a)).toEqual(['Customer VIP', 'SupportGate: Paid']);
  expect(categoriesOf(b)).toEqual(['SupportGate: Paid']);
  expect(graph.requestsTo('/outlook/masterCategories', 'POST').map((r) => (r.body as MicrosoftGraph.OutlookCategory).displayName)).toEqual(
    OURS,
  );
  expect(graph.categories.map((c) => c.displayName)).toEqual(['Customer VIP', ...OURS]);
  expect(graph.requestsTo('/outlook/masterCategories')).toHaveLength(1); // listed once for both items

  // Another run: nothing to create, the category switches.
  const again = await actions({ operation: 'setCategory', category: 'notSupport' }, [after(a)]);
  expect(again.outputs[0][0].json.outlook).toEqual({ categories: ['Customer VIP', 'SupportGate: Not support'] });
  expect(graph.requestsTo('/outlook/masterCategories', 'POST')).toHaveLength(5);
  expect(graph.categories).toHaveLength(6);
});

test('Move Message: POST move with the destination; the new id is returned', async () => {
  const m = graph.addMessage({ subject: 'Old thing' });
  const oldId = m.id as string;
  const { outputs } = await actions({ operation: 'moveMessage', destinationId: 'archive' }, [after(m)]);
  expect(graph.requestsTo(`/messages/${oldId}/move`, 'POST').map((r) => r.body)).toEqual([{ destinationId: 'archive' }]);
  const stored = graph.messages.find((s) => s.message.internetMessageId === m.internetMessageId)!;
  expect(stored.folder).toBe('archive');
  expect(stored.message.id).not.toBe(oldId); // Graph ids change on move
  expect(outputs[0][0].json.outlook).toEqual({ movedTo: 'archive', newId: stored.message.id });
});

test('Send Email: sendMail to each address, the text escaped into HTML, kept in Sent Items', async () => {
  const before = graph.requestsTo('/sendMail', 'POST').length;
  const { outputs } = await actions(
    {
      operation: 'sendEmail',
      sendTo: 'staff@agency.example, boss@agency.example',
      subject: 'New ticket [SG-9]',
      message: 'From: a <b@c>\nSee & act',
    },
    [{ any: 1 }],
  );
  expect(outputs[0][0].json).toMatchObject({ any: 1, outlook: { sent: true, to: ['staff@agency.example', 'boss@agency.example'] } });
  const calls = graph.requestsTo('/sendMail', 'POST');
  expect(calls).toHaveLength(before + 1);
  expect(calls.at(-1)!.body).toEqual({
    message: {
      subject: 'New ticket [SG-9]',
      body: { contentType: 'html', content: 'From: a &lt;b@c&gt;<br>See &amp; act' },
      toRecipients: [{ emailAddress: { address: 'staff@agency.example' } }, { emailAddress: { address: 'boss@agency.example' } }],
      ccRecipients: [],
    },
    saveToSentItems: true,
  });
});

test('continueOnFail: an item without a message id and one Graph does not know fail alone; the good one is categorised', async () => {
  const good = graph.addMessage();
  const { outputs } = await actions(
    { operation: 'setCategory', category: 'ignored' },
    [{ email: { subject: 'no id' } }, after(good), { graph: { id: 'AAMk-missing' } }],
    true,
  );
  const [ok] = outputs[0];
  const [noId, missing] = outputs[1]; // Failed
  expect([...outputs[0], ...outputs[1]].map((i) => i.pairedItem)).toEqual([{ item: 1 }, { item: 0 }, { item: 2 }]);
  expect(noId.json).toMatchObject({
    email: { subject: 'no id' },
    error: expect.stringContaining('No Graph message ID'),
    description: expect.stringContaining('Field: messageId'),
  });
  expect(ok.json.outlook).toEqual({ categories: ['SupportGate: Ignored'] });
  expect(categoriesOf(good)).toEqual(['SupportGate: Ignored']);
  expect(missing.json.error).toMatch(/HTTP 404/);
});

test('without continueOnFail a reply with no reply text stops the run, naming the field', async () => {
  const m = graph.addMessage();
  await expect(actions({ operation: 'replyInThread' }, [after(m, { reply: null })])).rejects.toThrow(/"reply" has no html or text/);
  expect(graph.requestsTo(`/messages/${m.id}/createReply`, 'POST')).toHaveLength(0);
});
