/** The API client's contract over real HTTP against a local server (child process). */
import { buildSync } from 'esbuild';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClientError, createApiClient } from '../../../gmail-addon/src/api-client';
import { createNodeSyncFetcher } from './support/node-sync-fetcher';

let server: ChildProcess;
let dir: string;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sg-addon-http-'));
  const outfile = join(dir, 'server.js');
  buildSync({
    entryPoints: [join(__dirname, 'support/credits-http-server.ts')],
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'cjs',
    outfile,
  });
  server = fork(outfile, [], { stdio: 'pipe' });
  const port = await new Promise<number>((resolve) => server.once('message', (m) => resolve((m as { port: number }).port)));
  base = `http://127.0.0.1:${port}/webhook/`;
});
afterAll(() => {
  server.kill();
  rmSync(dir, { recursive: true, force: true });
});

const client = (key = 'contract-key', timeoutMs = 10000) =>
  createApiClient(createNodeSyncFetcher(timeoutMs), { baseUrl: base, apiKey: key });
function failure(run: () => unknown): ApiClientError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiClientError) return error;
    throw error;
  }
  throw new Error('expected an ApiClientError');
}

describe('Credits API client over HTTP', () => {
  it('posts JSON with the key header and returns the schema-valid payload', () => {
    const data = client().senderCredits({ project: 'acme', sender: 'jane@client.fr' });
    expect(data.account?.name).toBe('Client SARL');
    expect(data.openPaymentLinks[0].amountMinor).toBe(40000);
    const money = client().grant({ project: 'acme', sender: 'jane@client.fr', credits: 5, note: '', idempotencyKey: 'k1' });
    expect(money).toEqual({ status: 'done', balance: 7, credits: 5, entryId: 'j9' });
  });

  it('maps 401, 404 with field, 400 with field and 500 to typed errors', () => {
    expect(failure(() => client('wrong').senderCredits({ project: 'acme', sender: 'jane@client.fr' }))).toMatchObject({
      kind: 'unauthorized',
      status: 401,
      code: 'unauthorized',
    });
    expect(failure(() => client().senderCredits({ project: 'acme', sender: 'unknown@client.fr' }))).toMatchObject({
      kind: 'not_found',
      field: 'sender',
      code: 'sender_not_found',
    });
    expect(
      failure(() => client().grant({ project: 'acme', sender: 'jane@client.fr', credits: 999, note: '', idempotencyKey: 'k2' })),
    ).toMatchObject({ kind: 'invalid_request', field: 'credits', message: 'credits: too many at once' });
    expect(failure(() => client().senderCredits({ project: 'acme', sender: 'other@client.fr' }))).toMatchObject({
      kind: 'server',
      status: 500,
    });
  });

  it('rejects schema-invalid and non-JSON 200 answers as bad_response', () => {
    const shape = failure(() => client().senderCredits({ project: 'acme', sender: 'bad-shape@client.fr' }));
    expect(shape.kind).toBe('bad_response');
    expect(shape.message).toContain('openPaymentLinks.0.url');
    expect(failure(() => client().senderCredits({ project: 'acme', sender: 'not-json@client.fr' })).kind).toBe('bad_response');
  });

  it('validates the request before sending it', () => {
    const e = failure(() => client().grant({ project: 'acme', sender: 'not-an-email', credits: 1, note: '', idempotencyKey: 'k3' }));
    expect(e).toMatchObject({ kind: 'invalid_request', field: 'sender' });
  });

  it('turns a server that does not answer in time into a timeout, and a closed port into a network error', () => {
    expect(failure(() => client('contract-key', 300).senderCredits({ project: 'acme', sender: 'slow@client.fr' })).kind).toBe('timeout');
    const closed = createApiClient(createNodeSyncFetcher(2000), { baseUrl: 'http://127.0.0.1:1/webhook', apiKey: 'k' });
    expect(failure(() => closed.senderCredits({ project: 'acme', sender: 'jane@client.fr' })).kind).toBe('network');
  });

  it('refuses to call without settings', () => {
    const none = createApiClient(createNodeSyncFetcher(1000), { baseUrl: '', apiKey: '' });
    expect(failure(() => none.senderCredits({ project: 'acme', sender: 'jane@client.fr' })).kind).toBe('not_configured');
  });
});
