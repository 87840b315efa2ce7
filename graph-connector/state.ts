import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { GraphConnectorError } from './errors';

/** The subscription we own, as persisted between runs. */
export interface SubscriptionRecord {
  id: string;
  resource: string;
  expirationDateTime: string;
  /** When it was created or last renewed: the renewal threshold is 1/3 of this lifetime. */
  renewedAt: string;
}

/** Where the delta walk of one folder stands. */
export interface FolderCursor {
  deltaLink: string;
  /** ISO time the last complete sync started: the resync after 410 looks back from it. */
  syncedAt: string;
}

/**
 * What must survive restarts for exactly-once intake. Async so stores can live anywhere;
 * `markSeen` keeps a bounded window (oldest forgotten first).
 */
export interface ConnectorState {
  getCursor(folder: string): Promise<FolderCursor | undefined>;
  setCursor(folder: string, cursor: FolderCursor | undefined): Promise<void>;
  hasSeen(key: string): Promise<boolean>;
  markSeen(keys: string[]): Promise<void>;
  getSubscription(): Promise<SubscriptionRecord | undefined>;
  setSubscription(record: SubscriptionRecord | undefined): Promise<void>;
}

/** Plain-JSON shape of the state: also what n8n's workflow static data holds. */
export interface ConnectorStateData {
  cursors: Record<string, FolderCursor>;
  seen: string[];
  subscription?: SubscriptionRecord;
}

export const DEFAULT_SEEN_WINDOW = 5000;

export function emptyStateData(): ConnectorStateData {
  return { cursors: {}, seen: [] };
}

/**
 * State over a mutable plain object. With n8n pass `this.getWorkflowStaticData('node')`: n8n
 * saves it after the execution. `persist` runs after each change (file store: atomic write).
 */
export class ObjectConnectorState implements ConnectorState {
  private seenSet: Set<string>;
  constructor(
    protected readonly data: ConnectorStateData,
    private readonly seenWindow = DEFAULT_SEEN_WINDOW,
    private readonly persist: (data: ConnectorStateData) => Promise<void> = async () => {},
  ) {
    data.cursors ??= {};
    data.seen ??= [];
    this.seenSet = new Set(data.seen);
  }
  async getCursor(folder: string): Promise<FolderCursor | undefined> {
    return this.data.cursors[folder];
  }
  async setCursor(folder: string, cursor: FolderCursor | undefined): Promise<void> {
    if (cursor) this.data.cursors[folder] = cursor;
    else delete this.data.cursors[folder];
    await this.persist(this.data);
  }
  async hasSeen(key: string): Promise<boolean> {
    return this.seenSet.has(key);
  }
  async markSeen(keys: string[]): Promise<void> {
    for (const key of keys) {
      if (this.seenSet.has(key)) continue;
      this.seenSet.add(key);
      this.data.seen.push(key);
    }
    const excess = this.data.seen.length - this.seenWindow;
    if (excess > 0) for (const old of this.data.seen.splice(0, excess)) this.seenSet.delete(old);
    await this.persist(this.data);
  }
  async getSubscription(): Promise<SubscriptionRecord | undefined> {
    return this.data.subscription;
  }
  async setSubscription(record: SubscriptionRecord | undefined): Promise<void> {
    if (record) this.data.subscription = record;
    else delete this.data.subscription;
    await this.persist(this.data);
  }
}

/** In-memory state (tests, single-run tools). */
export class MemoryConnectorState extends ObjectConnectorState {
  constructor(seenWindow = DEFAULT_SEEN_WINDOW) {
    super(emptyStateData(), seenWindow);
  }
  /** A copy of the data, e.g. to hand to a JSON store. */
  snapshot(): ConnectorStateData {
    return structuredClone(this.data);
  }
}

/** Writes to a temp file in the same directory, then renames: readers see old or new, never half. */
export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomUUID()}.tmp`);
  await fs.writeFile(tmp, JSON.stringify(value), { mode: 0o600 });
  try {
    await fs.rename(tmp, path);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
}

/** A JSON file store; open it with `JsonFileConnectorState.open(path)`. */
export class JsonFileConnectorState extends ObjectConnectorState {
  static async open(path: string, seenWindow = DEFAULT_SEEN_WINDOW): Promise<JsonFileConnectorState> {
    let data = emptyStateData();
    try {
      const parsed: unknown = JSON.parse(await fs.readFile(path, 'utf8'));
      if (!parsed || typeof parsed !== 'object' || !Array.isArray((parsed as ConnectorStateData).seen)) {
        throw new GraphConnectorError(
          'STATE_CORRUPT',
          `State file ${path} is not connector state: delete it to start over (a full delta resync follows).`,
          'statePath',
        );
      }
      data = parsed as ConnectorStateData;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
        if (err instanceof GraphConnectorError) throw err;
        throw new GraphConnectorError(
          'STATE_CORRUPT',
          `Cannot read state file ${path}: ${(err as Error).message}. Delete it to start over.`,
          'statePath',
        );
      }
    }
    return new JsonFileConnectorState(data, seenWindow, path);
  }
  private constructor(data: ConnectorStateData, seenWindow: number, path: string) {
    super(data, seenWindow, (d) => writeJsonAtomic(path, d));
  }
}
