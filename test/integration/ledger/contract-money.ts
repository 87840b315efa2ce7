/** Money rules every store must keep: idempotency, no overdraft, revoke floors at zero, invariants. */
import type { Fixture } from './contract';
import { ledgerError } from './contract';

export function moneyContract(f: Fixture): void {
  async function freshAccount(credits = 0) {
    const p = await f.ledger.createProject({ name: f.uniq('money') });
    const a = await f.ledger.createAccount(p.id, 'Client');
    if (credits > 0) await f.ledger.grant(a.id, credits, f.uniq('seed'), 'test');
    return { project: p, account: a };
  }

  describe('money', () => {
    test('debit takes one credit; the same key again is the same result and no second movement', async () => {
      const { account } = await freshAccount(2);
      const first = await f.ledger.debit(account.id, '<m1@client.fr>', { actor: 'system' });
      expect(first).toMatchObject({ status: 'debited', balance: 1 });
      await f.ledger.grant(account.id, 5, f.uniq('later'), 'staff');
      const replay = await f.ledger.debit(account.id, '<m1@client.fr>', { actor: 'system' });
      expect(replay).toEqual({ ...first, status: 'already_done' });
      expect(await f.ledger.balance(account.id)).toBe(6);
    });

    test('an empty account answers insufficient and records nothing, so a later retry can pay', async () => {
      const { account } = await freshAccount(0);
      expect(await f.ledger.debit(account.id, 'k', { actor: 'system' })).toEqual({ status: 'insufficient', balance: 0 });
      expect((await f.ledger.history(account.id)).entries).toEqual([]);
      await f.ledger.grant(account.id, 1, f.uniq('g'), 'staff');
      expect(await f.ledger.debit(account.id, 'k', { actor: 'system' })).toMatchObject({ status: 'debited', balance: 0 });
    });

    test('grant is idempotent and revoke never goes below zero', async () => {
      const { account } = await freshAccount(0);
      const g = await f.ledger.grant(account.id, 4, 'grant-1', 'staff:anna', 'goodwill');
      expect(await f.ledger.grant(account.id, 4, 'grant-1', 'staff:anna')).toEqual({ ...g, status: 'already_done' });
      const r = await f.ledger.revoke(account.id, 10, 'revoke-1', 'staff:anna', 'mistake');
      expect(r).toMatchObject({ status: 'done', balance: 0, credits: 4 });
      expect(await f.ledger.revoke(account.id, 10, 'revoke-1', 'staff:anna')).toMatchObject({ status: 'already_done', credits: 4 });
      expect(await f.ledger.balance(account.id)).toBe(0);
    });

    test('a key reused for another kind of movement is a conflict, not a silent success', async () => {
      const { account } = await freshAccount(3);
      await f.ledger.grant(account.id, 1, 'shared-key', 'staff');
      expect(await ledgerError(f.ledger.debit(account.id, 'shared-key', { actor: 'system' }))).toMatchObject({
        code: 'idempotency_conflict',
        field: 'idempotencyKey',
      });
    });

    test('credits must be positive whole numbers; unknown accounts are named', async () => {
      const { account } = await freshAccount(0);
      for (const bad of [0, -1, 1.5, Number.NaN, '3' as unknown as number]) {
        expect(await ledgerError(f.ledger.grant(account.id, bad, f.uniq('bad'), 'staff'))).toMatchObject({
          code: 'invalid_credits',
          field: 'credits',
        });
      }
      const e = await ledgerError(f.ledger.debit('no-such-account', 'k', { actor: 'system' }));
      expect(e).toMatchObject({ code: 'unknown_account', field: 'accountId' });
      expect(e.message).toContain('no-such-account');
    });

    test('history pages newest first with a cursor', async () => {
      const { account } = await freshAccount(0);
      for (let i = 1; i <= 5; i++) await f.ledger.grant(account.id, i, `h${i}`, 'staff');
      const page1 = await f.ledger.history(account.id, { limit: 2 });
      expect(page1.entries.map((e) => e.credits)).toEqual([5, 4]);
      const page2 = await f.ledger.history(account.id, { limit: 2, cursor: page1.nextCursor });
      const page3 = await f.ledger.history(account.id, { limit: 2, cursor: page2.nextCursor });
      expect(page2.entries.map((e) => e.credits)).toEqual([3, 2]);
      expect(page3).toMatchObject({ nextCursor: null, entries: [{ credits: 1, balanceAfter: 1, kind: 'grant', seq: 1 }] });
    });

    test('the journal refuses updates and deletes; a tampered balance is reported', async () => {
      const { account } = await freshAccount(2);
      await expect(f.db.raw(`UPDATE journal SET credits = 100 WHERE account_id = '${account.id}'`)).rejects.toThrow(/append-only/);
      await expect(f.db.raw(`DELETE FROM journal WHERE account_id = '${account.id}'`)).rejects.toThrow(/append-only/);
      expect(await f.ledger.checkInvariants()).toEqual([]);
      await f.db.raw(`UPDATE accounts SET balance = balance + 5 WHERE id = '${account.id}'`);
      expect(await f.ledger.checkInvariants()).toEqual([{ accountId: account.id, cachedBalance: 7, journalBalance: 2 }]);
      await f.db.raw(`UPDATE accounts SET balance = balance - 5 WHERE id = '${account.id}'`);
      expect(await f.ledger.checkInvariants()).toEqual([]);
    });

    test('a failing movement among concurrent ones fails alone (SQLite batches them in one commit)', async () => {
      const { account } = await freshAccount(0);
      await f.ledger.grant(account.id, 1, 'taken', 'staff');
      const results = await Promise.allSettled([
        f.ledger.grant(account.id, 2, 'ok-1', 'staff'),
        f.ledger.debit(account.id, 'taken', { actor: 'system' }),
        f.ledger.grant(account.id, 3, 'ok-2', 'staff'),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'idempotency_conflict' });
      expect(await f.ledger.balance(account.id)).toBe(6);
      expect(await f.ledger.checkInvariants()).toEqual([]);
    });

    test('concurrent callers in one process: no lost update, each key moves once', async () => {
      const { account } = await freshAccount(10);
      const keys = Array.from({ length: 30 }, (_, i) => `c${i % 15}`);
      const results = await Promise.all(keys.map((k) => f.ledger.debit(account.id, k, { actor: 'system' })));
      expect(results.filter((r) => r.status === 'debited')).toHaveLength(10);
      expect(await f.ledger.balance(account.id)).toBe(0);
      expect(await f.ledger.checkInvariants()).toEqual([]);
    });
  });
}
