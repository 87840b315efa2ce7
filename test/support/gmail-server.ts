/**
 * A local server speaking the slice of the Gmail API (and Google's OAuth token endpoint) that
 * SupportGate uses, so tests drive the real @googleapis/gmail client. Objects are typed with the
 * client's own schema types, errors are Google-shaped, Bearer tokens are checked, every request is
 * recorded, and sent messages are kept (raw MIME decoded) for assertions.
 */
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import type { gmail_v1 } from '@googleapis/gmail';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  authorization: string | null;
}

export interface StoredMessage {
  message: gmail_v1.Schema$Message;
  mime: Buffer;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly googleStatus: string,
    message: string,
  ) {
    super(message);
  }
}

const NO_CONTENT = Symbol('204');

const SYSTEM_LABELS = ['INBOX', 'SENT', 'DRAFT', 'SPAM', 'TRASH', 'UNREAD', 'IMPORTANT', 'STARRED'];

/** One Gmail history record: this server records the messageAdded kind only. */
export interface HistoryRecord {
  id: number;
  messagesAdded: Array<{ message: gmail_v1.Schema$Message }>;
}

/** Watches last this long on Gmail (seven days). */
export const WATCH_LIFETIME_MS = 7 * 86_400_000;

/** Gmail writes a label in a query lower-cased, separators as hyphens. */
const querySlug = (name: string): string => name.toLowerCase().replace(/[ /]/g, '-');

function headerOf(mime: Buffer, name: string): string {
  const head = mime
    .toString('latin1')
    .split(/\r?\n\r?\n/)[0]
    .replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(name.toLowerCase() + ':'));
  return line ? line.slice(name.length + 1).trim() : '';
}

export class GmailTestServer {
  readonly requests: RecordedRequest[] = [];
  readonly labels = new Map<string, gmail_v1.Schema$Label>();
  readonly messages = new Map<string, StoredMessage>();
  /** Messages received by users.messages.send, in order. */
  readonly sent: StoredMessage[] = [];
  /** The next this-many sends answer 503, as Gmail does when its backend fails: nothing is sent. */
  failSends = 0;
  /** The same, only for sends to this address (the others go through). */
  failSendsTo: { address: string; times: number } | null = null;
  /** Access tokens the API accepts. */
  readonly validTokens = new Set<string>();
  /** Refresh token → client id the token endpoint accepts. */
  readonly refreshTokens = new Map<string, { clientId: string; clientSecret: string }>();
  me = 'support@acme.test';
  /** Mailbox history, oldest first; `historyId` is the mailbox's current one. */
  readonly history: HistoryRecord[] = [];
  historyId = 5000;
  /** history.list answers 404 for a startHistoryId below this (Gmail keeps about a week of history). */
  historyFloor = 0;
  /** The users.watch in force, if any. */
  watch?: { topicName: string; labelIds: string[]; labelFilterBehavior: string; expiration: number; historyId: string };
  private server?: Server;
  private seq = 0;
  port = 0;

  constructor(options: { accessToken?: string } = {}) {
    if (options.accessToken) this.validTokens.add(options.accessToken);
    for (const id of SYSTEM_LABELS) this.labels.set(id, { id, name: id, type: 'system' });
  }

  get rootUrl(): string {
    return `http://127.0.0.1:${this.port}/`;
  }

  get tokenUrl(): string {
    return `${this.rootUrl}token`;
  }

  private nextId(prefix: string): string {
    return `${prefix}${(++this.seq).toString(16).padStart(8, '0')}`;
  }

