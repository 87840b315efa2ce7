import type { Client } from '@microsoft/microsoft-graph-client';
import type * as MicrosoftGraph from '@microsoft/microsoft-graph-types';
import { GraphConnectorError, statusOf, wrapGraphError } from './errors';
import type { ConnectorState, SubscriptionRecord } from './state';

/** Outlook message subscriptions may last just under 4230 minutes; stay clear of the limit. */
export const MAX_LIFETIME_MINUTES = 4229;
export const DEFAULT_LIFETIME_MINUTES = 4200;

export interface SubscriptionOptions {
  client: Client;
  state: ConnectorState;
  mailbox: string;
  /** Public HTTPS URL Graph posts change notifications to. */
  notificationUrl: string;
  /** Public HTTPS URL for lifecycle notifications (often the same as notificationUrl). */
  lifecycleNotificationUrl?: string;
  /** Secret echoed in every notification; 1..128 characters. */
  clientState: string;
  /** Well-known folder name or id. Default 'Inbox'. */
  folder?: string;
  lifetimeMinutes?: number;
  now?: () => Date;
}

/** Graph only calls https URLs; plain http is let through for loopback hosts (local test servers). */
export function isAcceptableNotificationUrl(url: string): boolean {
  if (/^https:\/\//.test(url)) return true;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
  } catch {
    return false;
  }
}

export type EnsureAction = 'created' | 'renewed' | 'kept';

export class SubscriptionManager {
  private readonly now: () => Date;
  private readonly lifetimeMs: number;
  constructor(private readonly options: SubscriptionOptions) {
    if (!options.clientState || options.clientState.length > 128) {
      throw new GraphConnectorError(
        'CONFIG_INVALID',
        'clientState must be 1 to 128 characters: generate a random secret and keep it with the connector state.',
        'clientState',
      );
    }
    if (!isAcceptableNotificationUrl(options.notificationUrl)) {
      throw new GraphConnectorError(
        'CONFIG_INVALID',
        `notificationUrl must be a public https URL (got "${options.notificationUrl}").`,
        'notificationUrl',
      );
    }
    const minutes = options.lifetimeMinutes ?? DEFAULT_LIFETIME_MINUTES;
    if (!(minutes > 0 && minutes <= MAX_LIFETIME_MINUTES)) {
      throw new GraphConnectorError(
        'CONFIG_INVALID',
        `lifetimeMinutes must be in 1..${MAX_LIFETIME_MINUTES} for Outlook messages (got ${minutes}).`,
        'lifetimeMinutes',
      );
    }
    this.lifetimeMs = minutes * 60_000;
    this.now = options.now ?? (() => new Date());
  }

  /** users/{mailbox}/mailFolders('Inbox')/messages */
  get resource(): string {
    return `users/${this.options.mailbox}/mailFolders('${this.options.folder ?? 'Inbox'}')/messages`;
  }

  private record(sub: MicrosoftGraph.Subscription): SubscriptionRecord {
    return {
      id: sub.id as string,
      resource: sub.resource ?? this.resource,
      expirationDateTime: sub.expirationDateTime as string,
      renewedAt: this.now().toISOString(),
    };
  }

  private expiry(): string {
    return new Date(this.now().getTime() + this.lifetimeMs).toISOString();
  }

  async create(): Promise<SubscriptionRecord> {
    const body: MicrosoftGraph.Subscription = {
      changeType: 'created',
      notificationUrl: this.options.notificationUrl,
      lifecycleNotificationUrl: this.options.lifecycleNotificationUrl ?? this.options.notificationUrl,
      resource: this.resource,
      expirationDateTime: this.expiry(),
      clientState: this.options.clientState,
      latestSupportedTlsVersion: 'v1_2',
    };
    try {
      const created = (await this.options.client.api('/subscriptions').post(body)) as MicrosoftGraph.Subscription;
      const record = this.record(created);
      await this.options.state.setSubscription(record);
      return record;
    } catch (err) {
      throw wrapGraphError(
        'SUBSCRIPTION_FAILED',
        `Creating the subscription on ${this.resource} (Graph validates ${this.options.notificationUrl} first: it must answer the validationToken)`,
        err,
      );
    }
  }

  /** Extends the stored subscription; recreates it when Graph no longer knows it (404). */
  async renew(): Promise<SubscriptionRecord> {
    const current = await this.options.state.getSubscription();
    if (!current) return this.create();
    try {
      const patch: MicrosoftGraph.Subscription = { expirationDateTime: this.expiry() };
      const updated = (await this.options.client.api(`/subscriptions/${current.id}`).patch(patch)) as MicrosoftGraph.Subscription;
      const record = this.record({ ...updated, id: updated.id ?? current.id });
      await this.options.state.setSubscription(record);
      return record;
    } catch (err) {
      if (statusOf(err) === 404) return this.create();
      throw wrapGraphError('SUBSCRIPTION_FAILED', `Renewing subscription ${current.id}`, err);
    }
  }

  /** True when less than a third of the subscription's lifetime remains. */
  needsRenewal(record: SubscriptionRecord): boolean {
    const expires = Date.parse(record.expirationDateTime);
    const lifetime = expires - Date.parse(record.renewedAt);
    return expires - this.now().getTime() < lifetime / 3;
  }

  /** Create if missing, renew if due, else keep. Call it on a schedule (e.g. hourly). */
  async ensure(): Promise<{ record: SubscriptionRecord; action: EnsureAction }> {
    const current = await this.options.state.getSubscription();
    if (!current || current.resource !== this.resource) return { record: await this.create(), action: 'created' };
    if (this.needsRenewal(current)) return { record: await this.renew(), action: 'renewed' };
    return { record: current, action: 'kept' };
  }

  /** Renews the stored subscription when due (any call site can do it: n8n has no timer). */
  async renewIfDue(): Promise<SubscriptionRecord | undefined> {
    const current = await this.options.state.getSubscription();
    if (!current || !this.needsRenewal(current)) return undefined;
    return this.renew();
  }

  /** Whether Graph still has our subscription. */
  async exists(): Promise<boolean> {
    const current = await this.options.state.getSubscription();
    if (!current) return false;
    try {
      await this.options.client.api(`/subscriptions/${current.id}`).get();
      return true;
    } catch (err) {
      if (statusOf(err) === 404) return false;
      throw wrapGraphError('SUBSCRIPTION_FAILED', `Reading subscription ${current.id}`, err);
    }
  }

  async delete(): Promise<void> {
    const current = await this.options.state.getSubscription();
    if (!current) return;
    try {
      await this.options.client.api(`/subscriptions/${current.id}`).delete();
    } catch (err) {
      if (statusOf(err) !== 404) throw wrapGraphError('SUBSCRIPTION_FAILED', `Deleting subscription ${current.id}`, err);
    }
    await this.options.state.setSubscription(undefined);
  }
}
