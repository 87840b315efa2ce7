/** The credits gate, row by row, as both stores must behave (sqlite.test.ts and postgres.test.ts run it). */
import { openLedger, type Account, type Ledger, type Project } from '../../../core/ledger';
import { checkSender, debitForRequest, GateError } from '../../../core/tickets';
import type { TestDatabase } from '../ledger/helpers';
import { AUTH, mail } from './mail';

export interface GateFixture {
  ledger: Ledger;
  db: TestDatabase;
  project: Project;
  anna: Account;
  uniq(p: string): string;
}

/** A project "agency-<n>" with support@<n>.agency.fr, anna@client-<n>.fr holding `credits` credits. */
export async function setUp(f: GateFixture, credits = 5, settings: Record<string, unknown> = {}) {
  const name = f.uniq('agency');
  const project = await f.ledger.createProject({ name, settings });
  const support = `support@${name}.agency.fr`;
  await f.ledger.addRecipient(project.id, support);
  const { account } = await f.ledger.authorizeSender(project.id, `anna@${name}.client.fr`, {
    accountName: 'Client SA',
    ...(credits ? { initialCredits: credits } : {}),
  });
  const from = `anna@${name}.client.fr`;
  return {
    project,
    account,
    support,
    from,
    mk: (over: Parameters<typeof mail>[0] = {}) => mail({ fromAddress: from, toAddress: support, ...over }),
  };
}