  /** Puts a received mail in the mailbox (a messageAdded history record, like Gmail's delivery). */
  addMessage(
    mime: string | Buffer,
    options: { id?: string; threadId?: string; labelIds?: string[]; internalDate?: Date } = {},
  ): gmail_v1.Schema$Message {
    const bytes = Buffer.isBuffer(mime) ? mime : Buffer.from(mime);
    const id = options.id ?? this.nextId('18c');
    const message: gmail_v1.Schema$Message = {
      id,
      threadId: options.threadId ?? id,
      labelIds: options.labelIds ?? ['INBOX', 'UNREAD'],
      snippet: bytes
        .toString('utf8')
        .split(/\r?\n\r?\n/)
        .slice(1)
        .join(' ')
        .slice(0, 100),
      sizeEstimate: bytes.length,
      internalDate: String((options.internalDate ?? new Date()).getTime()),
    };
    this.messages.set(id, { message, mime: bytes });
    this.recordAdded(message);
    return message;
  }

  /** A new history id and a messageAdded record for the message (Gmail's messages carry the id of their last change). */
  private recordAdded(message: gmail_v1.Schema$Message): void {
    this.historyId += 1 + (this.seq % 3); // Gmail's ids grow, not by one
    message.historyId = String(this.historyId);
    this.history.push({
      id: this.historyId,
      messagesAdded: [{ message: { id: message.id, threadId: message.threadId, labelIds: [...(message.labelIds ?? [])] } }],
    });
  }

  /** Gmail has dropped the history older than now: a startHistoryId before this point answers 404. */
  expireHistory(): void {
    this.historyFloor = this.historyId;
  }

