/**
 * What the console needs of every store: a project created with its support addresses in one
 * transaction, senders and domains removed (and authorized again without a second initial grant),
 * tickets and payment requests listed per project, and each client's last activity.
 */
import type { Fixture } from './contract';
import { ledgerError } from './contract';

export function consoleContract(f: Fixture): void {
  describe('console listings and removals', () => {
    test('a project and its support addresses are created together, or not at all', async () => {
      const taken = await f.ledger.createProject({ name: f.uniq('owner'), recipients: [`${f.uniq('help')}@agency.fr`] });
      const takenAddress = (await f.ledger.listRecipients(taken.id))[0].address;
      const name = f.uniq('new');
      const e = await ledgerError(f.ledger.createProject({ name, recipients: [`${f.uniq('ok')}@agency.fr`, takenAddress] }));
      expect(e).toMatchObject({ code: 'duplicate', field: 'recipients.1' });
      expect(await f.ledger.getProject(name)).toBeNull();
      const p = await f.ledger.createProject({ name, recipients: ['Support@Agency.FR', 'support+acme@agency.fr', 'support@agency.fr'] });
      expect((await f.ledger.listRecipients(p.id)).map((r) => r.address)).toEqual(['support+acme@agency.fr', 'support@agency.fr']);
      expect((await ledgerError(f.ledger.createProject({ name: f.uniq('bad'), recipients: ['nope'] }))).field).toBe('recipients.0');
    });

    test('a removed sender is a stranger again; authorized again it is back in its account, without a second initial grant', async () => {
      const p = await f.ledger.createProject({ name: f.uniq('rm') });
      const { account } = await f.ledger.authorizeSender(p.id, 'jane@client.fr', { initialCredits: 3, actor: 'staff' });
      await f.ledger.debit(account.id, 'msg:1', { actor: 'supportgate' });
      expect(await f.ledger.removeSender(p.id, 'JANE@client.fr')).toBe(true);
      expect(await f.ledger.removeSender(p.id, 'jane@client.fr')).toBe(false);
      expect(await f.ledger.removeSender(p.id, 'never@client.fr')).toBe(false);
      expect(await f.ledger.resolveSender(p.id, 'jane@client.fr')).toBeNull();
      expect(await f.ledger.listSenders(account.id)).toEqual([]);
      // The journal stays whole.
      expect((await f.ledger.history(account.id)).entries.map((x) => x.kind)).toEqual(['debit', 'grant']);
      const again = await f.ledger.authorizeSender(p.id, 'jane@client.fr', { initialCredits: 3, actor: 'staff' });
      expect(again).toMatchObject({ created: true, account: { id: account.id } });
      expect(await f.ledger.balance(account.id)).toBe(2);
      expect((await f.ledger.resolveSender(p.id, 'jane@client.fr'))?.id).toBe(account.id);
      expect(await f.ledger.checkInvariants()).toEqual([]);
      expect((await ledgerError(f.ledger.removeSender(p.id, 'not an address'))).field).toBe('sender');
      expect((await ledgerError(f.ledger.removeSender('no-such-project', 'a@b.fr'))).code).toBe('unknown_project');
    });

    test('a removed domain stops recognising its senders, those authorized by address stay; it may go to another client', async () => {
      const p = await f.ledger.createProject({ name: f.uniq('rmd') });
      const { account } = await f.ledger.authorizeSender(p.id, 'boss@client.fr');
      await f.ledger.authorizeDomain(p.id, account.id, 'client.fr');
      expect((await f.ledger.resolveSender(p.id, 'anyone@client.fr'))?.id).toBe(account.id);
      expect(await f.ledger.removeDomain(p.id, 'CLIENT.fr')).toBe(true);
      expect(await f.ledger.removeDomain(p.id, 'client.fr')).toBe(false);
      expect(await f.ledger.resolveSender(p.id, 'anyone@client.fr')).toBeNull();
      expect((await f.ledger.resolveSender(p.id, 'boss@client.fr'))?.id).toBe(account.id);
      expect(await f.ledger.listDomains(account.id)).toEqual([]);
      const other = await f.ledger.createAccount(p.id, 'Other');
      expect(await f.ledger.authorizeDomain(p.id, other.id, 'client.fr')).toMatchObject({ accountId: other.id });
      expect((await f.ledger.resolveSender(p.id, 'anyone@client.fr'))?.id).toBe(other.id);
      expect((await f.ledger.listDomains(other.id)).map((d) => d.domain)).toEqual(['client.fr']);
    });

    test('a whole domain as a client: a new account with its initial credits once, back to its account after a removal', async () => {
      const p = await f.ledger.createProject({ name: f.uniq('dom') });
      const first = await f.ledger.authorizeClientDomain(p.id, 'BigCorp.com', {
        accountName: 'BigCorp',
        initialCredits: 4,
        actor: 'staff',
      });
      expect(first).toMatchObject({ created: true, domain: { domain: 'bigcorp.com' }, account: { name: 'BigCorp', balance: 4 } });
      expect(await f.ledger.authorizeClientDomain(p.id, 'bigcorp.com', { initialCredits: 4 })).toMatchObject({
        created: false,
        account: { id: first.account.id, balance: 4 },
      });
      await f.ledger.removeDomain(p.id, 'bigcorp.com');
      const back = await f.ledger.authorizeClientDomain(p.id, 'bigcorp.com', { initialCredits: 4 });
      expect(back).toMatchObject({ created: true, account: { id: first.account.id, balance: 4 } });
      const other = await f.ledger.createAccount(p.id, 'Other');
      expect(await ledgerError(f.ledger.authorizeClientDomain(p.id, 'bigcorp.com', { accountId: other.id }))).toMatchObject({
        code: 'duplicate',
        field: 'domain',
      });
      // Named by domain by default; the key of its initial credits is per domain, so two domains each get theirs.
      const solo = await f.ledger.authorizeClientDomain(p.id, 'solo.fr', { initialCredits: 1 });
      expect(solo.account).toMatchObject({ name: 'solo.fr', balance: 1 });
      expect((await f.ledger.resolveSender(p.id, 'anyone@solo.fr'))?.id).toBe(solo.account.id);
      expect(await f.ledger.checkInvariants()).toEqual([]);
    });

    test('tickets by project: highest number first, filtered by status and account, counted', async () => {
      const p = await f.ledger.createProject({ name: f.uniq('tk') });
      const a = await f.ledger.createAccount(p.id, 'A');
      const b = await f.ledger.createAccount(p.id, 'B');
      const one = await f.ledger.createTicket({ project: p.id, subject: 'one', accountId: a.id });
      await f.ledger.createTicket({ project: p.id, subject: 'two', accountId: b.id });
      await f.ledger.createTicket({ project: p.id, subject: 'three', accountId: a.id, status: 'waiting_payment' });
      await f.ledger.setTicketStatus(one.ticket.id, 'resolved', 'staff');
      expect((await f.ledger.listProjectTickets(p.id)).map((t) => t.subject)).toEqual(['three', 'two', 'one']);
      expect((await f.ledger.listProjectTickets(p.name, { status: 'resolved' })).map((t) => t.subject)).toEqual(['one']);
      expect((await f.ledger.listProjectTickets(p.id, { status: ['new', 'waiting_payment'] })).map((t) => t.subject)).toEqual([
        'three',
        'two',
      ]);
      expect((await f.ledger.listProjectTickets(p.id, { accountId: a.id, limit: 1 })).map((t) => t.subject)).toEqual(['three']);
      expect(await f.ledger.countProjectTickets(p.id, ['new', 'waiting_payment'])).toBe(2);
      expect(await f.ledger.countProjectTickets(p.id)).toBe(3);
      expect((await ledgerError(f.ledger.listProjectTickets(p.id, { status: 'open' as never }))).field).toBe('status');
      expect((await ledgerError(f.ledger.listProjectTickets(p.id, { limit: 0 }))).field).toBe('limit');
    });

    test("payment requests by project, newest first, one account's on demand, with their status", async () => {
      const p = await f.ledger.createProject({ name: f.uniq('pay') });
      const a = await f.ledger.createAccount(p.id, 'A');
      const b = await f.ledger.createAccount(p.id, 'B');
      const open = (accountId: string, session: string) =>
        f.ledger.createPaymentRequest({
          accountId,
          stripeSessionId: session,
          url: `https://checkout.stripe.com/c/pay/${session}`,
          credits: 1,
          amountMinor: 8000,
          currency: 'eur',
          expiresAt: new Date(Date.now() + 3600_000),
        });
      const s1 = f.uniq('cs_a');
      const s2 = f.uniq('cs_b');
      await open(a.id, s1);
      // Newest first by creation time: two requests in one millisecond have no order between them.
      await new Promise((r) => setTimeout(r, 5));
      await open(b.id, s2);
      await f.ledger.markPaymentPaid(s1, 'stripe');
      const all = await f.ledger.listPaymentRequests(p.id);
      expect(all.map((r) => [r.stripeSessionId, r.status])).toEqual([
        [s2, 'open'],
        [s1, 'paid'],
      ]);
      expect((await f.ledger.listPaymentRequests(p.name, { accountId: a.id })).map((r) => r.stripeSessionId)).toEqual([s1]);
    });

    test('last activity of each client: its newest journal entry or ticket, null for a client with neither', async () => {
      const p = await f.ledger.createProject({ name: f.uniq('act') });
      const { account: paid } = await f.ledger.authorizeSender(p.id, 'a@client.fr', { initialCredits: 1 });
      const idle = await f.ledger.createAccount(p.id, 'Idle');
      const ticketOnly = await f.ledger.createAccount(p.id, 'Ticket only');
      const { ticket } = await f.ledger.createTicket({ project: p.id, subject: 'hello', accountId: ticketOnly.id });
      const entry = (await f.ledger.history(paid.id)).entries[0];
      const byId = Object.fromEntries((await f.ledger.lastActivity(p.id)).map((x) => [x.accountId, x.lastActivityAt]));
      expect(byId).toEqual({ [paid.id]: entry.createdAt, [idle.id]: null, [ticketOnly.id]: ticket.createdAt });
    });
  });
}
