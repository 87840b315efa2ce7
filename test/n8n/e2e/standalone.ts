/**
 * An n8n of its own for `npm run demo` and the n8n benchmarks (outside jest): builds
 * and installs the packed package into a temporary user folder, starts n8n on a free port, logs in.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildPackage } from '../../../scripts/n8n/build-package';
import { freePort } from '../../../scripts/n8n/free-port';
import { installPackageInto } from '../../../scripts/n8n/install-package';
import { startN8n, stopN8n } from '../../../scripts/n8n/n8n-server';
import { N8nClient } from '../harness/n8n-client';

export interface StandaloneN8n {
  api: N8nClient;
  baseUrl: string;
  /** Where to put SQLite ledgers (inside the temporary user folder). */
  ledgerDir: string;
  stop(): Promise<void>;
}

export async function startStandaloneN8n(
  log: (message: string) => void = () => undefined,
  options: { build?: boolean; env?: Record<string, string> } = {},
): Promise<StandaloneN8n> {
  if (options.build ?? true) buildPackage(log);
  const userFolder = mkdtempSync(path.join(os.tmpdir(), 'sg-standalone-'));
  const ledgerDir = path.join(userFolder, 'ledgers');
  mkdirSync(ledgerDir, { recursive: true });
  log(`installing the packed package into ${userFolder}`);
  installPackageInto(userFolder);
  log('starting n8n (about 10-20 s)');
  const { info } = await startN8n({
    userFolder,
    port: await freePort(),
    encryptionKey: 'supportgate-standalone-key',
    // Our nodes accept 127.0.0.1 API roots only when told to: the local Gmail/OpenAI/Stripe servers.
    ...(options.env ? { env: options.env } : {}),
  });
  log(`n8n ready at ${info.baseUrl}`);
  const api = await new N8nClient(info.baseUrl).login();
  return {
    api,
    baseUrl: info.baseUrl,
    ledgerDir,
    async stop() {
      await stopN8n(info.pid);
      rmSync(userFolder, { recursive: true, force: true });
    },
  };
}
