import { rmSync } from 'node:fs';
import { stopN8n } from '../../../scripts/n8n/n8n-server';
import type { TokenRelay } from './google-token-relay';
import { readState, stateFile } from './state';

export default async function globalTeardown(): Promise<void> {
  const state = readState();
  await stopN8n(state.pid);
  await (globalThis as { supportGateTokenRelay?: TokenRelay }).supportGateTokenRelay?.close();
  rmSync(process.env.SUPPORTGATE_N8N_STATE ?? stateFile, { force: true });
  if (!process.env.SUPPORTGATE_KEEP_N8N) rmSync(state.userFolder, { recursive: true, force: true });
}
