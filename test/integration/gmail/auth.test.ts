/** Credentials: refresh through the OAuth token endpoint, and a refused token as a clear error. */
import { gmail } from '../../../core';
import { GmailTestServer } from '../../support/gmail-server';

let server: GmailTestServer;
beforeEach(async () => (server = await new GmailTestServer().start()));
afterEach(() => server.stop());

test('a refresh token is exchanged at the token endpoint and the new access token is used', async () => {
  server.refreshTokens.set('1//refresh', { clientId: 'cid.apps.googleusercontent.com', clientSecret: 'secret' });
  const client = gmail.createGmailClient(
    {
      oauth2: { clientId: 'cid.apps.googleusercontent.com', clientSecret: 'secret', refreshToken: '1//refresh', tokenUrl: server.tokenUrl },
    },
    { rootUrl: server.rootUrl, retry: false },
  );
  await gmail.ensureLabels(client, ['SupportGate/Paid']);
  const token = server.requests.filter((r) => r.path === '/token');
  expect(token).toHaveLength(1);
  expect(token[0].body).toMatchObject({
    grant_type: 'refresh_token',
    refresh_token: '1//refresh',
    client_id: 'cid.apps.googleusercontent.com',
    client_secret: 'secret',
  });
  const api = server.requests.filter((r) => r.path.startsWith('/gmail/'));
  expect(api.length).toBeGreaterThan(1);
  expect(new Set(api.map((r) => r.authorization))).toEqual(new Set([`Bearer ${[...server.validTokens][0]}`]));
  // The token is kept: a second call does not refresh again.
  await gmail.listUnlabeledRecent(client, {});
  expect(server.requests.filter((r) => r.path === '/token')).toHaveLength(1);
});

test('a revoked refresh token tells the user to reconnect', async () => {
  const client = gmail.createGmailClient(
    { oauth2: { clientId: 'c', clientSecret: 's', refreshToken: 'revoked', tokenUrl: server.tokenUrl } },
    { rootUrl: server.rootUrl, retry: false },
  );
  await expect(gmail.ensureLabels(client, ['SupportGate/Paid'])).rejects.toMatchObject({
    code: 'gmail_unauthorized',
    field: 'credentials',
    message: expect.stringContaining('reconnect'),
  });
});

test('an expired access token (401) is a clear error naming the credential', async () => {
  const client = gmail.createGmailClient({ accessToken: 'ya29.expired' }, { rootUrl: server.rootUrl, retry: false });
  const error = await gmail.listUnlabeledRecent(client, {}).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(gmail.GmailError);
  expect(error).toMatchObject({ code: 'gmail_unauthorized', status: 401, field: 'credentials' });
  expect((error as Error).message).toMatch(
    /^Gmail listing labels failed: Google refused the credentials \(Request had invalid authentication credentials.*reconnect the Gmail OAuth2 credential/,
  );
  expect(server.requests[0].authorization).toBe('Bearer ya29.expired');
});

test('an authorized fetch carries every request, and a GmailError it throws reaches the caller as is', async () => {
  server.validTokens.add('ya29.from-the-transport');
  const seen: string[] = [];
  const authorizedFetch: gmail.AuthorizedFetch = (input, init) => {
    seen.push(String(input));
    const headers = new Headers(init?.headers);
    headers.set('authorization', 'Bearer ya29.from-the-transport');
    return fetch(input, { ...init, headers });
  };
  const client = gmail.createGmailClient({ authorizedFetch }, { rootUrl: server.rootUrl, retry: false });
  await gmail.ensureLabels(client, ['SupportGate/Paid']);
  const api = server.requests.filter((r) => r.path.startsWith('/gmail/'));
  expect(seen).toHaveLength(api.length);
  expect(new Set(api.map((r) => r.authorization))).toEqual(new Set(['Bearer ya29.from-the-transport']));

  const refused = new gmail.GmailError('gmail_unauthorized', 'reconnect', { field: 'credentials' });
  const failing = gmail.createGmailClient({ authorizedFetch: () => Promise.reject(refused) }, { rootUrl: server.rootUrl, retry: false });
  await expect(gmail.listLabels(failing)).rejects.toBe(refused);
});

test('missing credential fields are named before any request', () => {
  expect(() => gmail.createGmailClient({ accessToken: '' })).toThrow(expect.objectContaining({ field: 'accessToken' }));
  expect(() => gmail.createGmailClient({ oauth2: { clientId: 'c', clientSecret: '', refreshToken: 'r' } })).toThrow(
    expect.objectContaining({ field: 'oauth2.clientSecret' }),
  );
  expect(server.requests).toHaveLength(0);
});
