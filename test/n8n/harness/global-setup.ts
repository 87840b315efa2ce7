import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installPackageInto } from '../../../scripts/n8n/install-package';
import { startN8n } from '../../../scripts/n8n/n8n-server';
import { freePort } from '../../../scripts/n8n/free-port';
import { startTokenRelay, type TokenRelay } from './google-token-relay';
import { stateFileFor, HarnessState } from './state';
import { N8nClient } from './n8n-client';

/** Starts one n8n for the whole test run, with the packed package installed. */
export default async function globalSetup(): Promise<void> {
  const userFolder = mkdtempSync(path.join(os.tmpdir(), 'sg-n8n-'));
  const ledgerDir = path.join(userFolder, 'ledgers');
  mkdirSync(ledgerDir, { recursive: true });
  installPackageInto(userFolder);
  const relay = await startTokenRelay();
  (globalThis as { supportGateTokenRelay?: TokenRelay }).supportGateTokenRelay = relay; // closed by global teardown
  const started = Date.now();
  const { info } = await startN8n({
    userFolder,
    port: await freePort(),
    encryptionKey: 'supportgate-test-encryption-key',
    // n8n refreshes Gmail tokens at Google's fixed token URL; only an overwrite can point it here.
    // SUPPORTGATE_TEST_ENDPOINTS: Gmail Support Trigger may take a local certificate URL for push tokens.
    env: {
      CREDENTIALS_OVERWRITE_DATA: JSON.stringify({ gmailOAuth2: { accessTokenUrl: relay.tokenUrl } }),
      SUPPORTGATE_TEST_ENDPOINTS: '1',
    },
  });
  const owner = await new N8nClient(info.baseUrl).login();
  const state: HarnessState = { ...info, ledgerDir, session: owner.session(), tokenRelayRegisterUrl: relay.registerUrl };
  const stateFile = stateFileFor(process.pid);
  writeFileSync(stateFile, JSON.stringify(state));
  process.env.SUPPORTGATE_N8N_STATE = stateFile;
  if (!process.env.CI)
    process.stdout.write(
      `\nn8n ready at ${info.baseUrl} in ${((Date.now() - started) / 1000).toFixed(1)} s (pid ${info.pid}, log ${info.logFile})\n`,
    );
}
