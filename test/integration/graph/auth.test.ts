import {
  appOnlyAuthProvider,
  createGraphClient,
  delegatedAuthProvider,
  GraphConnectorError,
  replyWithComment,
} from '../../../graph-connector';
import { GraphTestServer } from '../../support/graph-server';
import { testCert } from './harness';

describe('Graph auth: app-only (ClientSecretCredential) and delegated token', () => {
  let graph: GraphTestServer;
  beforeEach(async () => {
    graph = await new GraphTestServer(testCert()).start();
  });
  afterEach(() => graph.stop());

  const appClient = (clientSecret: string) =>
    createGraphClient({
      authProvider: appOnlyAuthProvider({
        tenantId: 'tenant-1',
        clientId: 'client-1',
        clientSecret,
        credentialOptions: { authorityHost: graph.url, disableInstanceDiscovery: true, tlsOptions: { ca: graph.tls.cert } },
      }),
      baseUrl: graph.url,
      customHosts: new Set(['127.0.0.1']),
      fetch: graph.fetch,
    });

  it('app-only: gets a client-credentials token for graph/.default and sends it as Bearer', async () => {
    const m = graph.addMessage();
    await replyWithComment(appClient('app-secret'), graph.mailbox, m.id as string, 'ok');
    const tokenCall = graph.requests.find((r) => r.path.endsWith('/oauth2/v2.0/token'));
    expect(tokenCall?.body).toMatchObject({
      grant_type: 'client_credentials',
      client_id: 'client-1',
      scope: expect.stringContaining('https://graph.microsoft.com/.default'),
    });
    expect(graph.requestsTo(`/messages/${m.id}/reply`, 'POST')[0].headers.authorization).toBe('Bearer app-token-1');
  });

  it('app-only: a wrong secret surfaces as an error and reaches no mailbox endpoint', async () => {
    const m = graph.addMessage();
    await expect(replyWithComment(appClient('wrong'), graph.mailbox, m.id as string, 'ok')).rejects.toThrow(
      /client secret|AADSTS7000215|authenticat/i,
    );
    expect(graph.requestsTo('/messages/', 'POST')).toHaveLength(0);
  });

  it('delegated: the current token is read on every request; missing settings are typed errors', async () => {
    let token = 'user-token-a';
    const client = createGraphClient({
      authProvider: delegatedAuthProvider(() => token),
      baseUrl: graph.url,
      customHosts: new Set(['127.0.0.1']),
      fetch: graph.fetch,
    });
    const m = graph.addMessage();
    await replyWithComment(client, graph.mailbox, m.id as string, '1');
    token = 'user-token-b';
    await replyWithComment(client, graph.mailbox, m.id as string, '2');
    expect(graph.requestsTo('/reply', 'POST').map((r) => r.headers.authorization)).toEqual(['Bearer user-token-a', 'Bearer user-token-b']);
    expect(() => delegatedAuthProvider('')).toThrow(GraphConnectorError);
    expect(() => appOnlyAuthProvider({ tenantId: 't', clientId: '', clientSecret: 's' })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', field: 'clientId' }),
    );
  });
});
