/** Sender authentication policy on both stores: a forged From of an authorized client spends nothing. */
import { checkSender, confirmationCodeText, debitForRequest, requestKey } from '../../../core/tickets';
import { mail } from './mail';
import { setUp, type GateFixture } from './contract';

const HOUR = 3600_000;
// The client's domain publishes no DMARC and the forger's server is not in its SPF: what a receiving
// host writes for a forged From of such a domain (no fail, no aligned pass).
const NO_DMARC = (domain: string) => `mx.agency.fr; spf=softfail smtp.mailfrom=${domain}; dkim=none; dmarc=none header.from=${domain}`;

export function confirmationContract(f: GateFixture): void {
  describe('sender authentication policy', () => {
    const forged = (s: Awaited<ReturnType<typeof setUp>>, over: Parameters<typeof mail>[0] = {}) =>
      s.mk({ authResults: NO_DMARC(s.from.split('@')[1]!), replyTo: [{ address: 'eve@attacker.example', name: '' }], ...over });

    /** The registered client's answer to the confirmation mail, in its thread, with the code in the subject. */
    const confirmationReply = (
      s: Awaited<ReturnType<typeof setUp>>,
      request: { messageId: string; subject: string },
      code: string,
      over: Parameters<typeof mail>[0] = {},
    ) =>
      s.mk({
        subject: `Re: ${request.subject} (${confirmationCodeText(code)})`,
        inReplyTo: '<confirmation@agency.fr>',
        references: [request.messageId, '<confirmation@agency.fr>'],
        text: 'Yes, that was me.',
        authResults: NO_DMARC(s.from.split('@')[1]!),
        ...over,
      });

    test('require (default): a forged request is held uncharged; the gate says why; re-deliveries hold nothing new', async () => {
      const s = await setUp(f, 3);
      const m = forged(s, { subject: 'Please reset the admin password' });
      const gate = await checkSender(f.ledger, m);
      expect(gate).toMatchObject({
        route: 'has_credit',
        authenticity: { verdict: 'unverified' },
        senderAuthentication: { policy: 'require', confirmationRequired: true },
      });
      const held = await debitForRequest(f.ledger, m, { project: s.project, account: s.account, authenticity: gate.authenticity.verdict });
      expect(held).toMatchObject({
        route: 'needs_confirmation',
        outcome: 'held_for_confirmation',
        charged: false,
        balance: 3,
        ticket: { status: 'waiting_confirmation', sender: s.from },
      });
      expect(held.confirmationCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      const again = await Promise.all(
        Array.from({ length: 5 }, () =>
          debitForRequest(f.ledger, m, { project: s.project, account: s.account, authenticity: 'unverified' }),
        ),
      );
      expect(again.map((r) => [r.route, r.outcome, r.ticket!.id, r.confirmationCode])).toEqual(
        again.map(() => ['needs_confirmation', 'linked', held.ticket!.id, undefined]),
      );
      expect(await f.ledger.balance(s.account.id)).toBe(3);
      expect((await f.ledger.history(s.account.id)).entries.filter((e) => e.kind === 'debit')).toHaveLength(0);
    });

    test('require: the registered sender confirms in the thread with the code → charged once, under the request key', async () => {
      const s = await setUp(f, 2);
      const m = forged(s);
      const held = await debitForRequest(f.ledger, m, { project: s.project, account: s.account, authenticity: 'unverified' });
      const reply = confirmationReply(s, m, held.confirmationCode!);
      const gate = await checkSender(f.ledger, reply);
      expect(gate).toMatchObject({ route: 'has_credit', reasonCode: 'confirmation', confirms: true, ticket: { id: held.ticket!.id } });
      const confirmed = await Promise.all(
        Array.from({ length: 4 }, () =>
          debitForRequest(f.ledger, reply, { project: s.project, account: s.account, authenticity: 'unverified' }),
        ),
      );
      expect(confirmed.filter((r) => r.charged)).toHaveLength(1);
      expect(confirmed.every((r) => r.route === 'debited' && r.ticket!.id === held.ticket!.id && r.ticket!.status === 'new')).toBe(true);
      expect(await f.ledger.balance(s.account.id)).toBe(1);
      // The original request delivered once more (a sweep, a retry) is not charged again.
      const redriven = await debitForRequest(f.ledger, m, { project: s.project, account: s.account, authenticity: 'unverified' });
      expect(redriven).toMatchObject({ route: 'debited', charged: false, ticket: { id: held.ticket!.id } });
      const debits = (await f.ledger.history(s.account.id)).entries.filter((e) => e.kind === 'debit');
      expect(debits.map((e) => [e.idempotencyKey, e.ticketId])).toEqual([[requestKey(s.project.id, m.messageId), held.ticket!.id]]);
      expect(await f.ledger.checkInvariants()).toEqual([]);
    });

    test('require: a forged confirmation confirms nothing — no code, a guessed code, another sender, out of thread', async () => {
      const s = await setUp(f, 2);
      const m = forged(s);
      const held = await debitForRequest(f.ledger, m, { project: s.project, account: s.account, authenticity: 'unverified' });
      const code = held.confirmationCode!;
      // Bob belongs to the same account (its whole domain is authorized), but the request was held for Anna.
      await f.ledger.authorizeDomain(s.project.id, s.account.id, s.from.split('@')[1]!);
      const attempts = [
        // The forger knows the request it wrote, not the code the registered mailbox received.
        confirmationReply(s, m, 'ABCD-EFGH-JKMN'),
        s.mk({
          subject: `Re: ${m.subject}`,
          inReplyTo: m.messageId,
          references: [m.messageId],
          authResults: NO_DMARC(s.from.split('@')[1]!),
        }),
        // Right code, but not from the address the request was held for.
        confirmationReply(s, m, code, { fromAddress: `bob@${s.from.split('@')[1]}` }),
        // Right code, but no thread header of the ticket.
        confirmationReply(s, m, code, { inReplyTo: '<other@x>', references: ['<other@x>'] }),
      ];
      for (const attempt of attempts) {
        const gate = await checkSender(f.ledger, attempt);
        expect(gate.confirms).toBeUndefined();
      }
      expect((await f.ledger.getTicket(held.ticket!.id))!.status).toBe('waiting_confirmation');
      expect(await f.ledger.balance(s.account.id)).toBe(2);
      // A reply with DMARC fail is spoofed before anything, code or not.
      const spoofed = await checkSender(
        f.ledger,
        confirmationReply(s, m, code, {
          authResults: `mx.agency.fr; spf=fail smtp.mailfrom=x; dkim=fail; dmarc=fail header.from=${s.from.split('@')[1]}`,
        }),
      );
      expect(spoofed).toMatchObject({ route: 'not_authorized', reasonCode: 'spoofed' });
      const spoofedReply = confirmationReply(s, m, code, { authResults: `mx.agency.fr; dmarc=fail header.from=${s.from.split('@')[1]}` });
      expect(await debitForRequest(f.ledger, spoofedReply, { project: s.project, account: s.account })).toMatchObject({ charged: false });
      expect((await f.ledger.getTicket(held.ticket!.id))!.status).toBe('waiting_confirmation');
    });

    test('require: a confirmation after the expiry closes the request uncharged; without credit it waits for payment', async () => {
      const s = await setUp(f, 1, { confirmationExpiryHours: 2 });
      const late = forged(s);
      const held = await debitForRequest(f.ledger, late, { project: s.project, account: s.account, authenticity: 'unverified' });
      const expired = await debitForRequest(f.ledger, confirmationReply(s, late, held.confirmationCode!), {
        project: s.project,
        account: s.account,
        authenticity: 'unverified',
        now: new Date(Date.now() + 3 * HOUR),
      });
      expect(expired).toMatchObject({
        route: 'needs_confirmation',
        outcome: 'confirmation_expired',
        charged: false,
        ticket: { status: 'closed' },
      });
      expect(await f.ledger.balance(s.account.id)).toBe(1);

      await f.ledger.revoke(s.account.id, 1, f.uniq('empty'), 'test');
      const poor = forged(s);
      const held2 = await debitForRequest(f.ledger, poor, { project: s.project, account: s.account, authenticity: 'unverified' });
      const confirmed = await debitForRequest(f.ledger, confirmationReply(s, poor, held2.confirmationCode!), {
        project: s.project,
        account: s.account,
        authenticity: 'unverified',
      });
      expect(confirmed).toMatchObject({ route: 'no_credit', charged: false, ticket: { id: held2.ticket!.id, status: 'waiting_payment' } });
    });

    test('held requests past their expiry are closed uncharged: by the next hold, or by the sweep; a late confirmation charges nothing', async () => {
      // An expiry of about a second: the ledger stamps holds with the real clock.
      const s = await setUp(f, 2, { confirmationExpiryHours: 0.0003 });
      const old = forged(s);
      const held = await debitForRequest(f.ledger, old, { project: s.project, account: s.account, authenticity: 'unverified' });
      await new Promise((r) => setTimeout(r, 1300));
      // Another unverified request is held: the first one, past its expiry, is closed on the way.
      const next = await debitForRequest(f.ledger, forged(s), { project: s.project, account: s.account, authenticity: 'unverified' });
      expect((await f.ledger.getTicket(held.ticket!.id))!.status).toBe('closed');
      expect((await f.ledger.getTicket(next.ticket!.id))!.status).toBe('waiting_confirmation');
      expect((await f.ledger.ticketHistory(held.ticket!.id)).at(-1)).toMatchObject({
        fromStatus: 'waiting_confirmation',
        toStatus: 'closed',
        note: expect.stringMatching(/expired/),
      });
      const late = await debitForRequest(f.ledger, confirmationReply(s, old, held.confirmationCode!), {
        project: s.project,
        account: s.account,
        authenticity: 'unverified',
      });
      expect(late).toMatchObject({ charged: false });
      // The sweep closes what is left, and only what is old enough.
      expect(await f.ledger.expireUnconfirmedTickets(s.project.id, new Date(Date.now() - HOUR).toISOString(), 'test')).toEqual([]);
      expect(
        (await f.ledger.expireUnconfirmedTickets(s.project.id, new Date(Date.now() + HOUR).toISOString(), 'test')).map((t) => t.id),
      ).toEqual([next.ticket!.id]);
      expect(await f.ledger.balance(s.account.id)).toBe(2);
      expect(await f.ledger.checkInvariants()).toEqual([]);
    });

    test('an authentic request of the same problem never joins an unconfirmed ticket for free', async () => {
      const s = await setUp(f, 2);
      const m = forged(s, {
        subject: 'Checkout page is blank',
        text: 'The checkout page shows a blank screen since this morning for every customer.',
      });
      await debitForRequest(f.ledger, m, { project: s.project, account: s.account, authenticity: 'unverified' });
      const real = s.mk({ subject: 'Checkout page is blank', text: m.text });
      const r = await debitForRequest(f.ledger, real, { project: s.project, account: s.account });
      expect(r).toMatchObject({ route: 'debited', outcome: 'debited', charged: true, balance: 1 });
    });

    test('flag: charged, flagged, and the decision says the sender is unverified; off: charged as before', async () => {
      const flagged = await setUp(f, 2, { senderAuthentication: 'flag' });
      const m = forged(flagged);
      expect(await checkSender(f.ledger, m)).toMatchObject({
        route: 'has_credit',
        flagged: true,
        senderAuthentication: { policy: 'flag', confirmationRequired: false },
      });
      expect(
        await debitForRequest(f.ledger, m, { project: flagged.project, account: flagged.account, authenticity: 'unverified' }),
      ).toMatchObject({ route: 'debited', charged: true, unverifiedSender: true });

      const off = await setUp(f, 2, { senderAuthentication: 'off' });
      const r = await debitForRequest(f.ledger, forged(off), { project: off.project, account: off.account, authenticity: 'unverified' });
      expect(r).toMatchObject({ route: 'debited', charged: true });
      expect(r.unverifiedSender).toBeUndefined();
    });

    test('without a verdict from the gate the mail is checked itself; a wrong policy value fails naming the setting', async () => {
      const s = await setUp(f, 2);
      expect(await debitForRequest(f.ledger, forged(s), { project: s.project, account: s.account })).toMatchObject({
        route: 'needs_confirmation',
      });
      expect(await debitForRequest(f.ledger, s.mk(), { project: s.project, account: s.account })).toMatchObject({
        route: 'debited',
        charged: true,
      });
      const bad = await setUp(f, 1, { senderAuthentication: 'strict' });
      await expect(debitForRequest(f.ledger, bad.mk(), { project: bad.project, account: bad.account })).rejects.toMatchObject({
        field: 'settings.senderAuthentication',
      });
    });
  });
}
