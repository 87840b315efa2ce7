/**
 * Tiny Credits API over real HTTP, run in a child process (the client under test blocks its own
 * thread like UrlFetchApp does). Payloads typed with the API schema types; some deliberately wrong.
 */
import { createServer } from 'node:http';
import type { MoneyResponse, SenderCreditsResponse } from '../../../../core/ledger/api-schemas';

const KEY = 'contract-key';
const valid: SenderCreditsResponse = {
  authorized: true,
  account: { id: 'acc_1', name: 'Client SARL' },
  balance: 2,
  history: [
    {
      id: 'j1',
      kind: 'grant',
      credits: 2,
      balanceAfter: 2,
      ticketId: null,
      actor: 'admin',
      note: 'welcome',
      createdAt: '2025-11-20T09:00:00.000Z',
    },
  ],
  openPaymentLinks: [
    {
      url: 'https://checkout.stripe.com/c/pay/cs_1',
      credits: 5,
      amountMinor: 40000,
      currency: 'eur',
      price: '€400.00',
      expiresAt: '2025-11-21T09:00:00.000Z',
    },
  ],
  tickets: [{ id: 't1', number: 1, subject: 'Help', status: 'new', waived: false, createdAt: '2025-11-20T09:00:00.000Z' }],
};

const server = createServer((req, res) => {
  let raw = '';
  req.on('data', (c) => {
    raw += c;
  });
  req.on('end', () => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    if (req.method !== 'POST' || req.headers['content-type'] !== 'application/json')
      return send(400, { error: { code: 'bad_request', message: 'POST JSON only' } });
    if (req.headers['x-supportgate-key'] !== KEY)
      return send(401, { error: { code: 'unauthorized', message: 'Missing or wrong X-SupportGate-Key' } });
    const body = JSON.parse(raw) as { sender?: string; credits?: number };
    if (req.url === '/webhook/supportgate/credits/sender') {
      switch (body.sender) {
        case 'jane@client.fr':
          return send(200, valid);
        case 'bad-shape@client.fr':
          return send(200, { ...valid, openPaymentLinks: [{ ...valid.openPaymentLinks[0], url: 'not a url' }] });
        case 'not-json@client.fr':
          return send(200, '<html>n8n error page</html>');
        case 'unknown@client.fr':
          return send(404, { error: { code: 'sender_not_found', message: 'No account for unknown@client.fr', field: 'sender' } });
        case 'slow@client.fr':
          return setTimeout(() => send(200, valid), 5000);
        default:
          return send(500, { error: { code: 'internal', message: 'boom' } });
      }
    }
    if (req.url === '/webhook/supportgate/credits/grant') {
      if (body.credits === 999)
        return send(400, { error: { code: 'invalid_request', message: 'credits: too many at once', field: 'credits' } });
      return send(200, {
        status: 'done',
        balance: 2 + (body.credits ?? 0),
        credits: body.credits ?? 0,
        entryId: 'j9',
      } satisfies MoneyResponse);
    }
    return send(404, { error: { code: 'not_found', message: `No route ${req.url}` } });
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
});
process.on('disconnect', () => process.exit(0));
