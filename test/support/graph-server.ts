/**
 * A local HTTPS server speaking the slice of Microsoft Graph the Outlook connector uses, so tests
 * drive the real @microsoft/microsoft-graph-client. Self-signed cert for 127.0.0.1 (the client
 * needs https); responses typed with @microsoft/microsoft-graph-types. Delta tokens are change
 * sequence numbers; `expireDeltaTokens()` makes old ones answer 410; `throttle()` injects 429s, `unavailable()` 503s.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as MicrosoftGraph from '@microsoft/microsoft-graph-types';
import type { FetchLike } from '../../graph-connector/client';
import { caTrustingFetch } from '../../graph-connector/https-fetch';

export interface TestCert {
  key: string;
  cert: string;
}

export function makeCert(): TestCert {
  const dir = mkdtempSync(join(tmpdir(), 'graph-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-days',
        '1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The connector's own CA-trusting fetch: tests use the transport production uses. */
export const httpsFetch = caTrustingFetch;

export interface RecordedGraphRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: unknown;
  at: number;
}

interface StoredMessage {
  message: MicrosoftGraph.Message;
  folder: string;
  seq: number;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (!raw) return undefined;
  if (String(req.headers['content-type']).includes('x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
  return JSON.parse(raw);
}

export async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

export class GraphTestServer {
  readonly requests: RecordedGraphRequest[] = [];
  readonly messages: StoredMessage[] = [];
  readonly subscriptions = new Map<string, MicrosoftGraph.Subscription>();
  readonly categories: MicrosoftGraph.OutlookCategory[] = [];
  readonly sent: MicrosoftGraph.Message[] = [];
  readonly drafts = new Map<string, MicrosoftGraph.Message>();
  url = '';
  private seq = 0;
  private tokensValidFrom = 0;
  private throttles: Array<{ retryAfter: string; matches: (path: string) => boolean; status: number }> = [];
  private server: Server;
  private ids = 0;
  private draftIds = 0;

  constructor(
    readonly tls: TestCert,
    readonly mailbox = 'support@contoso.example',
  ) {
    this.server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
      this.route(req, res).catch((err: Error) => this.json(res, 500, { error: { code: 'InternalServerError', message: err.message } }));
    });
  }

  async start(): Promise<this> {
    this.url = await listen(this.server);
    return this;
  }
  stop(): Promise<void> {
    return close(this.server);
  }
  get fetch(): FetchLike {
    return httpsFetch(this.tls.cert);
  }

  /** Delivers a message into a folder (default Inbox) and returns it. */
  addMessage(partial: Partial<MicrosoftGraph.Message> = {}, folder = 'Inbox'): MicrosoftGraph.Message {
    const n = ++this.ids;
    const message: MicrosoftGraph.Message = {
      id: `AAMk-${n}`,
      internetMessageId: `<m${n}@client.example>`,
      conversationId: `conv-${n}`,
      subject: `Question ${n}`,
      from: { emailAddress: { name: 'Alice Client', address: 'alice@client.example' } },
      toRecipients: [{ emailAddress: { name: 'Support', address: this.mailbox } }],
      ccRecipients: [],
      replyTo: [],
      receivedDateTime: new Date().toISOString(),
      hasAttachments: false,
      body: { contentType: 'text', content: `Hello, I need help with order ${n}.` },
      bodyPreview: `Hello, I need help with order ${n}.`,
      categories: [],
      internetMessageHeaders: [
        {
          name: 'Authentication-Results',
          value:
            'contoso.example; spf=pass smtp.mailfrom=client.example; dkim=pass header.d=client.example; dmarc=pass header.from=client.example',
        },
      ],
      attachments: [],
      ...partial,
    };
    this.messages.push({ message, folder, seq: ++this.seq });
    return message;
  }

  /** Old delta tokens answer 410 Gone from now on. */
  expireDeltaTokens(): void {
    this.tokensValidFrom = this.seq + 1;
  }
  /** The next request whose path includes `pathIncludes` answers 429 with this Retry-After. */
  throttle(retryAfter: string, pathIncludes = ''): void {
    this.throttles.push({ retryAfter, matches: (path) => path.includes(pathIncludes), status: 429 });
  }
  /**
   * The next `times` requests whose path ends with `pathEndsWith` answer 503 ServiceUnavailable with
   * this Retry-After: more times than the client retries makes the call fail for good.
   */
  unavailable(pathEndsWith: string, times: number, retryAfter = '1'): void {
    for (let i = 0; i < times; i++) this.throttles.push({ retryAfter, matches: (path) => path.endsWith(pathEndsWith), status: 503 });
  }
  requestsTo(pathIncludes: string, method = 'GET'): RecordedGraphRequest[] {
    return this.requests.filter((r) => r.method === method && r.path.includes(pathIncludes));
  }

