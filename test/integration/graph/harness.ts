import { createServer, type Server } from 'node:https';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { SupportEmail } from '../../../core/email';
import {
  createGraphClient,
  delegatedAuthProvider,
  MemoryConnectorState,
  OutlookSupportConnector,
  type ConnectorState,
  type OutlookConnectorOptions,
} from '../../../graph-connector';
import { close, GraphTestServer, listen, makeCert, type TestCert } from '../../support/graph-server';

export const CLIENT_STATE = 'secret-client-state-1234567890';

let cert: TestCert | undefined;
/** One self-signed cert per test file (openssl keygen takes a moment). */
export function testCert(): TestCert {
  return (cert ??= makeCert());
}

export interface Harness {
  graph: GraphTestServer;
  client: Client;
  connector: OutlookSupportConnector;
  state: ConnectorState;
  emails: SupportEmail[];
  /** Work started by notifications; await before asserting. */
  works: Promise<unknown>[];
  webhookUrl: string;
  settle(): Promise<void>;
  stop(): Promise<void>;
  /** Another connector (a restart) on the same mailbox, webhook and emails list. */
  reconnect(state: ConnectorState): OutlookSupportConnector;
}

export async function startHarness(opts: Partial<OutlookConnectorOptions> = {}): Promise<Harness> {
  const tls = testCert();
  const graph = await new GraphTestServer(tls).start();
  const client = createGraphClient({
    authProvider: delegatedAuthProvider('test-access-token'),
    baseUrl: graph.url,
    customHosts: new Set(['127.0.0.1']),
    fetch: graph.fetch,
    retry: { maxRetries: 2, maxWaitSeconds: 5 },
  });
  const emails: SupportEmail[] = [];
  const works: Promise<unknown>[] = [];
  let connector: OutlookSupportConnector;
  const receiver: Server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'https://127.0.0.1');
      const handled = connector.handle({ query: Object.fromEntries(url.searchParams), body: raw ? JSON.parse(raw) : undefined });
      res.writeHead(handled.outcome.response.status, handled.outcome.response.headers);
      res.end(handled.outcome.response.body);
      works.push(handled.work);
    });
  });
  const webhookUrl = `${await listen(receiver)}/webhook`;
  const state = opts.state ?? new MemoryConnectorState();
  const make = (s: ConnectorState): OutlookSupportConnector =>
    new OutlookSupportConnector({
      client,
      mailbox: graph.mailbox,
      clientState: CLIENT_STATE,
      notificationUrl: webhookUrl,
      lifecycleNotificationUrl: `${webhookUrl}/lifecycle`,
      onMessage: async (email) => {
        emails.push(email);
      },
      pageSize: 2,
      ...opts,
      state: s,
    });
  connector = make(state);
  return {
    graph,
    client,
    get connector() {
      return connector;
    },
    state,
    emails,
    works,
    webhookUrl,
    async settle() {
      while (works.length) await Promise.all(works.splice(0));
    },
    async stop() {
      await close(receiver);
      await graph.stop();
    },
    reconnect(s: ConnectorState) {
      connector = make(s);
      return connector;
    },
  };
}
