import os from 'node:os';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import type { N8nServerInfo } from '../../../scripts/n8n/n8n-server';
import type { N8nSession } from './n8n-client';

/** Where global setup leaves the running n8n's coordinates for the test files (other processes). */
// Global setup runs in Jest's main process and sets SUPPORTGATE_N8N_STATE, which test workers inherit.
export const stateFileFor = (jestPid: number) => path.join(os.tmpdir(), `supportgate-n8n-${jestPid}.json`);
export const stateFile = process.env.SUPPORTGATE_N8N_STATE ?? stateFileFor(process.ppid);

export interface HarnessState extends N8nServerInfo {
  /** Where the SQLite ledger files of this run live (inside the n8n user folder). */
  ledgerDir: string;
  /** The owner's login, made once: test files reuse it (n8n rate-limits logins). */
  session: N8nSession;
  /** Where a test registers a refresh token its Gmail server issued (see google-token-relay.ts). */
  tokenRelayRegisterUrl: string;
}

export function readState(): HarnessState {
  const file = process.env.SUPPORTGATE_N8N_STATE ?? stateFile;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as HarnessState;
  } catch {
    throw new Error(`no running n8n for the tests (${file}): run the n8n tests through jest, whose global setup starts it.`);
  }
}