  /** Posts a change (or lifecycle) notification like Graph does; returns the HTTP status. */
  async notify(subscriptionId: string, extra: Record<string, unknown> = {}, url?: string): Promise<number> {
    const sub = this.subscriptions.get(subscriptionId);
    const target = url ?? (extra.lifecycleEvent ? sub?.lifecycleNotificationUrl : sub?.notificationUrl);
    const notification = {
      subscriptionId,
      clientState: sub?.clientState,
      changeType: 'created',
      resource: sub?.resource,
      tenantId: 'tenant-1',
      ...extra,
    };
    const res = await this.fetch(target as string, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ value: [notification] }),
    });
    await res.arrayBuffer();
    return res.status;
  }

  private json(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
    // Like Graph, empty answers (202 send, 204 delete) carry no content-type.
    res.writeHead(status, body === undefined ? headers : { 'content-type': 'application/json', ...headers });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  }
  private notFound(res: ServerResponse, what: string): void {
    this.json(res, 404, { error: { code: 'ErrorItemNotFound', message: `${what} not found` } });
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const u = new URL(req.url ?? '/', this.url);
    const path = decodeURIComponent(u.pathname).replace(/^\/v1\.0/, '');
    const body = await readBody(req);
    this.requests.push({ method: req.method ?? 'GET', path, query: u.searchParams, headers: req.headers, body, at: Date.now() });
    const tenant = /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|oauth2\/v2\.0\/token)$/.exec(path);
    if (tenant) return this.identity(res, tenant[1], tenant[2], body as Record<string, string>);
    if (!String(req.headers.authorization ?? '').startsWith('Bearer '))
      return this.json(res, 401, { error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty.' } });
    const t = this.throttles.findIndex((x) => x.matches(path));
    if (t >= 0) {
      const [hit] = this.throttles.splice(t, 1);
      const error =
        hit.status === 429
          ? { code: 'ApplicationThrottled', message: 'Too many requests' }
          : { code: 'ServiceUnavailable', message: 'The service is temporarily unavailable' };
      return this.json(res, hit.status, { error }, { 'Retry-After': hit.retryAfter });
    }
    const m = req.method ?? 'GET';
    const user = `/users/${this.mailbox}`;
    if (path === '/subscriptions' && m === 'POST') return this.createSubscription(res, body as MicrosoftGraph.Subscription);
    const sub = /^\/subscriptions\/([^/]+)$/.exec(path);
    if (sub) return this.subscription(res, m, sub[1], body as MicrosoftGraph.Subscription);
    if (!path.startsWith(user)) return this.notFound(res, `mailbox ${path}`);
    const rest = path.slice(user.length);
    const delta = /^\/mailFolders\/([^/]+)\/messages\/delta$/.exec(rest);
    if (delta && m === 'GET') return this.delta(res, delta[1], u.searchParams, String(req.headers.prefer ?? ''));
    if (rest === '/outlook/masterCategories') {
      if (m === 'POST') this.categories.push({ id: `cat-${this.categories.length + 1}`, ...(body as MicrosoftGraph.OutlookCategory) });
      return this.json(res, m === 'POST' ? 201 : 200, m === 'POST' ? this.categories.at(-1) : { value: this.categories });
    }
    if (rest === '/sendMail' && m === 'POST') {
      this.sent.push((body as { message: MicrosoftGraph.Message }).message);
      return this.json(res, 202);
    }
    const msg = /^\/messages\/([^/]+)(?:\/(\w+))?$/.exec(rest);
    if (msg) return this.messageRoute(res, m, msg[1], msg[2], body, u.searchParams);
    return this.notFound(res, path);
  }

  /** Entra ID endpoints MSAL needs for client credentials (authority metadata, token). */
  readonly issuedTokens: string[] = [];
  clientSecret = 'app-secret';
  private identity(res: ServerResponse, tenant: string, what: string, body: Record<string, string>): void {
    const root = `${this.url}/${tenant}`;
    if (what.endsWith('openid-configuration')) {
      return this.json(res, 200, {
        token_endpoint: `${root}/oauth2/v2.0/token`,
        authorization_endpoint: `${root}/oauth2/v2.0/authorize`,
        end_session_endpoint: `${root}/oauth2/v2.0/logout`,
        issuer: `${root}/v2.0`,
        jwks_uri: `${root}/discovery/v2.0/keys`,
        response_types_supported: ['code', 'id_token', 'token'],
      });
    }
    if (body?.grant_type !== 'client_credentials' || body.client_secret !== this.clientSecret) {
      return this.json(res, 401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' });
    }
    const token = `app-token-${this.issuedTokens.length + 1}`;
    this.issuedTokens.push(token);
    return this.json(res, 200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token, scope: body.scope });
  }

  private async createSubscription(res: ServerResponse, body: MicrosoftGraph.Subscription): Promise<void> {
    // Like Graph: validate the notification URL(s) before creating; the endpoint must echo the token.
    for (const url of new Set([body.notificationUrl, body.lifecycleNotificationUrl].filter(Boolean) as string[])) {
      const token = `validation-${Math.random().toString(36).slice(2)}`;
      const answer = await this.fetch(`${url}?validationToken=${encodeURIComponent(token)}`, { method: 'POST' });
      const text = await answer.text();
      if (answer.status !== 200 || text !== token || !String(answer.headers.get('content-type')).startsWith('text/plain')) {
        return this.json(res, 400, { error: { code: 'ValidationError', message: `Subscription validation request failed for ${url}` } });
      }
    }
    const created: MicrosoftGraph.Subscription = {
      ...body,
      id: `sub-${this.subscriptions.size + 1}-${Date.now()}`,
      applicationId: 'app-1',
      creatorId: 'creator-1',
    };
    this.subscriptions.set(created.id as string, created);
    return this.json(res, 201, created);
  }

  private subscription(res: ServerResponse, m: string, id: string, body: MicrosoftGraph.Subscription): void {
    const current = this.subscriptions.get(id);
    if (!current) return this.notFound(res, `subscription ${id}`);
    if (m === 'DELETE') {
      this.subscriptions.delete(id);
      return this.json(res, 204);
    }
    if (m === 'PATCH') Object.assign(current, { expirationDateTime: body.expirationDateTime });
    return this.json(res, 200, current);
  }

  private delta(res: ServerResponse, folder: string, q: URLSearchParams, prefer: string): void {
    const pageSize = Number(/odata\.maxpagesize=(\d+)/.exec(prefer)?.[1] ?? 10);
    const folderName = folder.replace(/^'|'$/g, '');
    let after: number;
    let upto: number;
    let offset: number;
    let filter = q.get('$filter') ?? '';
    const skip = q.get('$skiptoken');
    const token = q.get('$deltatoken');
    if (skip) [after, upto, offset] = skip.split('.').map(Number);
    else if (token) [after, upto, offset] = [Number(token), this.seq, 0];
    else [after, upto, offset] = [0, this.seq, 0];
    if ((skip || token) && after > 0 && after < this.tokensValidFrom) {
      return this.json(res, 410, { error: { code: 'SyncStateNotFound', message: 'The sync state generation is not found.' } });
    }
    if (skip) filter = q.get('filter') ?? '';
    const floor = /receivedDateTime ge (\S+)/.exec(filter)?.[1];
    const all = this.messages.filter(
      (s) =>
        s.folder.toLowerCase() === folderName.toLowerCase() &&
        s.seq > after &&
        s.seq <= upto &&
        (!floor || Date.parse(s.message.receivedDateTime as string) >= Date.parse(floor)),
    );
    const page = all.slice(offset, offset + pageSize).map(
      (s): MicrosoftGraph.Message => ({
        id: s.message.id,
        internetMessageId: s.message.internetMessageId,
        receivedDateTime: s.message.receivedDateTime,
      }),
    );
    const base = `${this.url}/v1.0/users/${encodeURIComponent(this.mailbox)}/mailFolders/${folder}/messages/delta`;
    const more = offset + pageSize < all.length;
    const link = more
      ? { '@odata.nextLink': `${base}?$skiptoken=${after}.${upto}.${offset + pageSize}&filter=${encodeURIComponent(filter)}` }
      : { '@odata.deltaLink': `${base}?$deltatoken=${Math.max(upto, 1)}` };
    return this.json(res, 200, { '@odata.context': 'delta', value: page, ...link });
  }

  private messageRoute(res: ServerResponse, m: string, id: string, action: string | undefined, body: unknown, q: URLSearchParams): void {
    const stored = this.messages.find((s) => s.message.id === id);
    const draft = this.drafts.get(id);
    const target = stored?.message ?? draft;
    if (!target) return this.notFound(res, `message ${id}`);
    if (!action && m === 'GET') {
      const withAttachments = (q.get('$expand') ?? '').includes('attachments');
      const { attachments, ...rest } = target;
      return this.json(res, 200, withAttachments ? { ...rest, attachments } : rest);
    }
    if (!action && m === 'PATCH') {
      Object.assign(target, body as MicrosoftGraph.Message);
      return this.json(res, 200, target);
    }
    if (action === 'createReply' && m === 'POST') {
      const created: MicrosoftGraph.Message = {
        id: `draft-${++this.draftIds}`,
        isDraft: true,
        conversationId: target.conversationId,
        subject: `RE: ${target.subject}`,
        toRecipients: [target.from as MicrosoftGraph.Recipient],
        body: { contentType: 'html', content: '<div>quoted original</div>' },
      };
      this.drafts.set(created.id as string, created);
      return this.json(res, 201, created);
    }
    if (action === 'send' && m === 'POST' && draft) {
      this.drafts.delete(id);
      this.sent.push(draft);
      return this.json(res, 202);
    }
    if (action === 'reply' && m === 'POST') {
      this.sent.push({
        subject: `RE: ${target.subject}`,
        body: { contentType: 'text', content: (body as { comment: string }).comment },
        toRecipients: [target.from as MicrosoftGraph.Recipient],
      });
      return this.json(res, 202);
    }
    if (action === 'move' && m === 'POST' && stored) {
      stored.folder = (body as { destinationId: string }).destinationId;
      stored.message.id = `${id}-moved`;
      return this.json(res, 201, stored.message);
    }
    return this.notFound(res, `${m} ${action}`);
  }
}
