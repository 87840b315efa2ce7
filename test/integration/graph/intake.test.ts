import { GraphConnectorError, MAX_LIFETIME_MINUTES } from '../../../graph-connector';
import { CLIENT_STATE, startHarness, type Harness } from './harness';

describe('Outlook connector intake through the real Graph client', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.settle();
    await h.stop();
  });

  async function baseline(): Promise<void> {
    h.graph.addMessage({ subject: 'old mail', receivedDateTime: '2020-01-01T00:00:00Z' });
    const first = await h.connector.sync();
    expect(first.processed).toEqual([]);
  }

  it('creates the subscription after Graph validated the webhook (token echoed as text/plain)', async () => {
    const record = await h.connector.subscriptions.create();
    const sub = h.graph.subscriptions.get(record.id);
    expect(sub).toMatchObject({
      changeType: 'created',
      resource: `users/${h.graph.mailbox}/mailFolders('Inbox')/messages`,
      clientState: CLIENT_STATE,
      notificationUrl: h.webhookUrl,
      lifecycleNotificationUrl: `${h.webhookUrl}/lifecycle`,
    });
    const minutes = (Date.parse(sub?.expirationDateTime as string) - Date.now()) / 60000;
    expect(minutes).toBeLessThan(MAX_LIFETIME_MINUTES);
    expect(minutes).toBeGreaterThan(4000);
    expect(await h.state.getSubscription()).toEqual(record);
    // The handshake itself, as Graph sends it.
    const res = await h.graph.fetch(`${h.webhookUrl}?validationToken=${encodeURIComponent('Validation: Token <x>&y')}`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe('Validation: Token <x>&y');
  });

  it('rejects a notification whose clientState does not match, and processes nothing', async () => {
    const record = await h.connector.subscriptions.create();
    await baseline();
    const deltaCalls = h.graph.requestsTo('/messages/delta').length;
    h.graph.addMessage();
    expect(await h.graph.notify(record.id, { clientState: 'forged' })).toBe(403);
    await h.settle();
    expect(h.graph.requestsTo('/messages/delta')).toHaveLength(deltaCalls);
    expect(h.emails).toHaveLength(0);
    // The genuine notification then gets the mail.
    expect(await h.graph.notify(record.id)).toBe(202);
    await h.settle();
    expect(h.emails.map((e) => e.subject)).toEqual(['Question 2']);
  });

  it('a notification only triggers delta; the message is fetched with headers and becomes a SupportEmail', async () => {
    const record = await h.connector.subscriptions.create();
    await baseline();
    const m = h.graph.addMessage({ subject: 'Refund please' });
    await h.graph.notify(record.id, { resource: `Users/x/Messages/${m.id}`, resourceData: { id: m.id } });
    await h.settle();
    expect(h.emails).toHaveLength(1);
    const email = h.emails[0];
    expect(email).toMatchObject({
      source: 'outlook-raw',
      providerId: m.id,
      messageId: m.internetMessageId,
      subject: 'Refund please',
      from: { address: 'alice@client.example' },
    });
    expect(email.auth.authenticationResults[0]).toContain('dmarc=pass');
    const get = h.graph.requestsTo(`/messages/${m.id}`).at(-1);
    expect(get?.query.get('$select')).toContain('internetMessageHeaders');
    expect(get?.query.get('$expand')).toContain('attachments');
  });

  it('two mails within one second, each notified, plus a manual sync: each processed exactly once', async () => {
    const record = await h.connector.subscriptions.create();
    await baseline();
    const a = h.graph.addMessage({ subject: 'first' });
    const b = h.graph.addMessage({ subject: 'second', internetMessageId: '<second@client.example>' });
    const statuses = await Promise.all([h.graph.notify(record.id), h.graph.notify(record.id), h.connector.sync()]);
    expect(statuses.slice(0, 2)).toEqual([202, 202]);
    await h.settle();
    await h.connector.sync();
    expect(h.emails.map((e) => e.providerId).sort()).toEqual([a.id, b.id].sort());
  });

  it('follows @odata.nextLink pages to the @odata.deltaLink and then only sees new mail', async () => {
    await h.stop();
    h = await startHarness({ startFrom: new Date(0) });
    for (let i = 0; i < 5; i++) h.graph.addMessage();
    const first = await h.connector.sync();
    expect(first.pages).toBe(3);
    expect(first.processed).toHaveLength(5);
    const cursor = await h.state.getCursor('Inbox');
    expect(cursor?.deltaLink).toContain('$deltatoken=');
    const added = h.graph.addMessage();
    const second = await h.connector.sync();
    expect(second.processed).toEqual([added.id]);
    expect(h.graph.requestsTo('/messages/delta').at(-1)?.query.get('$deltatoken')).toBe(cursor?.deltaLink.split('$deltatoken=')[1]);
    expect(h.emails).toHaveLength(6);
  });

  it('410 Gone: restarts delta from scratch and processes only what was not seen', async () => {
    await baseline();
    const before = h.graph.addMessage();
    expect((await h.connector.sync()).processed).toEqual([before.id]);
    h.graph.expireDeltaTokens();
    const after = h.graph.addMessage();
    const result = await h.connector.sync();
    expect(result.resynced).toBe(true);
    expect(result.processed).toEqual([after.id]);
    expect(result.skippedSeen).toBe(1);
    expect(h.emails.map((e) => e.providerId)).toEqual([before.id, after.id]);
    // The fresh deltaLink works again.
    expect((await h.connector.sync()).resynced).toBe(false);
  });

  it('HTML bodies become text and attachment metadata is kept', async () => {
    await baseline();
    h.graph.addMessage({
      body: {
        contentType: 'html',
        content: '<html><body><p>Bonjour,</p><p>Ma facture <b>FA-12</b> est fausse.</p><script>x()</script></body></html>',
      },
      hasAttachments: true,
      attachments: [
        {
          '@odata.type': '#microsoft.graph.fileAttachment',
          id: 'att1',
          name: 'facture.pdf',
          contentType: 'application/pdf',
          size: 48213,
          isInline: false,
        } as never,
      ],
    });
    await h.connector.sync();
    const [email] = h.emails;
    expect(email.text).toContain('Ma facture FA-12 est fausse.');
    expect(email.text).not.toMatch(/<p>|x\(\)/);
    expect(email.attachments).toEqual({ count: 1, items: [{ filename: 'facture.pdf', contentType: 'application/pdf', size: 48213 }] });
  });

  it('honours 429 Retry-After through the client RetryHandler, and refuses waits beyond the bound', async () => {
    await baseline();
    h.graph.addMessage();
    h.graph.throttle('1', '/messages/delta');
    expect((await h.connector.sync()).processed).toHaveLength(1);
    const [throttled, retried] = h.graph.requestsTo('/messages/delta').slice(-2);
    expect(retried.headers['retry-attempt']).toBe('1');
    expect(retried.at - throttled.at).toBeGreaterThanOrEqual(950);

    h.graph.throttle('3600', '/messages/delta');
    const calls = h.graph.requestsTo('/messages/delta').length;
    await expect(h.connector.sync()).rejects.toMatchObject({ code: 'THROTTLED', statusCode: 429 });
    await expect(h.connector.sync().then(() => 'ok')).resolves.toBe('ok');
    expect(h.graph.requestsTo('/messages/delta').length).toBe(calls + 2);
    expect(GraphConnectorError).toBeDefined();
  });

  it('a failing handler stops the sync without advancing the deltaLink; the retry emits each mail once', async () => {
    await h.stop();
    const seen: string[] = [];
    let failOnce = true;
    h = await startHarness({
      onMessage: async (email) => {
        if (email.subject === 'boom' && failOnce) {
          failOnce = false;
          throw new Error('downstream down');
        }
        seen.push(email.subject);
      },
    });
    await baseline();
    const cursor = await h.state.getCursor('Inbox');
    h.graph.addMessage({ subject: 'ok-1' });
    h.graph.addMessage({ subject: 'boom' });
    h.graph.addMessage({ subject: 'ok-2' });
    await expect(h.connector.sync()).rejects.toThrow('downstream down');
    expect(await h.state.getCursor('Inbox')).toEqual(cursor);
    await h.connector.sync();
    expect(seen).toEqual(['ok-1', 'boom', 'ok-2']);
  });
});
