/** Credit lots and their expiry (Ledger.creditLots, Ledger.expireCredits), as every store must behave. */
import { addMonths } from '../../../core/ledger';
import { lotExpiresAt } from '../../../core/ledger/lots';
import { expireCredits, upcomingExpiries } from '../../../core/staff';
import type { Fixture } from './contract';
import { ledgerError } from './contract';

const tick = () => new Promise((r) => setTimeout(r, 5)); // lots a few ms apart: distinct expiry instants

export function expiryContract(f: Fixture): void {
  async function client(settings: Record<string, unknown> = { creditExpiryMonths: 12 }) {
    const p = await f.ledger.createProject({ name: f.uniq('expiry'), settings });
    const account = await f.ledger.createAccount(p.id, 'Client');
    return { p, account };
  }
  const entriesOf = async (accountId: string, kind: string) =>
    (await f.ledger.history(accountId, { limit: 500 })).entries.filter((e) => e.kind === kind);

  describe('credit lots and expiry', () => {
    test('lots are the positive entries; debits take from the oldest first; a waive is a new lot', async () => {
      const { p, account } = await client();
      const a = await f.ledger.grant(account.id, 2, f.uniq('g'), 'staff');
      await tick();
      const b = await f.ledger.grant(account.id, 3, f.uniq('g'), 'staff');
      const opened = await f.ledger.openRequest({
        project: p.id,
        accountId: account.id,
        messageId: '<lots@client.fr>',
        idempotencyKey: `msg:${p.id}:lots`,
        subject: 'Help',
        subjectFingerprint: '',
        bodySignature: '',
        actor: 'test',
      });
      await f.ledger.debit(account.id, f.uniq('d'), { actor: 'test', credits: 2 });
      expect((await f.ledger.creditLots(account.id)).map((l) => [l.entryId, l.kind, l.credits, l.remaining])).toEqual([
        [a.entryId, 'grant', 2, 0],
        [b.entryId, 'grant', 3, 2],
      ]);
      const w = await f.ledger.waiveTicket(opened.ticket!.id, 'staff');
      const lots = await f.ledger.creditLots(account.id);
      expect(lots.map((l) => [l.entryId, l.kind, l.remaining])).toEqual([
        [a.entryId, 'grant', 0],
        [b.entryId, 'grant', 2],
        [w.entryId, 'waive', 1],
      ]);
      expect(lots.reduce((s, l) => s + l.remaining, 0)).toBe(await f.ledger.balance(account.id));
      expect(await ledgerError(f.ledger.creditLots('no-such-account'))).toMatchObject({ code: 'unknown_account' });
    });

    test('a lot older than N months loses what is left, once, oldest first; the balance stays the sum of the journal', async () => {
      const { p, account } = await client();
      const a = await f.ledger.grant(account.id, 5, f.uniq('g'), 'staff');
      await tick();
      const b = await f.ledger.grant(account.id, 3, f.uniq('g'), 'staff');
      await f.ledger.debit(account.id, f.uniq('d'), { actor: 'test', credits: 2 });
      const [lotA, lotB] = await f.ledger.creditLots(account.id);
      const atA = lotExpiresAt(lotA!, 12);
      expect(atA.toISOString()).toBe(addMonths(lotA!.createdAt, 12).toISOString());

      // The day before: nothing is due.
      const early = await f.ledger.expireCredits(p.id, { months: 12, now: new Date(atA.getTime() - 86_400_000), actor: 'sweep' });
      expect(early).toMatchObject({ lots: 0, credits: 0, accounts: 0 });

      const dry = await f.ledger.expireCredits(p.id, { months: 12, now: atA, actor: 'sweep', dryRun: true });
      expect(dry).toMatchObject({ dryRun: true, lots: 1, credits: 3, accounts: 1, expired: [{ lotEntryId: a.entryId, entryId: null }] });
      expect(await f.ledger.balance(account.id)).toBe(6);

      const r = await f.ledger.expireCredits(p.id, { months: 12, now: atA, actor: 'sweep' });
      expect(r).toMatchObject({
        dryRun: false,
        lots: 1,
        credits: 3,
        accounts: 1,
        expired: [{ accountId: account.id, lotEntryId: a.entryId }],
      });
      const [entry] = await entriesOf(account.id, 'expire');
      expect(entry).toMatchObject({
        id: r.expired[0]!.entryId,
        credits: -3,
        balanceAfter: 3,
        idempotencyKey: `expire:${a.entryId}`,
        actor: 'sweep',
      });
      expect(await f.ledger.balance(account.id)).toBe(3);
      expect((await f.ledger.creditLots(account.id)).map((l) => l.remaining)).toEqual([0, 3]);

      // Again (a retry, tomorrow's run): nothing more.
      expect(await f.ledger.expireCredits(p.id, { months: 12, now: atA, actor: 'sweep' })).toMatchObject({ lots: 0, credits: 0 });
      // The second lot's turn: the account goes to zero, never below.
      const later = await f.ledger.expireCredits(p.id, { months: 12, now: lotExpiresAt(lotB!, 12), actor: 'sweep' });
      expect(later).toMatchObject({ lots: 1, credits: 3, expired: [{ lotEntryId: b.entryId }] });
      expect(await f.ledger.balance(account.id)).toBe(0);
      expect((await entriesOf(account.id, 'expire')).map((e) => e.credits)).toEqual([-3, -3]);
      expect(await f.ledger.checkInvariants()).toEqual([]);
    });

    test('a used-up lot never expires, and an expired lot is not refunded again', async () => {
      const { p, account } = await client();
      await f.ledger.grant(account.id, 2, f.uniq('g'), 'staff');
      await f.ledger.revoke(account.id, 2, f.uniq('r'), 'staff');
      const far = addMonths(new Date(), 13);
      expect(await f.ledger.expireCredits(p.id, { months: 12, now: far, actor: 'sweep' })).toMatchObject({ lots: 0 });

      const session = `cs_${f.uniq('exp')}`;
      await f.ledger.createPaymentRequest({
        accountId: account.id,
        stripeSessionId: session,
        url: 'https://pay.example/x',
        credits: 4,
        amountMinor: 32000,
        currency: 'EUR',
        expiresAt: new Date(Date.now() + 60_000),
      });
      await f.ledger.markPaymentPaid(session, 'stripe');
      await f.ledger.debit(account.id, f.uniq('d'), { actor: 'test' });
      expect(await f.ledger.expireCredits(p.id, { months: 12, now: far, actor: 'sweep' })).toMatchObject({ lots: 1, credits: 3 });
      // The purchase is refunded later: its unused part already expired, nothing left to take back.
      const refunded = await f.ledger.markPaymentRefunded(session, 'stripe');
      expect(refunded.revoke).toBeNull();
      expect(await f.ledger.usageSince(account.id, `stripe:${session}`)).toEqual({ debited: 1, revoked: 3 });
      expect(await f.ledger.checkInvariants()).toEqual([]);
    });

    test('sweeps at once expire each lot exactly once (across processes: expiry-across-processes.test.ts)', async () => {
      const { p } = await client();
      const accounts = [];
      for (let i = 0; i < 4; i++) {
        const acc = await f.ledger.createAccount(p.id, `C${i}`);
        for (let j = 0; j < 3; j++) await f.ledger.grant(acc.id, 2 + j, f.uniq('g'), 'staff');
        await f.ledger.debit(acc.id, f.uniq('d'), { actor: 'test', credits: 3 });
        accounts.push(acc);
      }
      // PostgreSQL: concurrent transactions on pooled connections; SQLite: interleaved in its group commit.
      const now = addMonths(new Date(), 13);
      const runs = await Promise.all([1, 2, 3].map((n) => f.ledger.expireCredits(p.id, { months: 12, now, actor: `sweep-${n}` })));
      // Each account: lots 2, 3, 4 less 3 debited = 0, 2, 4 left; 2 lots, 6 credits expire.
      expect(runs.reduce((s, r) => s + r.lots, 0)).toBe(8);
      expect(runs.reduce((s, r) => s + r.credits, 0)).toBe(24);
      for (const acc of accounts) {
        const expired = await entriesOf(acc.id, 'expire');
        expect(expired.map((e) => e.credits).sort()).toEqual([-2, -4]);
        expect(await f.ledger.balance(acc.id)).toBe(0);
      }
      expect(await f.ledger.checkInvariants()).toEqual([]);
    });

    test('the setting: creditExpiryMonths off by default, validated with the setting named; the staff sweep and upcoming expiries use it', async () => {
      const off = await client({});
      await f.ledger.grant(off.account.id, 2, f.uniq('g'), 'staff');
      const far = addMonths(new Date(), 30);
      expect(await expireCredits(f.ledger, { project: off.p.name, actor: 'sweep', now: far })).toMatchObject({ enabled: false, lots: 0 });
      expect(await upcomingExpiries(f.ledger, off.account.id, { now: far })).toEqual([]);
      expect(await f.ledger.balance(off.account.id)).toBe(2);

      for (const bad of [-1, 1.5, '12', 5000]) {
        expect(await ledgerError(f.ledger.createProject({ name: f.uniq('bad'), settings: { creditExpiryMonths: bad } }))).toMatchObject({
          code: 'invalid_argument',
          field: 'settings.creditExpiryMonths',
        });
      }
      expect(await ledgerError(f.ledger.updateProject(off.p.id, { settings: { retentionMonths: -3 } }))).toMatchObject({
        field: 'settings.retentionMonths',
      });
      expect(await ledgerError(f.ledger.expireCredits(off.p.id, { months: 0, actor: 'x' }))).toMatchObject({ field: 'months' });

      const on = await client({ creditExpiryMonths: 6 });
      const g = await f.ledger.grant(on.account.id, 4, f.uniq('g'), 'staff');
      await f.ledger.debit(on.account.id, f.uniq('d'), { actor: 'test' });
      const [lot] = await f.ledger.creditLots(on.account.id);
      const at = lotExpiresAt(lot!, 6);
      expect(await upcomingExpiries(f.ledger, on.account.id, { now: new Date(at.getTime() - 90 * 86_400_000) })).toEqual([]);
      expect(await upcomingExpiries(f.ledger, on.account.id, { now: new Date(at.getTime() - 30 * 86_400_000) })).toEqual([
        { credits: 3, expiresAt: at.toISOString() },
      ]);
      const swept = await expireCredits(f.ledger, { project: on.p.name, actor: 'sweep', now: at });
      expect(swept).toMatchObject({ enabled: true, months: 6, lots: 1, credits: 3, expired: [{ lotEntryId: g.entryId }] });
      expect(await upcomingExpiries(f.ledger, on.account.id, { now: at })).toEqual([]);
    });
  });
}
