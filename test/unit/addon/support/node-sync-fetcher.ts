/**
 * A Fetcher over Node's fetch, made synchronous like UrlFetchApp by running fetch in a child
 * process. Aborts after `timeoutMs` (exit code 3 → timeout); connection errors → network.
 */
import { execFileSync } from 'node:child_process';
import { FetchFailure, type Fetcher } from '../../../../gmail-addon/src/api-client';

const SCRIPT = `
let input = '';
process.stdin.on('data', (c) => { input += c; });
process.stdin.on('end', async () => {
  const { request, timeoutMs } = JSON.parse(input);
  try {
    const res = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body, signal: AbortSignal.timeout(timeoutMs) });
    process.stdout.write(JSON.stringify({ status: res.status, body: await res.text() }));
  } catch (error) {
    process.stderr.write(String(error && error.cause ? error.cause.message || error.cause.code : error && error.message));
    process.exit(error && (error.name === 'TimeoutError' || error.name === 'AbortError') ? 3 : 4);
  }
});`;

export function createNodeSyncFetcher(timeoutMs: number): Fetcher {
  return {
    post(request) {
      try {
        const out = execFileSync(process.execPath, ['-e', SCRIPT], {
          input: JSON.stringify({ request, timeoutMs }),
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        return JSON.parse(out.toString('utf8')) as { status: number; body: string };
      } catch (error) {
        const failed = error as { status?: number; stderr?: Buffer };
        const detail = failed.stderr?.toString('utf8') || String(error);
        throw new FetchFailure(failed.status === 3 ? 'timeout' : 'network', detail);
      }
    },
  };
}
