/**
 * What the chaos run starts and always takes down again: PostgreSQL databases of its own (n8n's and
 * the ledger's), its own Redis DB index and key prefix, and n8n processes (each in its own process
 * group, stopped or killed by its own PID).
 */
import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { freePort } from '../../scripts/n8n/free-port';
import { n8nEnv, stopN8n, tail } from '../../scripts/n8n/n8n-server';
import { n8nBin, runtimeDir } from '../../scripts/n8n/paths';

export const PG_ADMIN_URL = process.env.SUPPORTGATE_TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

/** The URL of another database on the same server. */
export function databaseUrl(name: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(run: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

export async function createDatabases(names: string[]): Promise<void> {
  await admin(async (c) => {
    for (const name of names) {
      if (!IDENT.test(name)) throw new Error(`not a database name: ${name}`);
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.query(`CREATE DATABASE ${name}`);
    }
  });
}

export async function dropDatabases(names: string[]): Promise<void> {
  await admin(async (c) => {
    for (const name of names) if (IDENT.test(name)) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
}

/** Runs one query on a database of ours and closes the connection. */
export async function query<R extends Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<R[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as R[];
  } finally {
    await client.end().catch(() => undefined);
  }
}

// n8n's own ioredis: the one its queue uses, so no second Redis client to install.
interface RedisLike {
  ping(): Promise<string>;
  llen(key: string): Promise<number>;
  scan(cursor: string, ...args: Array<string | number>): Promise<[string, string[]]>;
  del(...keys: string[]): Promise<number>;
  quit(): Promise<unknown>;
  disconnect(): void;
  on(event: 'error', listener: (e: Error) => void): unknown;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const IORedis = require(require.resolve('ioredis', { paths: [path.join(runtimeDir, 'node_modules', 'n8n')] })) as new (
  opts: object,
) => RedisLike;

export class RedisScope {
  readonly client: RedisLike;
  constructor(
    readonly host: string,
    readonly port: number,
    readonly db: number,
    readonly prefix: string,
  ) {
    this.client = new IORedis({ host, port, db, lazyConnect: false, maxRetriesPerRequest: 1, retryStrategy: () => null });
    this.client.on('error', () => undefined); // reported by the command that needed the connection
  }

  async check(): Promise<void> {
    try {
      await this.client.ping();
    } catch (e) {
      throw new Error(
        `Redis at ${this.host}:${this.port} does not answer (${(e as Error).message}): start it, e.g. redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no`,
      );
    }
  }

  /** Jobs n8n's queue still has waiting or running (Bull keys `<prefix>:jobs:wait|active`). */
  async pendingJobs(): Promise<{ wait: number; active: number }> {
    const [wait, active] = await Promise.all([
      this.client.llen(`${this.prefix}:jobs:wait`),
      this.client.llen(`${this.prefix}:jobs:active`),
    ]);
    return { wait, active };
  }

  /** Deletes every key under our prefixes in our DB index: nobody else's. */
  async cleanup(prefixes: string[]): Promise<number> {
    let deleted = 0;
    for (const prefix of prefixes) {
      let cursor = '0';
      do {
        const [next, keys] = await this.client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
        cursor = next;
        if (keys.length) deleted += await this.client.del(...keys);
      } while (cursor !== '0');
    }
    return deleted;
  }

  async close(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}

export interface N8nProcess {
  name: string;
  pid: number;
  logFile: string;
  port: number;
  baseUrl: string;
  /** Set when the process ended (its exit code, or the signal). */
  exit?: string;
}

export interface SpawnOptions {
  userFolder: string;
  encryptionKey: string;
  logDir: string;
  env: Record<string, string>;
}

/**
 * Starts `n8n <args>` (start or worker) in its own process group, its output in <logDir>/<name>.log;
 * resolves once it is ready: `n8n start` answers /healthz/readiness, a worker logs that it is ready.
 */
export async function spawnN8n(
  name: string,
  args: string[],
  options: SpawnOptions & { port?: number },
  timeoutMs = 180_000,
): Promise<N8nProcess> {
  const port = options.port ?? (await freePort());
  const env = n8nEnv({
    userFolder: options.userFolder,
    port,
    encryptionKey: options.encryptionKey,
    brokerPort: await freePort(),
    env: options.env,
  });
  const logFile = path.join(options.logDir, `${name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(n8nBin, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'], cwd: runtimeDir });
  const proc: N8nProcess = { name, pid: child.pid!, logFile, port, baseUrl: `http://127.0.0.1:${port}` };
  let output = '';
  const worker = args[0] === 'worker';
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.pipe(log, { end: false });
    if (worker) stream.on('data', (d: Buffer) => (output = (output + d.toString('utf8')).slice(-4000)));
  }
  child.once('exit', (code, signal) => (proc.exit = signal ?? String(code)));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.exit !== undefined)
      throw new Error(`${name} exited (${proc.exit}) before it was ready\n--- ${logFile} ---\n${tail(logFile, 30)}`);
    if (worker ? output.includes('n8n worker is now ready') : await ready(proc.baseUrl)) return proc;
    await new Promise((r) => setTimeout(r, 250));
  }
  await stopN8n(proc.pid, 2000);
  throw new Error(`${name} was not ready within ${timeoutMs / 1000} s\n--- ${logFile} ---\n${tail(logFile, 30)}`);
}

async function ready(baseUrl: string): Promise<boolean> {
  try {
    return (await fetch(`${baseUrl}/healthz/readiness`)).ok;
  } catch {
    return false;
  }
}

/** kill -9 of the process and its task runner (its process group): running executions die with it. */
export async function killHard(proc: N8nProcess): Promise<void> {
  try {
    process.kill(-proc.pid, 'SIGKILL');
  } catch {
    return;
  }
  for (let i = 0; i < 50 && proc.exit === undefined; i++) await new Promise((r) => setTimeout(r, 100));
}

export const stop = (proc: N8nProcess) => (proc.exit === undefined ? stopN8n(proc.pid, 10_000) : Promise.resolve());

export const logTail = (proc: N8nProcess, lines = 20) =>
  proc ? readFileSync(proc.logFile, 'utf8').split('\n').slice(-lines).join('\n') : '';
