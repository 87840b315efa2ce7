/**
 * A paid session releases the account's held tickets: the link's own first, then oldest first, as
 * far as the balance goes; the rest stay held and are listed. Never two debits for one ticket,
 * whatever the replays and concurrent runs, on the real SQLite and PostgreSQL ledgers.
 */
import { createPaymentLink, PaidOutcome, processStripeEvent } from '../../../core/payments';
import { StripeTestServer } from '../../support/stripe-server';
import { BACKENDS, Fixture, makeFixture, SETTINGS, startStripeServer, useLedger } from './fixture';

describe.each(BACKENDS)('releasing held tickets on the real %s ledger', (backend) => {
  const ledger = useLedger(backend, 'pay_release');
  let server: StripeTestServer;
  let f: Fixture;
  beforeEach(async () => {
    server = await startStripeServer();
    f = await makeFixture(server, ledger(), {
      settings: {
        ...SETTINGS,
        packs: [
          { credits: 2, priceMinor: 15000 },
          { credits: 3, priceMinor: 22000 },
        ],
      },
    });
  });
  afterEach(async () => {
    await server.stop();
  });

  /** A request mail without credit, as Debit Credit opens it: held, with the Gmail ids of the mail. */
  const hold = async (n: number) => {
    const r = await f.store.openRequest({
      project: f.project.id,
      accountId: f.account.id,
      messageId: `<req-${n}@client.fr>`,
      idempotencyKey: `msg:${f.project.id}:<req-${n}@client.fr>`,
      subject: `Problem ${n}`,
      sender: 'client@corp.fr',
      subjectFingerprint: '',
      bodySignature: '',
      actor: 'test',
      providerMessageId: `gm-${n}`,
      threadId: `th-${n}`,
      mailSource: 'gmail-full',
    });
    expect(r).toMatchObject({ outcome: 'no_credit', ticket: { status: 'waiting_payment' } });
    return r.ticket!;
  };
  const pay = async (ticketId: string | null, credits: number) => {
    const l = await createPaymentLink(f.deps, {
      project: f.project,
      accountId: f.account.id,
      ticketId,
      credits,
      customerEmail: 'client@corp.fr',
    });
    return server.event('checkout.session.completed', server.pay(l.sessionId).session);
  };
  const debits = async () => (await f.journal()).filter((j) => j.kind === 'debit').map((j) => j.idempotencyKey);

  it("stores the mail's provider ids on the ticket it opens (migration 4)", async () => {
    const t = await hold(1);
    expect(await f.store.getTicket(t.id)).toMatchObject({
      providerMessageId: 'gm-1',
      threadId: 'th-1',
      mailSource: 'gmail-full',
      messageId: '<req-1@client.fr>',
    });
    const plain = await f.store.createTicket({ project: f.project.id, subject: 'By staff', accountId: f.account.id });
    expect(plain.ticket).toMatchObject({ providerMessageId: null, threadId: null, mailSource: null });
  });

  it("releases the link's ticket first, then the oldest, as far as the credits go; the rest stays held and listed", async () => {
    const [a, b, c, d] = [await hold(1), await hold(2), await hold(3), await hold(4)];
    const out = (await processStripeEvent(f.deps, await pay(c.id, 2))) as PaidOutcome;
    expect(out.releasedTickets.map((t) => [t.number, t.releasedNow, t.status])).toEqual([
      [c.number, true, 'new'],
      [a.number, true, 'new'],
    ]);
    expect(out.releasedTickets[0]).toMatchObject({
      ticketId: c.id,
      providerMessageId: 'gm-3',
      threadId: 'th-3',
      mailSource: 'gmail-full',
      messageId: '<req-3@client.fr>',
      sender: 'client@corp.fr',
    });
    expect(out.stillHeld.map((t) => [t.ticketId, t.released, t.reason])).toEqual([
      [b.id, false, 'no credit left to debit'],
      [d.id, false, 'no credit left to debit'],
    ]);
    expect(out).toMatchObject({ balance: 0, ticket: { ticketId: c.id, released: true } });
    expect(await debits()).toEqual([`ticket:${c.id}:release`, `ticket:${a.id}:release`]);
    expect((await f.store.getTicket(b.id))!.status).toBe('waiting_payment');
    expect((await f.store.ticketHistory(a.id)).map((h) => [h.fromStatus, h.toStatus, h.actor])).toEqual([
      [null, 'waiting_payment', 'test'],
      ['waiting_payment', 'new', 'stripe'],
    ]);

    // The next payment picks up where this one stopped, oldest first.
    const next = (await processStripeEvent(f.deps, await pay(null, 1))) as PaidOutcome;
    expect(next.releasedTickets.map((t) => t.ticketId)).toEqual([b.id]);
    expect(next.stillHeld.map((t) => t.ticketId)).toEqual([d.id]);
    expect(await f.store.checkInvariants()).toEqual([]);
  });

  it('never debits a ticket twice: 40 replays, half of them concurrent, answer like the first run', async () => {
    const held = [await hold(1), await hold(2), await hold(3)];
    const event = await pay(held[1].id, 2);
    const first = (await processStripeEvent(f.deps, event)) as PaidOutcome;
    const sequential = [];
    for (let i = 0; i < 19; i++) sequential.push((await processStripeEvent(f.deps, event)) as PaidOutcome);
    const concurrent = (await Promise.all(Array.from({ length: 20 }, () => processStripeEvent(f.deps, event)))) as PaidOutcome[];
    for (const o of [...sequential, ...concurrent]) {
      expect(o).toMatchObject({ firstTime: false, balance: 0 });
      expect(o.releasedTickets.map((t) => [t.ticketId, t.releasedNow])).toEqual([
        [held[0].id, false],
        [held[1].id, false],
      ]);
      expect(o.stillHeld.map((t) => t.ticketId)).toEqual([held[2].id]);
    }
    expect(first.releasedTickets.map((t) => [t.ticketId, t.releasedNow])).toEqual([
      [held[1].id, true],
      [held[0].id, true],
    ]);
    expect((await debits()).sort()).toEqual([`ticket:${held[0].id}:release`, `ticket:${held[1].id}:release`].sort());
    expect(await f.store.balance(f.account.id)).toBe(0);
  });

  it('concurrent first deliveries of one payment release each ticket exactly once', async () => {
    const held = [await hold(1), await hold(2), await hold(3)];
    const event = await pay(held[0].id, 3);
    const all = (await Promise.all(Array.from({ length: 12 }, () => processStripeEvent(f.deps, event)))) as PaidOutcome[];
    expect(all.filter((o) => o.firstTime)).toHaveLength(1);
    // Each ticket is released by exactly one run: the one that should send its mail.
    const now = all.flatMap((o) => o.releasedTickets.filter((t) => t.releasedNow).map((t) => t.ticketId));
    expect(now.sort()).toEqual(held.map((t) => t.id).sort());
    expect((await debits()).length).toBe(3);
    expect(await f.store.balance(f.account.id)).toBe(0);
    expect(await f.store.checkInvariants()).toEqual([]);
  });

  it('a new request racing the release never overdraws: each credit pays one ticket', async () => {
    const held = await hold(1);
    const event = await pay(held.id, 1);
    const newRequest = (n: number) =>
      f.store.openRequest({
        project: f.project.id,
        accountId: f.account.id,
        messageId: `<race-${n}@client.fr>`,
        idempotencyKey: `msg:${f.project.id}:<race-${n}@client.fr>`,
        subject: `Race ${n}`,
        subjectFingerprint: '',
        bodySignature: '',
        actor: 'test',
      });
    const [paid, ...requests] = await Promise.all([processStripeEvent(f.deps, event), newRequest(1), newRequest(2), newRequest(3)]);
    const charged = requests.filter((r) => r.outcome === 'debited').length + (paid as PaidOutcome).releasedTickets.length;
    expect(charged).toBe(1);
    expect(await debits()).toHaveLength(1);
    expect(await f.store.balance(f.account.id)).toBe(0);
    expect(await f.store.checkInvariants()).toEqual([]);
  });

  it('a ticket put on hold again after its paid release is released without a second debit', async () => {
    const t = await hold(1);
    await processStripeEvent(f.deps, await pay(t.id, 1));
    await f.store.setTicketStatus(t.id, 'waiting_payment', 'staff:anna');
    const again = (await processStripeEvent(f.deps, await pay(null, 1))) as PaidOutcome;
    expect(again.releasedTickets.map((r) => [r.ticketId, r.releasedNow])).toEqual([[t.id, true]]);
    expect(await debits()).toEqual([`ticket:${t.id}:release`]);
    expect(await f.store.balance(f.account.id)).toBe(1);
  });

  it('refuses to release for a request that is not paid', async () => {
    const l = await createPaymentLink(f.deps, { project: f.project, accountId: f.account.id });
    await expect(f.store.releaseHeldTickets(l.sessionId, 'stripe')).rejects.toMatchObject({
      code: 'invalid_transition',
      field: 'stripeSessionId',
    });
  });
});