export function gateContract(makeDb: () => TestDatabase): GateFixture {
  const f = {} as GateFixture;
  let n = 0;
  beforeAll(async () => {
    f.db = makeDb();
    f.ledger = await openLedger(f.db.config);
    f.uniq = (p) => `${p}-${++n}-${process.pid}`;
  });
  afterAll(async () => {
    await f.ledger?.close();
    await f.db?.dispose();
  });

  describe('checkSender: the decision table', () => {
    test('1. no recipient is a support address → not_authorized (recipient)', async () => {
      const s = await setUp(f);
      const d = await checkSender(f.ledger, s.mk({ toAddress: 'sales@elsewhere.fr' }));
      expect(d).toMatchObject({ route: 'not_authorized', reasonCode: 'recipient', project: null, account: null });
      expect(d.reason).toContain('sales@elsewhere.fr');
    });

    test('2. unknown sender → not_authorized (sender); its domain authorized → accepted', async () => {
      const s = await setUp(f);
      const stranger = await checkSender(f.ledger, s.mk({ fromAddress: 'eve@other.fr' }));
      expect(stranger).toMatchObject({ route: 'not_authorized', reasonCode: 'sender', project: { id: s.project.id } });
      await f.ledger.authorizeDomain(s.project.id, s.account.id, 'other.fr');
      expect(await checkSender(f.ledger, s.mk({ fromAddress: 'eve@other.fr' }))).toMatchObject({
        route: 'has_credit',
        account: { id: s.account.id },
        balance: 5,
      });
    });

    test('3. spoofed From of an authorized sender → not_authorized, flagged, never debited', async () => {
      const s = await setUp(f, 2);
      const domain = s.from.split('@')[1]!;
      const d = await checkSender(f.ledger, s.mk({ authResults: AUTH.fail(domain) }));
      expect(d).toMatchObject({ route: 'not_authorized', reasonCode: 'spoofed', flagged: true, authenticity: { verdict: 'spoofed' } });
      expect(await f.ledger.balance(s.account.id)).toBe(2);
      expect((await f.ledger.history(s.account.id)).entries.map((e) => e.kind)).toEqual(['grant']);
      // Unverified (no aligned pass, no fail) is not spoofed: it passes, with its verdict attached.
      const unverified = await checkSender(f.ledger, s.mk({ authResults: 'mx.agency.fr; spf=none; dkim=none' }));
      expect(unverified).toMatchObject({ route: 'has_credit', authenticity: { verdict: 'unverified' } });
    });

    test('4. follow-ups (In-Reply-To, References, subject tag) are never charged and are linked', async () => {
      const s = await setUp(f, 1);
      const first = s.mk({ subject: 'Site down' });
      const opened = await debitForRequest(f.ledger, first, { project: s.project, account: s.account });
      expect(opened).toMatchObject({ route: 'debited', charged: true, tag: '[SG-1]', replySubject: 'Re: [SG-1] Site down', balance: 0 });
      const reply = s.mk({ subject: 'Re: Site down', inReplyTo: first.messageId });
      const d = await checkSender(f.ledger, reply);
      expect(d).toMatchObject({ route: 'follow_up', ticket: { id: opened.ticket!.id }, balance: 0 });
      expect((await f.ledger.findTicketByMessageId(s.project.id, reply.messageId))?.id).toBe(opened.ticket!.id);
      const viaRefs = s.mk({ subject: 'again', references: ['<unrelated@x>', reply.messageId] });
      expect((await checkSender(f.ledger, viaRefs)).route).toBe('follow_up');
      const viaTag = s.mk({ subject: 'RE: [SG-1] still broken' });
      expect(await checkSender(f.ledger, viaTag)).toMatchObject({ route: 'follow_up', reason: expect.stringContaining('[SG-1]') });
      // Even if wired to Debit Credit, a linked follow-up is not charged.
      const again = await debitForRequest(f.ledger, viaTag, { project: s.project, account: s.account });
      expect(again).toMatchObject({ outcome: 'linked', charged: false, ticket: { id: opened.ticket!.id } });
      expect(await f.ledger.balance(s.account.id)).toBe(0);
    });

    test("5. Mailswap's [1527] tag format from project settings; another account's ticket is not a follow-up", async () => {
      const s = await setUp(f, 3, { ticketTagFormat: '[{{number}}]' });
      const opened = await debitForRequest(f.ledger, s.mk({ subject: 'Mail stuck' }), { project: s.project, account: s.account });
      expect(opened.tag).toBe('[1]');
      expect(opened.replySubject).toBe('Re: [1] Mail stuck');
      expect((await checkSender(f.ledger, s.mk({ subject: 'Re: [1] Mail stuck' }))).route).toBe('follow_up');
      expect((await checkSender(f.ledger, s.mk({ subject: 'Re: [SG-1] Mail stuck' }))).route).toBe('has_credit');
      const { account: bob } = await f.ledger.authorizeSender(s.project.id, 'bob@rival.fr', { initialCredits: 1 });
      const other = await checkSender(f.ledger, mail({ fromAddress: 'bob@rival.fr', toAddress: s.support, subject: 'Re: [1] Mail stuck' }));
      expect(other).toMatchObject({ route: 'has_credit', account: { id: bob.id } });
    });

    test('6. a reply to a closed ticket is a new request unless followUpClosed', async () => {
      const s = await setUp(f, 3);
      const first = s.mk();
      const { ticket } = await debitForRequest(f.ledger, first, { project: s.project, account: s.account });
      await f.ledger.setTicketStatus(ticket!.id, 'closed', 'staff:zoe');
      expect((await checkSender(f.ledger, s.mk({ inReplyTo: first.messageId }))).route).toBe('has_credit');
      expect((await checkSender(f.ledger, s.mk({ inReplyTo: first.messageId }), { followUpClosed: true })).route).toBe('follow_up');
    });

    test('7. balance decides has_credit / no_credit', async () => {
      const s = await setUp(f, 0);
      expect(await checkSender(f.ledger, s.mk())).toMatchObject({ route: 'no_credit', balance: 0, account: { id: s.account.id } });
      await f.ledger.grant(s.account.id, 1, f.uniq('g'), 'staff');
      expect(await checkSender(f.ledger, s.mk())).toMatchObject({ route: 'has_credit', balance: 1 });
    });

    test('8. plus-addresses name the account; a sender of another account is refused', async () => {
      const s = await setUp(f, 2);
      const acme = await f.ledger.createAccount(s.project.id, 'Acme');
      const plus = s.support.replace('support@', 'support+acme@');
      await f.ledger.addRecipient(s.project.id, plus, acme.id);
      await f.ledger.authorizeSender(s.project.id, 'joe@acme.fr', { accountId: acme.id });
      expect(await checkSender(f.ledger, mail({ fromAddress: 'joe@acme.fr', toAddress: plus }))).toMatchObject({
        route: 'no_credit',
        account: { id: acme.id },
      });
      expect(await checkSender(f.ledger, s.mk({ toAddress: plus }))).toMatchObject({
        route: 'not_authorized',
        reasonCode: 'account_mismatch',
      });
      // A plus tag nobody registered falls back to the plain support address.
      expect((await checkSender(f.ledger, s.mk({ toAddress: s.support.replace('support@', 'support+whatever@') }))).route).toBe(
        'has_credit',
      );
    });

    test('9. recipients of two projects → a typed error naming the fix; the Project option settles it', async () => {
      const a = await setUp(f);
      const b = await setUp(f);
      await f.ledger.authorizeSender(b.project.id, a.from, { initialCredits: 1 });
      const both = a.mk({ toAddress: [a.support, b.support] });
      const e = await checkSender(f.ledger, both).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(GateError);
      expect(e).toMatchObject({ code: 'ambiguous_project', field: 'project' });
      expect((e as Error).message).toContain(a.project.name);
      expect(await checkSender(f.ledger, both, { project: b.project.name })).toMatchObject({
        route: 'has_credit',
        project: { id: b.project.id },
        balance: 1,
      });
      expect(await checkSender(f.ledger, both, { project: 'nope' }).catch((x: unknown) => x)).toMatchObject({
        code: 'unknown_project',
        field: 'project',
      });
      const elsewhere = await checkSender(f.ledger, a.mk(), { project: b.project.id });
      expect(elsewhere).toMatchObject({ route: 'not_authorized', reasonCode: 'recipient' });
    });
  });
  return f;
}
