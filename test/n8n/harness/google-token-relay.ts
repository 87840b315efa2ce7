/**
 * Google's token endpoint as the n8n under test sees it. n8n refreshes a gmailOAuth2 token at the
 * credential type's fixed Access Token URL, which only n8n's credential overwrites can change, and
 * only when n8n starts. Global setup points it here; this relay hands each refresh grant, as it
 * came, to the local Gmail server that registered that refresh token (see registerRefreshToken),
 * so every test file keeps its own Google.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TokenRelay {
  tokenUrl: string;
  registerUrl: string;
  close(): Promise<void>;
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startTokenRelay(): Promise<TokenRelay> {
  const owners = new Map<string, string>(); // refresh token → token URL of the server that knows it
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await bodyOf(req);
      if (req.url === '/register' && req.method === 'POST') {
        const { refreshToken, tokenUrl } = JSON.parse(body) as { refreshToken: string; tokenUrl: string };
        owners.set(refreshToken, tokenUrl);
        res.writeHead(204).end();
        return;
      }
      const owner =
        req.url === '/token' && req.method === 'POST' ? owners.get(new URLSearchParams(body).get('refresh_token') ?? '') : undefined;
      if (!owner) {
        res.writeHead(400, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ error: 'invalid_grant', error_description: 'Bad Request' }));
        return;
      }
      const answer = await fetch(owner, {
        method: 'POST',
        headers: {
          'content-type': req.headers['content-type'] ?? 'application/x-www-form-urlencoded',
          ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
        },
        body,
      });
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
      res.end(await answer.text());
    })().catch((err: unknown) => res.writeHead(502).end(String(err)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    tokenUrl: `${base}/token`,
    registerUrl: `${base}/register`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
