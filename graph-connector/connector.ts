import type { Client } from '@microsoft/microsoft-graph-client';
import { syncFolder, SyncQueue, type MessageHandler, type SyncResult } from './delta';
import { classifyNotification, type NotificationOutcome, type NotificationRequest } from './notifications';
import type { ConnectorState } from './state';
import { SubscriptionManager } from './subscriptions';

export interface OutlookConnectorOptions {
  client: Client;
  state: ConnectorState;
  mailbox: string;
  clientState: string;
  notificationUrl: string;
  lifecycleNotificationUrl?: string;
  folder?: string;
  onMessage: MessageHandler;
  startFrom?: Date;
  lifetimeMinutes?: number;
  pageSize?: number;
  now?: () => Date;
}

export interface HandledNotification {
  outcome: NotificationOutcome;
  /** Send outcome.response first, then await this (Graph wants the answer within seconds). */
  work: Promise<{ sync?: SyncResult; actions: string[] }>;
}

/** Subscription + notification handling + serialized delta sync for one mailbox folder. */
export class OutlookSupportConnector {
  readonly subscriptions: SubscriptionManager;
  private readonly queue: SyncQueue;
  constructor(private readonly options: OutlookConnectorOptions) {
    this.subscriptions = new SubscriptionManager(options);
    this.queue = new SyncQueue(() =>
      syncFolder({
        client: options.client,
        mailbox: options.mailbox,
        folder: options.folder,
        state: options.state,
        onMessage: options.onMessage,
        startFrom: options.startFrom,
        pageSize: options.pageSize,
        now: options.now,
      }),
    );
  }

  /** Runs (or joins the queued) delta sync; never concurrent with another. */
  sync(): Promise<SyncResult> {
    return this.queue.trigger();
  }

  handle(req: NotificationRequest): HandledNotification {
    const outcome = classifyNotification(req, this.options.clientState);
    if (outcome.kind !== 'accepted') return { outcome, work: Promise.resolve({ actions: [] }) };
    return { outcome, work: this.act(outcome.changes, outcome.lifecycle) };
  }

  private async act(changes: number, lifecycle: string[]): Promise<{ sync?: SyncResult; actions: string[] }> {
    const actions: string[] = [];
    if (lifecycle.includes('subscriptionRemoved')) {
      await this.subscriptions.create();
      actions.push('recreated');
    } else if (lifecycle.includes('reauthorizationRequired')) {
      await this.subscriptions.renew();
      actions.push('renewed');
    }
    // Changes and 'missed' both mean: catch up by delta. A removed subscription may have missed mail too.
    if (changes > 0 || lifecycle.includes('missed') || lifecycle.includes('subscriptionRemoved')) {
      const sync = await this.sync();
      actions.push('synced');
      return { sync, actions };
    }
    return { actions };
  }
}
