import { ApiError, AuthorizeSenderRequest, GrantRequest, SenderCreditsResponse, SetTicketStatusRequest } from '../../../core/ledger/api-schemas';

describe('Credits API shapes', () => {
  test('a grant needs a sender address, positive whole credits and an idempotency key', () => {
    expect(GrantRequest.parse({ project: 'acme', sender: 'anna@client.fr', credits: 5, idempotencyKey: 'k1' })).toEqual({ project: 'acme', sender: 'anna@client.fr', credits: 5, idempotencyKey: 'k1', note: '' });
    const bad = GrantRequest.safeParse({ project: 'acme', sender: 'anna', credits: 1.5 });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path[0]).sort()).toEqual(['credits', 'idempotencyKey', 'sender']);
  });

  test('authorize sender defaults to the single address, no credits', () => {
    expect(AuthorizeSenderRequest.parse({ project: 'acme', sender: 'anna@client.fr' })).toMatchObject({ wholeDomain: false, initialCredits: 0 });
  });

  test('ticket statuses are the ledger statuses', () => {
    expect(SetTicketStatusRequest.safeParse({ project: 'acme', ticketNumber: 3, status: 'resolved' }).success).toBe(true);
    expect(SetTicketStatusRequest.safeParse({ project: 'acme', ticketNumber: 3, status: 'done' }).success).toBe(false);
  });

  test('an unauthorized sender still has a complete response; errors have one shape', () => {
    const empty = { authorized: false, account: null, balance: 0, history: [], openPaymentLinks: [], tickets: [] };
    expect(SenderCreditsResponse.parse(empty)).toEqual(empty);
    expect(ApiError.safeParse({ error: { code: 'invalid_credits', message: 'credits must be…', field: 'credits' } }).success).toBe(true);
    expect(ApiError.safeParse({ code: 'x' }).success).toBe(false);
  });
});