  labelByName(name: string): gmail_v1.Schema$Label | undefined {
    return [...this.labels.values()].find((l) => l.name === name);
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  count(method: string, pathPattern: RegExp): number {
    return this.requests.filter((r) => r.method === method && pathPattern.test(r.path)).length;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const type = req.headers['content-type'] ?? '';
    const body: unknown = !rawBody ? {} : type.includes('json') ? JSON.parse(rawBody) : Object.fromEntries(new URLSearchParams(rawBody));
    this.requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body,
      authorization: req.headers.authorization ?? null,
    });
    const send = (status: number, data: unknown) => {
      // Like Google: a refused token is named in the challenge, which OAuth clients act on.
      const challenge = status === 401 ? { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' } : {};
      res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...challenge });
      res.end(JSON.stringify(data));
    };
    try {
      if (url.pathname === '/token' && req.method === 'POST') return send(...this.token(body as Record<string, string>));
      const m = /^\/gmail\/v1\/users\/([^/]+)\/(.+)$/.exec(url.pathname);
      if (!m) throw new ApiError(404, 'NOT_FOUND', `No route ${req.method} ${url.pathname}`);
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!token || !this.validTokens.has(token)) {
        throw new ApiError(
          401,
          'UNAUTHENTICATED',
          'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
        );
      }
      if (m[1] !== 'me' && m[1] !== this.me) throw new ApiError(403, 'PERMISSION_DENIED', 'Delegation denied for ' + this.me);
      const answer = this.route(req.method ?? 'GET', m[2], url.searchParams, body as Record<string, unknown>);
      if (answer === NO_CONTENT) {
        res.writeHead(204).end();
        return;
      }
      send(200, answer);
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError(500, 'INTERNAL', String(err));
      send(e.status, {
        error: {
          code: e.status,
          message: e.message,
          errors: [{ message: e.message, domain: 'global', reason: e.googleStatus.toLowerCase() }],
          status: e.googleStatus,
        },
      });
    }
  }

  private token(body: Record<string, string>): [number, unknown] {
    const known = this.refreshTokens.get(body.refresh_token ?? '');
    if (body.grant_type !== 'refresh_token' || !known || known.clientId !== body.client_id || known.clientSecret !== body.client_secret) {
      return [400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' }];
    }
    const accessToken = `ya29.test-${this.nextId('')}`;
    this.validTokens.add(accessToken);
    return [
      200,
      { access_token: accessToken, expires_in: 3599, token_type: 'Bearer', scope: 'https://www.googleapis.com/auth/gmail.modify' },
    ];
  }

  private route(method: string, path: string, query: URLSearchParams, body: Record<string, unknown>): unknown {
    if (path === 'labels' && method === 'GET') {
      const labels: gmail_v1.Schema$ListLabelsResponse = { labels: [...this.labels.values()] };
      return labels;
    }
    if (path === 'labels' && method === 'POST') return this.createLabel(body as gmail_v1.Schema$Label);
    if (path === 'messages' && method === 'GET') return this.list(query);
    if (path === 'messages/send' && method === 'POST') return this.sendMessage(body as gmail_v1.Schema$Message);
    if (path === 'profile' && method === 'GET') return this.profile();
    if (path === 'history' && method === 'GET') return this.listHistory(query);
    if (path === 'watch' && method === 'POST') return this.startWatch(body as gmail_v1.Schema$WatchRequest);
    if (path === 'stop' && method === 'POST') {
      this.watch = undefined;
      return NO_CONTENT;
    }
    const modify = /^messages\/([^/]+)\/modify$/.exec(path);
    if (modify && method === 'POST') return this.modify(modify[1], body as gmail_v1.Schema$ModifyMessageRequest);
    const get = /^messages\/([^/]+)$/.exec(path);
    if (get && method === 'GET') return this.get(get[1], query);
    throw new ApiError(404, 'NOT_FOUND', `No route ${method} ${path}`);
  }

  private createLabel(input: gmail_v1.Schema$Label): gmail_v1.Schema$Label {
    const name = (input.name ?? '').trim();
    if (!name) throw new ApiError(400, 'INVALID_ARGUMENT', 'Invalid label name');
    if ([...this.labels.values()].some((l) => l.name?.toLowerCase() === name.toLowerCase()))
      throw new ApiError(409, 'ALREADY_EXISTS', 'Label name exists or conflicts');
    const label: gmail_v1.Schema$Label = {
      id: this.nextId('Label_'),
      name,
      type: 'user',
      labelListVisibility: input.labelListVisibility ?? 'labelShow',
      messageListVisibility: input.messageListVisibility ?? 'show',
    };
    this.labels.set(label.id!, label);
    return label;
  }

  private stored(id: string): StoredMessage {
    const s = this.messages.get(id);
    if (!s) throw new ApiError(404, 'NOT_FOUND', 'Requested entity was not found.');
    return s;
  }

  private sendMessage(input: gmail_v1.Schema$Message): gmail_v1.Schema$Message {
    if (this.failSends > 0) {
      this.failSends--;
      throw new ApiError(503, 'UNAVAILABLE', 'The service is currently unavailable.');
    }
    if (typeof input.raw !== 'string' || !input.raw)
      throw new ApiError(400, 'INVALID_ARGUMENT', "'raw' RFC822 payload message string or uploading message via /upload/* URL required");
    const refused = this.failSendsTo;
    if (
      refused &&
      refused.times > 0 &&
      (headerOf(Buffer.from(input.raw, 'base64url'), 'To') ?? '').toLowerCase().includes(refused.address)
    ) {
      refused.times--;
      throw new ApiError(503, 'UNAVAILABLE', 'The service is currently unavailable.');
    }
    if (input.threadId && ![...this.messages.values()].some((s) => s.message.threadId === input.threadId))
      throw new ApiError(404, 'NOT_FOUND', 'Requested entity was not found.');
    const mime = Buffer.from(input.raw, 'base64url');
    if (!headerOf(mime, 'To')) throw new ApiError(400, 'FAILED_PRECONDITION', 'Precondition check failed.');
    const id = this.nextId('18d');
    const message: gmail_v1.Schema$Message = { id, threadId: input.threadId ?? id, labelIds: ['SENT'], internalDate: String(Date.now()) };
    const stored = { message, mime };
    this.messages.set(id, stored);
    this.sent.push(stored);
    this.recordAdded(message);
    return { id, threadId: message.threadId, labelIds: message.labelIds };
  }

  private modify(id: string, input: gmail_v1.Schema$ModifyMessageRequest): gmail_v1.Schema$Message {
    const s = this.stored(id);
    for (const l of [...(input.addLabelIds ?? []), ...(input.removeLabelIds ?? [])]) {
      if (!this.labels.has(l)) throw new ApiError(400, 'INVALID_ARGUMENT', `Invalid label: ${l}`);
    }
    const labels = new Set(s.message.labelIds ?? []);
    for (const l of input.addLabelIds ?? []) labels.add(l);
    for (const l of input.removeLabelIds ?? []) labels.delete(l);
    s.message.labelIds = [...labels];
    return { id, threadId: s.message.threadId, labelIds: s.message.labelIds };
  }

  private get(id: string, query: URLSearchParams): gmail_v1.Schema$Message {
    const s = this.stored(id);
    const format = query.get('format') ?? 'full';
    if (format === 'raw') return { ...s.message, raw: s.mime.toString('base64url') };
    if (format === 'minimal') return { ...s.message };
    if (format === 'metadata') {
      const wanted = query.getAll('metadataHeaders').map((h) => h.toLowerCase());
      const names = wanted.length ? wanted : ['from', 'to', 'cc', 'subject', 'date', 'message-id'];
      const headers: gmail_v1.Schema$MessagePartHeader[] = names
        .map((n) => ({ name: n.replace(/(^|-)\w/g, (c) => c.toUpperCase()), value: headerOf(s.mime, n) }))
        .filter((h) => h.value);
      return { ...s.message, payload: { mimeType: headerOf(s.mime, 'Content-Type').split(';')[0] || 'text/plain', headers } };
    }
    throw new ApiError(400, 'INVALID_ARGUMENT', `format ${format} is not served by this test server`);
  }

  private profile(): gmail_v1.Schema$Profile {
    return {
      emailAddress: this.me,
      messagesTotal: this.messages.size,
      threadsTotal: new Set([...this.messages.values()].map((s) => s.message.threadId)).size,
      historyId: String(this.historyId),
    };
  }

  /** users.history.list: records after startHistoryId, filtered by type and label, paged; 404 once Gmail dropped that far back. */
  private listHistory(query: URLSearchParams): gmail_v1.Schema$ListHistoryResponse {
    const start = Number(query.get('startHistoryId'));
    if (!query.get('startHistoryId') || !Number.isFinite(start)) throw new ApiError(400, 'INVALID_ARGUMENT', 'Invalid startHistoryId');
    if (start < this.historyFloor) throw new ApiError(404, 'NOT_FOUND', 'Requested entity was not found.');
    const types = query.getAll('historyTypes');
    if (types.some((t) => !['messageAdded', 'messageDeleted', 'labelAdded', 'labelRemoved'].includes(t)))
      throw new ApiError(400, 'INVALID_ARGUMENT', `Invalid historyTypes`);
    const labelId = query.get('labelId');
    const records = this.history
      .filter((h) => h.id > start)
      .filter((h) => !labelId || h.messagesAdded.some((a) => a.message.labelIds?.includes(labelId)))
      .filter((h) => !types.length || types.includes('messageAdded'));
    const size = Math.min(Number(query.get('maxResults') ?? 100), 500);
    const offset = Number(query.get('pageToken') ?? 0);
    const page = records.slice(offset, offset + size);
    const next = offset + size < records.length ? String(offset + size) : undefined;
    return {
      ...(page.length
        ? {
            history: page.map((h) => ({
              id: String(h.id),
              messages: h.messagesAdded.map((a) => ({ id: a.message.id, threadId: a.message.threadId })),
              messagesAdded: h.messagesAdded,
            })),
          }
        : {}),
      historyId: String(this.historyId),
      ...(next ? { nextPageToken: next } : {}),
    };
  }

  /** users.watch: the topic must look like Google's resource name; the watch lasts seven days. */
  private startWatch(input: gmail_v1.Schema$WatchRequest): gmail_v1.Schema$WatchResponse {
    if (!/^projects\/[^/]+\/topics\/[^/]+$/.test(input.topicName ?? ''))
      throw new ApiError(400, 'INVALID_ARGUMENT', 'Invalid topicName does not match projects/*/topics/*');
    for (const l of input.labelIds ?? []) if (!this.labels.has(l)) throw new ApiError(400, 'INVALID_ARGUMENT', `Invalid label: ${l}`);
    const expiration = Date.now() + WATCH_LIFETIME_MS;
    this.watch = {
      topicName: input.topicName!,
      labelIds: input.labelIds ?? [],
      labelFilterBehavior: input.labelFilterBehavior ?? input.labelFilterAction ?? 'include',
      expiration,
      historyId: String(this.historyId),
    };
    return { historyId: String(this.historyId), expiration: String(expiration) };
  }

  /** The Pub/Sub notification Gmail publishes after a change: {emailAddress, historyId}. */
  notification(): { emailAddress: string; historyId: number } {
    return { emailAddress: this.me, historyId: this.historyId };
  }

  /** Gmail's search, for the operators the reconcile sweep uses; other words match the text. */
  private matches(s: StoredMessage, q: string): boolean {
    const names = (s.message.labelIds ?? []).map((id) => this.labels.get(id)?.name ?? id);
    return q
      .split(/\s+/)
      .filter(Boolean)
      .every((term) => {
        const negate = term.startsWith('-');
        const t = negate ? term.slice(1) : term;
        let hit: boolean;
        const [op, value = ''] = t.includes(':') ? [t.slice(0, t.indexOf(':')).toLowerCase(), t.slice(t.indexOf(':') + 1)] : ['', t];
        const alias: Record<string, string> = { drafts: 'draft' };
        if (op === 'in' || op === 'label') hit = names.some((n) => querySlug(n) === (alias[value.toLowerCase()] ?? value.toLowerCase()));
        else if (op === 'newer_than') {
          const m = /^(\d+)([dmy])$/.exec(value);
          if (!m) throw new ApiError(400, 'INVALID_ARGUMENT', `Invalid query: ${term}`);
          const days = Number(m[1]) * (m[2] === 'd' ? 1 : m[2] === 'm' ? 30 : 365);
          hit = Number(s.message.internalDate) >= Date.now() - days * 86_400_000;
        } else if (op === 'after' || op === 'before') {
          // Gmail takes epoch seconds or a yyyy/mm/dd date.
          const at = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value.replace(/\//g, '-'));
          if (!Number.isFinite(at)) throw new ApiError(400, 'INVALID_ARGUMENT', `Invalid query: ${term}`);
          const date = Number(s.message.internalDate);
          hit = op === 'after' ? date > at : date < at;
        } else if (op === 'from')
          hit =
            (value === 'me' ? this.me : value).length > 0 &&
            headerOf(s.mime, 'From')
              .toLowerCase()
              .includes((value === 'me' ? this.me : value).toLowerCase());
        else hit = s.mime.toString('utf8').toLowerCase().includes(t.toLowerCase());
        return negate ? !hit : hit;
      });
  }

  private list(query: URLSearchParams): gmail_v1.Schema$ListMessagesResponse {
    const q = query.get('q') ?? '';
    const all = [...this.messages.values()]
      .filter((s) => query.get('includeSpamTrash') === 'true' || !s.message.labelIds?.some((l) => l === 'SPAM' || l === 'TRASH'))
      .filter((s) => this.matches(s, q))
      .sort((a, b) => Number(b.message.internalDate) - Number(a.message.internalDate));
    const size = Math.min(Number(query.get('maxResults') ?? 100), 500);
    const start = Number(query.get('pageToken') ?? 0);
    const page = all.slice(start, start + size);
    const next = start + size < all.length ? String(start + size) : undefined;
    return {
      messages: page.map((s) => ({ id: s.message.id, threadId: s.message.threadId })),
      resultSizeEstimate: all.length,
      ...(next ? { nextPageToken: next } : {}),
    };
  }
}
