import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphConnectorError, JsonFileConnectorState, MemoryConnectorState, SubscriptionManager } from '../../../graph-connector';
import { CLIENT_STATE, startHarness, type Harness } from './harness';

describe('subscription lifecycle and persisted state', () => {
  let h: Harness;
  let dir: string;
  beforeEach(async () => {
    h = await startHarness();
    dir = mkdtempSync(join(tmpdir(), 'graph-state-'));
  });
  afterEach(async () => {
    await h.settle();
    await h.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('renews only when less than a third of the lifetime remains, and recreates a subscription Graph lost', async () => {
    let clock = new Date('2026-11-23T10:00:00Z');
    const manager = new SubscriptionManager({
      client: h.client,
      state: h.state,
      mailbox: h.graph.mailbox,
      notificationUrl: h.webhookUrl,
      clientState: CLIENT_STATE,
      lifetimeMinutes: 3000,
      now: () => clock,
    });
    expect((await manager.ensure()).action).toBe('created');
    clock = new Date(clock.getTime() + 1900 * 60000); // 1100 of 3000 minutes left: more than a third
    expect((await manager.ensure()).action).toBe('kept');
    clock = new Date(clock.getTime() + 200 * 60000); // 900 left: less than a third
    const renewed = await manager.ensure();
    expect(renewed.action).toBe('renewed');
    expect(h.graph.requestsTo('/subscriptions/', 'PATCH')).toHaveLength(1);
    expect(h.graph.subscriptions.get(renewed.record.id)?.expirationDateTime).toBe(new Date(clock.getTime() + 3000 * 60000).toISOString());
    h.graph.subscriptions.clear();
    expect(await manager.exists()).toBe(false);
    const again = await manager.renew();
    expect(again.id).not.toBe(renewed.record.id);
    expect(h.graph.subscriptions.has(again.id)).toBe(true);
    await manager.delete();
    expect(h.graph.subscriptions.size).toBe(0);
    expect(await h.state.getSubscription()).toBeUndefined();
  });

  it('rejects a lifetime Outlook would refuse', () => {
    expect(
      () =>
        new SubscriptionManager({
          client: {} as never,
          state: h.state,
          mailbox: 'x',
          notificationUrl: h.webhookUrl,
          clientState: 's',
          lifetimeMinutes: 4230,
        }),
    ).toThrow(GraphConnectorError);
    expect(
      () =>
        new SubscriptionManager({ client: {} as never, state: h.state, mailbox: 'x', notificationUrl: 'http://plain', clientState: 's' }),
    ).toThrow(/notificationUrl/);
  });

  it('lifecycle: reauthorizationRequired renews, subscriptionRemoved recreates and catches up, missed catches up', async () => {
    const record = await h.connector.subscriptions.create();
    h.graph.addMessage({ receivedDateTime: '2020-01-01T00:00:00Z' });
    await h.connector.sync();

    expect(await h.graph.notify(record.id, { lifecycleEvent: 'reauthorizationRequired' })).toBe(202);
    await h.settle();
    expect(h.graph.requestsTo(`/subscriptions/${record.id}`, 'PATCH')).toHaveLength(1);

    const missedMail = h.graph.addMessage({ subject: 'missed one' });
    expect(await h.graph.notify(record.id, { lifecycleEvent: 'missed' })).toBe(202);
    await h.settle();
    expect(h.emails.map((e) => e.providerId)).toEqual([missedMail.id]);

    const lost = h.graph.addMessage({ subject: 'while removed' });
    const removedNotice = h.graph.notify(record.id, { lifecycleEvent: 'subscriptionRemoved' });
    h.graph.subscriptions.delete(record.id);
    expect(await removedNotice).toBe(202);
    await h.settle();
    const now = await h.state.getSubscription();
    expect(now?.id).not.toBe(record.id);
    expect(h.graph.subscriptions.has(now?.id as string)).toBe(true);
    expect(h.emails.map((e) => e.providerId)).toEqual([missedMail.id, lost.id]);

    // A lifecycle notification with a wrong clientState changes nothing.
    expect(await h.graph.notify(now?.id as string, { lifecycleEvent: 'subscriptionRemoved', clientState: 'nope' })).toBe(403);
    await h.settle();
    expect((await h.state.getSubscription())?.id).toBe(now?.id);
  });

  it('restart with the persisted deltaLink (JSON file, atomic writes) processes nothing twice', async () => {
    const path = join(dir, 'state.json');
    const state = await JsonFileConnectorState.open(path);
    h.reconnect(state);
    h.graph.addMessage({ receivedDateTime: '2020-01-01T00:00:00Z' });
    await h.connector.sync();
    const a = h.graph.addMessage();
    const b = h.graph.addMessage();
    await h.connector.sync();
    expect(h.emails.map((e) => e.providerId)).toEqual([a.id, b.id]);
    expect(readdirSync(dir)).toEqual(['state.json']);

    // Restart: a new process reads the file; the old deltaLink is used, not a fresh walk.
    const reopened = await JsonFileConnectorState.open(path);
    h.reconnect(reopened);
    expect((await h.connector.sync()).processed).toEqual([]);
    const c = h.graph.addMessage();
    expect((await h.connector.sync()).processed).toEqual([c.id]);
    expect(JSON.parse(readFileSync(path, 'utf8')).seen).toContain(`id:${c.id}`);

    // Even if the deltaLink is lost and Graph replays everything, the seen window dedupes.
    const replay = await JsonFileConnectorState.open(path);
    await replay.setCursor('Inbox', {
      ...(await replay.getCursor('Inbox'))!,
      deltaLink: `${h.graph.url}/v1.0/users/${encodeURIComponent(h.graph.mailbox)}/mailFolders/Inbox/messages/delta?$deltatoken=1`,
    });
    h.reconnect(replay);
    const r = await h.connector.sync();
    expect(r.processed).toEqual([]);
    expect(r.skippedSeen).toBe(3);
    expect(h.emails).toHaveLength(3);
  });

  it('state: bounded seen window, corrupt file refused with a typed error', async () => {
    const mem = new MemoryConnectorState(3);
    await mem.markSeen(['a', 'b', 'c', 'd']);
    expect(await mem.hasSeen('a')).toBe(false);
    expect(await mem.hasSeen('d')).toBe(true);
    expect(mem.snapshot().seen).toEqual(['b', 'c', 'd']);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"nope": 1}');
    await expect(JsonFileConnectorState.open(bad)).rejects.toMatchObject({ code: 'STATE_CORRUPT', field: 'statePath' });
    writeFileSync(bad, '{');
    await expect(JsonFileConnectorState.open(bad)).rejects.toMatchObject({ code: 'STATE_CORRUPT' });
  });
});
