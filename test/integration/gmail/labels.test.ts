/** ensureLabels / applyLabels through the real client: nested labels created once, then reused. */
import { gmail } from '../../../core';
import { GmailTestServer } from '../../support/gmail-server';
import { clientMail, startGmail, TOKEN } from './fixtures';

let server: GmailTestServer;
let client: gmail.GmailClient;
beforeEach(async () => ({ server, client } = await startGmail()));
afterEach(() => server.stop());

const creates = () => server.count('POST', /\/labels$/);
const lists = () => server.count('GET', /\/labels$/);

test('the five SupportGate labels and their parent are created once, then served from the cache', async () => {
  const ids = await gmail.ensureLabels(client, [...gmail.SUPPORTGATE_LABELS]);
  expect(Object.keys(ids)).toEqual([
    'SupportGate/Paid',
    'SupportGate/Awaiting payment',
    'SupportGate/Awaiting confirmation',
    'SupportGate/Not support',
    'SupportGate/Ignored',
  ]);
  for (const [name, id] of Object.entries(ids)) expect(server.labels.get(id)?.name).toBe(name);
  expect(server.labelByName('SupportGate')).toBeDefined();
  expect(creates()).toBe(6);
  expect(lists()).toBe(1);

  const again = await gmail.ensureLabels(client, ['SupportGate/Paid', 'SupportGate/Ignored']);
  expect(again).toEqual({ 'SupportGate/Paid': ids['SupportGate/Paid'], 'SupportGate/Ignored': ids['SupportGate/Ignored'] });
  expect(creates()).toBe(6);
  expect(lists()).toBe(1);
});

test('a new client on a mailbox that already has the labels reuses them without creating any', async () => {
  const first = await gmail.ensureLabels(client, ['SupportGate/Paid']);
  const other = gmail.createGmailClient({ accessToken: TOKEN }, { rootUrl: server.rootUrl, retry: false });
  expect(await gmail.ensureLabels(other, ['SupportGate/Paid', 'SupportGate/Paid/'])).toEqual(first);
  expect(creates()).toBe(2);
});

test('applyLabels adds the labels to the message and keeps its others', async () => {
  const msg = server.addMessage(clientMail({ messageId: '<a@client.test>' }));
  const after = await gmail.applyLabels(client, msg.id!, ['SupportGate/Awaiting payment']);
  const id = server.labelByName('SupportGate/Awaiting payment')!.id!;
  expect(after).toEqual(expect.arrayContaining(['INBOX', 'UNREAD', id]));
  expect(server.messages.get(msg.id!)!.message.labelIds).toContain(id);
  const modify = server.requests.find((r) => r.path.endsWith('/modify'))!;
  expect(modify.body).toEqual({ addLabelIds: [id] });
});

test('applyLabels on an unknown message is a not-found error; an empty name names the field', async () => {
  await expect(gmail.applyLabels(client, 'missing', ['SupportGate/Paid'])).rejects.toMatchObject({ code: 'gmail_not_found', status: 404 });
  await expect(gmail.applyLabels(client, 'x', [' '])).rejects.toMatchObject({ code: 'gmail_invalid_input', field: 'labels' });
  await expect(gmail.applyLabels(client, '', ['SupportGate/Paid'])).rejects.toMatchObject({ field: 'messageId' });
});

test('label query names follow Gmail: lower case, spaces and slashes as hyphens', () => {
  expect(gmail.labelQueryName('SupportGate/Awaiting payment')).toBe('supportgate-awaiting-payment');
  expect(gmail.labelQueryName('SupportGate/Not support')).toBe('supportgate-not-support');
});
