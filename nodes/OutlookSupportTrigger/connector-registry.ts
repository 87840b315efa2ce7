import type * as MicrosoftGraph from '@microsoft/microsoft-graph-types';
import type { IDataObject } from 'n8n-workflow';
import type { email as mail } from '../../core';
import * as outlook from '../../graph-connector';
import type { GraphConnection } from '../shared/graph-connection';

const { OutlookSupportConnector, ObjectConnectorState } = outlook;
type OutlookSupportConnector = outlook.OutlookSupportConnector;
type ConnectorStateData = outlook.ConnectorStateData;

/** What the node keeps in its workflow static data: connector state plus the subscription secret. */
export interface TriggerStaticData extends ConnectorStateData {
  /** Random secret Graph echoes in every notification. */
  clientState?: string;
  /** Mail received before this is not emitted (set when the subscription is created). */
  activatedAt?: string;
  notificationUrl?: string;
}

export interface EmittedMessage {
  email: mail.SupportEmail;
  message: MicrosoftGraph.Message;
}

export interface ConnectorEntry {
  connector: OutlookSupportConnector;
  data: TriggerStaticData;
  /** Messages a sync produced, not yet handed to a workflow execution. */
  buffer: EmittedMessage[];
  fingerprint: string;
  mailbox: string;
  folder: string;
}

/**
 * One connector per workflow+node in this process. n8n gives every webhook call its own copy of
 * static data, so two notifications in the same second would each sync from the same deltaLink;
 * a shared connector serializes their syncs (SyncQueue) over the newest state instead.
 */
const entries = new Map<string, ConnectorEntry>();

// n8n's static data is a Proxy (change tracking): structuredClone refuses it, JSON does not.
const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

const STATE_KEYS = ['cursors', 'seen', 'subscription', 'clientState', 'activatedAt', 'notificationUrl'] as const;

export function readStaticData(staticData: IDataObject): TriggerStaticData {
  const copy = plain(
    Object.fromEntries(STATE_KEYS.filter((k) => staticData[k] !== undefined).map((k) => [k, staticData[k]])),
  ) as Partial<TriggerStaticData>;
  return { cursors: copy.cursors ?? {}, seen: copy.seen ?? [], ...copy } as TriggerStaticData;
}

/** Copies the connector's state back into n8n's static data (n8n saves it after the webhook call). */
export function writeStaticData(staticData: IDataObject, data: TriggerStaticData): void {
  for (const key of STATE_KEYS) {
    if (data[key] === undefined) delete staticData[key];
    else staticData[key] = plain(data[key]) as IDataObject[keyof IDataObject];
  }
}

export interface ConnectorSettings {
  key: string;
  connection: GraphConnection;
  folder: string;
  notificationUrl: string;
}

export function connectorFor(settings: ConnectorSettings, staticData: IDataObject): ConnectorEntry {
  const initial = readStaticData(staticData);
  const fingerprint = [settings.connection.fingerprint, settings.folder, settings.notificationUrl, initial.clientState ?? ''].join('|');
  const existing = entries.get(settings.key);
  if (existing && existing.fingerprint === fingerprint) return existing;
  // n8n saves static data only once activation finished; Graph may notify before that: the entry create() made is newer.
  if (existing && !initial.clientState && existing.data.clientState) return existing;
  const entry: ConnectorEntry = {
    data: initial,
    buffer: [],
    fingerprint,
    mailbox: settings.connection.mailbox,
    folder: settings.folder,
    connector: undefined as unknown as OutlookSupportConnector,
  };
  entry.connector = new OutlookSupportConnector({
    client: settings.connection.client,
    mailbox: settings.connection.mailbox,
    folder: settings.folder,
    state: new ObjectConnectorState(entry.data),
    clientState: initial.clientState ?? 'not-subscribed',
    notificationUrl: settings.notificationUrl,
    lifecycleNotificationUrl: settings.notificationUrl,
    startFrom: initial.activatedAt ? new Date(initial.activatedAt) : undefined,
    onMessage: async (email, message) => {
      entry.buffer.push({ email, message });
    },
  });
  entries.set(settings.key, entry);
  return entry;
}

export function forgetConnector(key: string): void {
  entries.delete(key);
}
