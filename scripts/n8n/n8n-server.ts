import { spawn, execFile, ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';
import { n8nBin, runtimeBin, runtimeDir } from './paths';

const execFileAsync = promisify(execFile);

export interface N8nServerOptions {
  userFolder: string;
  port: number;
  /** Fixed so credentials imported in one run can be read in the next. */
  encryptionKey: string;
  /** Extra environment for n8n (and so for our nodes running inside it). */
  env?: Record<string, string>;
  /** Print n8n's own log lines to this process's stdout (npm start). */
  inheritOutput?: boolean;
}

export interface N8nServerInfo {
  pid: number;
  port: number;
  baseUrl: string;
  userFolder: string;
  logFile: string;
  encryptionKey: string;
  env: Record<string, string>;
}

/** The environment n8n runs with: headless, local only, no telemetry or version checks. */
export function n8nEnv(options: Omit<N8nServerOptions, 'inheritOutput'> & { brokerPort: number }): Record<string, string> {
  return {
    ...(process.env as Record<string, string>),
    PATH: `${runtimeBin}:${process.env.PATH ?? ''}`,
    N8N_USER_FOLDER: options.userFolder,
    N8N_ENCRYPTION_KEY: options.encryptionKey,
    N8N_PORT: String(options.port),
    N8N_HOST: 'localhost',
    N8N_LISTEN_ADDRESS: '127.0.0.1',
    N8N_PROTOCOL: 'http',
    N8N_SECURE_COOKIE: 'false',
    N8N_DIAGNOSTICS_ENABLED: 'false',
    N8N_PERSONALIZATION_ENABLED: 'false',
    N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
    N8N_TEMPLATES_ENABLED: 'false',
    N8N_HIRING_BANNER_ENABLED: 'false',
    N8N_RUNNERS_BROKER_PORT: String(options.brokerPort),
    DB_TYPE: 'sqlite',
    // Jest sets NODE_ENV=test, which changes how n8n boots; n8n runs as users run it.
    NODE_ENV: 'production',
    N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL ?? 'info',
    ...options.env,
  };
}

/** Starts `n8n start` in its own process group and waits until it reports ready. */
export async function startN8n(options: N8nServerOptions): Promise<{ info: N8nServerInfo; child: ChildProcess }> {
  mkdirSync(options.userFolder, { recursive: true });
  const env = n8nEnv({ ...options, brokerPort: await freePort() });
  const logFile = path.join(options.userFolder, 'n8n.log');
  const child = spawn(n8nBin, ['start'], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = createWriteStream(logFile);
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.pipe(log, { end: false });
    if (options.inheritOutput) stream.pipe(process.stdout, { end: false });
  }
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const info: N8nServerInfo = {
    pid: child.pid!,
    port: options.port,
    baseUrl,
    userFolder: options.userFolder,
    logFile,
    encryptionKey: options.encryptionKey,
    env,
  };
  try {
    await waitUntilReady(baseUrl, child, 120_000);
  } catch (err) {
    await stopN8n(info.pid);
    await new Promise((r) => log.end(r));
    throw new Error(`${(err as Error).message}\n--- last lines of ${logFile} ---\n${tail(logFile, 40)}`);
  }
  return { info, child };
}

async function waitUntilReady(baseUrl: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? -1));
  while (Date.now() < deadline) {
    if (exited !== null) throw new Error(`n8n exited with code ${exited} before it was ready`);
    try {
      const res = await fetch(`${baseUrl}/healthz/readiness`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`n8n was not ready within ${timeoutMs / 1000} s at ${baseUrl}`);
}

/** Stops n8n by its own PID: SIGTERM to its process group (it has task-runner children), then SIGKILL. */
export async function stopN8n(pid: number, graceMs = 15_000): Promise<void> {
  const signalGroup = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
      return true;
    } catch {
      return false;
    }
  };
  if (!signalGroup('SIGTERM')) return;
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!signalGroup(0 as unknown as NodeJS.Signals)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  signalGroup('SIGKILL');
}

/** Runs an n8n CLI command (import:workflow, import:credentials, execute…) against a user folder. */
export async function n8nCli(
  args: string[],
  options: Omit<N8nServerOptions, 'port' | 'inheritOutput'> & { port?: number },
): Promise<string> {
  const env = n8nEnv({ ...options, port: options.port ?? (await freePort()), brokerPort: await freePort() });
  try {
    const { stdout } = await execFileAsync(n8nBin, args, { env, maxBuffer: 64 * 1024 * 1024, cwd: runtimeDir });
    return stdout;
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`n8n ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

export function tail(file: string, lines: number): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
