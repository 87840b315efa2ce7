import {
  ApiError,
  AuthorizeSenderRequest,
  GrantRequest,
  JournalEntryShape,
  SenderCreditsResponse,
  SetTicketStatusRequest,
  TicketShape,
  WaiveTicketRequest,
} from '../../../core/ledger/api-schemas';

describe('Credits API shapes', () => {
  test('a grant needs a sender address, positive whole credits and an idempotency key', () => {
    expect(GrantRequest.parse({ project: 'acme', sender: 'anna@client.fr', credits: 5, idempotencyKey: 'k1' })).toEqual({
      project: 'acme',
      sender: 'anna@client.fr',
      credits: 5,
      idempotencyKey: 'k1',
      note: '',
    });
    const bad = GrantRequest.safeParse({ project: 'acme', sender: 'anna', credits: 1.5 });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path[0]).sort()).toEqual(['credits', 'idempotencyKey', 'sender']);
  });

  test('authorize sender defaults to the single address, no credits', () => {
    expect(AuthorizeSenderRequest.parse({ project: 'acme', sender: 'anna@client.fr' })).toMatchObject({
      wholeDomain: false,
      initialCredits: 0,
    });
  });

  test('ticket statuses are the ledger statuses', () => {
    expect(SetTicketStatusRequest.safeParse({ project: 'acme', ticketNumber: 3, status: 'resolved' }).success).toBe(true);
    expect(SetTicketStatusRequest.safeParse({ project: 'acme', ticketNumber: 3, status: 'done' }).success).toBe(false);
  });

  test('a waive names a ticket by number and carries a per-click key; waive entries and flags are readable', () => {
    expect(WaiveTicketRequest.parse({ project: 'acme', ticketNumber: 12, idempotencyKey: 'click-1' })).toEqual({
      project: 'acme',
      ticketNumber: 12,
      note: '',
      idempotencyKey: 'click-1',
    });
    const bad = WaiveTicketRequest.safeParse({ project: 'acme', ticketNumber: 0 });
    expect(bad.error!.issues.map((i) => i.path[0]).sort()).toEqual(['idempotencyKey', 'ticketNumber']);
    const entry = {
      id: 'j1',
      kind: 'waive',
      credits: 1,
      balanceAfter: 3,
      ticketId: 't1',
      actor: 'staff',
      note: 'our bug',
      createdAt: '2025-11-20T09:00:00.000Z',
    };
    expect(JournalEntryShape.safeParse(entry).success).toBe(true);
    // A server from before the waive sends no flag: read as not waived, not as a broken answer.
    const ticket = { id: 't1', number: 1, subject: 'Help', status: 'new', createdAt: '2025-11-20T09:00:00.000Z' };
    expect(TicketShape.parse(ticket)).toEqual({ ...ticket, waived: false });
  });

  test('an unauthorized sender still has a complete response; errors have one shape', () => {
    const empty = { authorized: false, account: null, balance: 0, history: [], openPaymentLinks: [], tickets: [] };
    expect(SenderCreditsResponse.parse(empty)).toEqual(empty);
    expect(ApiError.safeParse({ error: { code: 'invalid_credits', message: 'credits must be…', field: 'credits' } }).success).toBe(true);
    expect(ApiError.safeParse({ code: 'x' }).success).toBe(false);
  });
});
