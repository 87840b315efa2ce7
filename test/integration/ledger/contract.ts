/** The one test suite both stores pass: store-specific files call ledgerContract with their database. */
import { MIGRATIONS } from '../../../core/ledger/migrations';
import { openLedger, type Ledger, type LedgerError } from '../../../core/ledger';
import type { TestDatabase } from './helpers';
import { consoleContract } from './contract-console';
import { intakeContract } from './contract-intake';
import { moneyContract } from './contract-money';
import { ticketsContract } from './contract-tickets';
import { waiveContract } from './contract-waive';

export type Fixture = { ledger: Ledger; db: TestDatabase; uniq(prefix: string): string };

/** Resolves to the LedgerError a promise rejects with (fails the test if it resolves). */
export async function ledgerError(p: Promise<unknown>): Promise<LedgerError> {
  try {
    await p;
  } catch (e) {
    expect((e as Error).name).toBe('LedgerError');
    return e as LedgerError;
  }
  throw new Error('expected a LedgerError, but the call succeeded');
}

export function ledgerContract(makeDb: () => TestDatabase): void {
  const f = {} as Fixture;
  let n = 0;
  beforeAll(async () => {
    f.db = makeDb();
    f.ledger = await openLedger(f.db.config);
    f.uniq = (prefix) => `${prefix}-${++n}`;
  });
  afterAll(async () => {
    await f.ledger?.close();
    await f.db?.dispose();
  });

  describe('schema and migrations', () => {
    test('re-opening applies nothing twice and keeps the data', async () => {
      const p = await f.ledger.createProject({ name: f.uniq('reopen') });
      const again = await openLedger(f.db.config);
      try {
        expect((await again.getProject(p.name))?.id).toBe(p.id);
      } finally {
        await again.close();
      }
      // Each version once, every known version applied.
      const applied = (await f.db.raw('SELECT version FROM ledger_migrations')) as Array<{ version: number }>;
      expect(applied.map((r) => Number(r.version)).sort((a, b) => a - b)).toEqual(MIGRATIONS.map((m) => m.version).sort((a, b) => a - b));
    });
  });

  describe('projects and recipients', () => {
    test('a project defaults to 80 EUR an intervention and is found by name or id', async () => {
      const p = await f.ledger.createProject({ name: f.uniq('acme') });
      expect(p).toMatchObject({ priceMinor: 8000, currency: 'EUR', settings: {} });
      expect((await f.ledger.getProject(p.id))?.name).toBe(p.name);
      const u = await f.ledger.updateProject(p.name, { priceMinor: 9900, currency: 'chf', settings: { language: 'fr' } });
      expect(u).toMatchObject({ id: p.id, priceMinor: 9900, currency: 'CHF', settings: { language: 'fr' } });
      expect((await f.ledger.listProjects()).map((x) => x.id)).toContain(p.id);
      expect(await f.ledger.getProject('no-such-project')).toBeNull();
      expect((await ledgerError(f.ledger.createProject({ name: p.name }))).code).toBe('duplicate');
      expect(await ledgerError(f.ledger.updateProject(p.id, { priceMinor: 0 }))).toMatchObject({
        code: 'invalid_credits',
        field: 'priceMinor',
      });
    });

    test('recipients keep plus tags, compare case-insensitively and resolve to their project', async () => {
      const p = await f.ledger.createProject({ name: f.uniq('rcpt') });
      const acc = await f.ledger.createAccount(p.id, 'Acme SA');
      const tag = f.uniq('support');
      await f.ledger.addRecipient(p.name, `${tag}@Agency.FR`);
      await f.ledger.addRecipient(p.name, `${tag}+acme@agency.fr`, acc.id);
      expect((await f.ledger.listRecipients(p.id)).map((r) => r.address)).toEqual([`${tag}+acme@agency.fr`, `${tag}@agency.fr`]);
      expect(await f.ledger.resolveRecipient(`${tag.toUpperCase()}+ACME@agency.fr`)).toMatchObject({ projectId: p.id, accountId: acc.id });
      expect(await f.ledger.resolveRecipient(`${tag}+other@agency.fr`)).toMatchObject({ address: `${tag}@agency.fr`, accountId: null });
      expect(await f.ledger.removeRecipient(p.id, `${tag}@agency.fr`)).toBe(true);
      expect(await f.ledger.resolveRecipient(`${tag}+other@agency.fr`)).toBeNull();
      expect(await ledgerError(f.ledger.addRecipient(p.id, 'not an address'))).toMatchObject({ code: 'invalid_address', field: 'address' });
      expect(await ledgerError(f.ledger.addRecipient('ghost', 'a@b.fr'))).toMatchObject({ code: 'unknown_project', field: 'project' });
    });
  });

  describe('accounts, senders and domains', () => {
    test('authorizing a sender creates its account once, with initial credits granted once', async () => {
      const p = await f.ledger.createProject({ name: f.uniq('senders') });
      const first = await f.ledger.authorizeSender(p.name, 'Anna@Client.FR', { initialCredits: 3 });
      const again = await f.ledger.authorizeSender(p.name, 'anna@client.fr', { initialCredits: 3 });
      expect(first).toMatchObject({ created: true, sender: { address: 'anna@client.fr' }, account: { balance: 3 } });
      expect(again).toMatchObject({ created: false, account: { id: first.account.id, balance: 3 } });
      expect((await f.ledger.listAccounts(p.id)).length).toBe(1);
      expect((await f.ledger.resolveSender(p.id, 'ANNA@client.fr'))?.id).toBe(first.account.id);
      expect(await f.ledger.resolveSender(p.id, 'anna+x@client.fr')).toBeNull(); // a sender's tag is part of its address
      expect(await ledgerError(f.ledger.authorizeSender(p.id, 'b@client.fr', { initialCredits: 0 }))).toMatchObject({
        field: 'initialCredits',
      });
    });

    test('initial credits are keyed by project and address: concurrent or repeated authorizations grant them once', async () => {
      const p = await f.ledger.createProject({ name: f.uniq('initial') });
      const runs = await Promise.all(
        [1, 2, 3, 4].map(() => f.ledger.authorizeSender(p.id, 'zoe@client.fr', { initialCredits: 3, actor: 'staff:anna' })),
      );
      expect(runs.filter((r) => r.created)).toHaveLength(1);
      const account = runs[0]!.account.id;
      const grants = (await f.ledger.history(account)).entries;
      expect(grants).toMatchObject([
        { kind: 'grant', credits: 3, idempotencyKey: `initial:${p.id}:zoe@client.fr`, actor: 'staff:anna', note: 'initial credits' },
      ]);
      expect(await f.ledger.balance(account)).toBe(3);

      // A second sender joining the account brings its own initial credits, once.
      await f.ledger.authorizeSender(p.id, 'max@client.fr', { accountId: account, initialCredits: 2 });
      await f.ledger.authorizeSender(p.id, 'max@client.fr', { accountId: account, initialCredits: 2 });
      expect(await f.ledger.balance(account)).toBe(5);

      // The same address in another project is another client, with its own initial credits.
      const other = await f.ledger.createProject({ name: f.uniq('initial-other') });
      expect((await f.ledger.authorizeSender(other.id, 'zoe@client.fr', { initialCredits: 1 })).account.balance).toBe(1);
      expect(await f.ledger.checkInvariants()).toEqual([]);
    });

    test('an authorized domain covers every sender, IDN domains included; the exact sender wins', async () => {
      const p = await f.ledger.createProject({ name: f.uniq('domains') });
      const company = await f.ledger.createAccount(p.id, 'Café SARL');
      await f.ledger.authorizeDomain(p.id, company.id, 'Café.FR');
      expect((await f.ledger.listDomains(company.id)).map((d) => d.domain)).toEqual(['xn--caf-dma.fr']);
      expect((await f.ledger.resolveSender(p.id, 'Paul@café.fr'))?.id).toBe(company.id);
      expect((await f.ledger.resolveSender(p.id, 'paul+x@xn--caf-dma.fr'))?.id).toBe(company.id);
      const own = await f.ledger.authorizeSender(p.id, 'boss@cafe.fr');
      await f.ledger.authorizeDomain(p.id, own.account.id, 'cafe.fr');
      const solo = await f.ledger.authorizeSender(p.id, 'freelance@café.fr');
      expect((await f.ledger.resolveSender(p.id, 'freelance@café.fr'))?.id).toBe(solo.account.id);
      expect(await f.ledger.resolveSender(p.id, 'x@elsewhere.fr')).toBeNull();
      const other = await f.ledger.createAccount(p.id, 'Other');
      expect((await ledgerError(f.ledger.authorizeDomain(p.id, other.id, 'café.fr'))).code).toBe('duplicate');
      expect(await ledgerError(f.ledger.authorizeDomain(p.id, other.id, 'not a domain'))).toMatchObject({ code: 'invalid_domain' });
    });
  });

  moneyContract(f);
  ticketsContract(f);
  waiveContract(f);
  intakeContract(f);
  consoleContract(f);
}
