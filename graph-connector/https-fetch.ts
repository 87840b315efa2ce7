import { request as httpsRequest } from 'node:https';
import type { FetchLike } from './client';

/**
 * fetch over node:https that trusts `ca` (PEM) besides nothing else: for a Graph endpoint behind a
 * private CA (a proxy, a sovereign-cloud gateway, a local test server). Global fetch cannot be
 * given a CA once the process runs (n8n's process included), hence this small transport.
 */
export function caTrustingFetch(ca: string): FetchLike {
  return async (input, init) => {
    const req = new Request(input, init);
    const body = req.body ? Buffer.from(await req.arrayBuffer()) : undefined;
    const headers: Record<string, string> = {};
    req.headers.forEach((v, k) => (headers[k] = v));
    if (body) headers['content-length'] = String(body.length);
    return new Promise<Response>((resolve, reject) => {
      const r = httpsRequest(req.url, { method: req.method, headers, ca, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const h = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(', ') : v);
          const status = res.statusCode ?? 500;
          resolve(new Response(status === 204 || status === 304 ? null : Buffer.concat(chunks), { status, headers: h }));
        });
        res.on('error', reject);
      });
      r.on('error', reject);
      r.end(body);
    });
  };
}
