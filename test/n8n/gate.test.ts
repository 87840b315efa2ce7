import path from 'node:path';
import { openLedger, type Account, type Ledger } from '../../core/ledger';
import { AUTH, mail } from '../integration/gate/mail';
import gmailSimple from '../fixtures/email/n8n/gmail-simple.fr-support-latin1.json';
import { n8n, readState, runNode } from './harness';

// Check Sender Credits and Debit Credit inside the real n8n, on a SQLite ledger file the test
// process arranges and inspects beside n8n.
describe('the credits gate inside a real n8n', () => {
  const ledgerPath = path.join(readState().ledgerDir, 'gate.sqlite');
  let credential: { id: string; name: string };
  let store: Ledger;
  let client: Account;

  beforeAll(async () => {
    credential = await (await n8n()).createCredential('Ledger (gate)', 'supportGateLedgerApi', { store: 'sqlite', sqlitePath: ledgerPath });
    store = await openLedger({ kind: 'sqlite', path: ledgerPath });
    const project = await store.createProject({ name: 'agence-web' });
    await store.addRecipient(project.id, 'support@agence-web.fr');
    client = await store.createAccount(project.id, 'Boulangerie Dupré');
    await store.authorizeDomain(project.id, client.id, 'boulangerie-dupre.fr');
    await store.grant(client.id, 1, 'seed', 'test');
  });
  afterAll(async () => store?.close());

  const node = (type: 'checkSenderCredits' | 'debitCredit', parameters: Record<string, unknown> = {}, continueOnFail = false) => ({
    type,
    parameters,
    credentials: { supportGateLedgerApi: credential },
    continueOnFail,
  });
  const dupre = (over: Parameters<typeof mail>[0] = {}) =>
    mail({ fromAddress: 'paul@boulangerie-dupre.fr', toAddress: 'support@agence-web.fr', ...over });

  test('routes trigger items to Has credit, Follow-up and Not authorized; debits once; then No credit', async () => {
    const spoofed = dupre({ authResults: AUTH.fail('boulangerie-dupre.fr') });
    const checked = await runNode(node('checkSenderCredits'), [
      gmailSimple,
      { email: mail({ fromAddress: 'eve@else.fr', toAddress: 'support@agence-web.fr' }) },
      { email: spoofed },
    ]);
    const [hasCredit, noCredit, followUp, notAuthorized] = checked.outputs;
    expect(hasCredit).toHaveLength(1);
    expect(hasCredit[0]!.json).toMatchObject({
      route: 'has_credit',
      project: { name: 'agence-web' },
      account: { id: client.id, balance: 1 },
      balance: 1,
      email: { from: { address: 'helene@boulangerie-dupre.fr' } },
    });
    expect(hasCredit[0]!.pairedItem).toEqual({ item: 0 });
    expect(noCredit ?? []).toHaveLength(0);
    expect(followUp ?? []).toHaveLength(0);
    expect(notAuthorized!.map((i) => [i.json.reasonCode, i.json.flagged ?? false, i.pairedItem])).toEqual([
      ['sender', false, { item: 1 }],
      ['spoofed', true, { item: 2 }],
    ]);

    // n8n's simple Gmail shape carries no Authentication-Results: under the default policy
    // ("require") the request is held uncharged and the registered address is asked to confirm.
    const unverified = { ...hasCredit[0]!.json, classification: { category: 'bug', urgency: 'high', summary: 'Contact form error 500' } };
    expect(unverified).toMatchObject({
      authenticity: { verdict: 'unverified' },
      senderAuthentication: { policy: 'require', confirmationRequired: true },
    });
    const held = await runNode(node('debitCredit'), [unverified]);
    expect(held.outputs[0] ?? []).toHaveLength(0);
    expect(held.outputs[2]![0]!.json).toMatchObject({
      route: 'needs_confirmation',
      outcome: 'held_for_confirmation',
      charged: false,
      balance: 1,
      sendReply: true,
      ticket: { number: 1, status: 'waiting_confirmation' },
      reply: { onlyTo: 'helene@boulangerie-dupre.fr' },
    });
    expect(String((held.outputs[2]![0]!.json.reply as { subject: string }).subject)).toMatch(/\(SG-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}\)$/);

    // An authenticated request: the workflow retried, the same item twice debits once and names the same ticket.
    const authentic = (await runNode(node('checkSenderCredits'), [{ email: dupre({ subject: 'Formulaire de contact en panne' }) }]))
      .outputs[0]![0]!.json;
    const request = { ...authentic, classification: { category: 'bug', urgency: 'high', summary: 'Contact form error 500' } };
    const debited = await runNode(node('debitCredit'), [request, request]);
    const [first, second] = debited.outputs[0]!.map((i) => i.json);
    expect(first).toMatchObject({ route: 'debited', charged: true, balance: 0, ticket: { number: 2, tag: '[SG-2]', status: 'new' } });
    expect(String(first!.replySubject)).toMatch(/^Re: \[SG-2\] Formulaire de contact en panne/);
    expect(second).toMatchObject({ charged: false, outcome: 'already_debited', ticket: { id: (first!.ticket as { id: string }).id } });
    expect(await store.balance(client.id)).toBe(0);
    expect(await store.getTicketByNumber('agence-web', 2)).toMatchObject({ category: 'bug', urgency: 'high', status: 'new' });

    // A reply tagged [SG-2] is a free follow-up; a new request without credit goes to No credit.
    const reply = dupre({ subject: 'RE: [SG-2] Formulaire de contact' });
    const fresh = dupre({ subject: 'Nouveau souci' });
    const next = await runNode(node('checkSenderCredits'), [{ email: reply }, { email: fresh }]);
    expect(next.outputs[2]![0]!.json).toMatchObject({ route: 'follow_up', ticket: { number: 2, tag: '[SG-2]' } });
    expect(next.outputs[1]![0]!.json).toMatchObject({ route: 'no_credit', balance: 0 });
    const noCreditHeld = await runNode(node('debitCredit'), [next.outputs[1]![0]!.json]);
    expect(noCreditHeld.outputs[1]![0]!.json).toMatchObject({
      route: 'no_credit',
      charged: false,
      ticket: { number: 3, status: 'waiting_payment' },
    });
    expect((await store.history(client.id)).entries.filter((e) => e.kind === 'debit')).toHaveLength(1);
  });

  test('bad items fail naming the field; continueOnFail keeps going', async () => {
    await expect(runNode(node('checkSenderCredits'), [{ nothing: 'here' }])).rejects.toThrow(/Unrecognized email item/);
    const mixed = await runNode(node('checkSenderCredits', {}, true), [{ nothing: 'here' }, { email: dupre() }]);
    expect(mixed.outputs[3] ?? []).toHaveLength(0); // never labelled "ignored": the sweep retries it
    expect(mixed.outputs[4]![0]!.json.error).toMatch(/Unrecognized email item/);
    expect(mixed.outputs[1]![0]!.json).toMatchObject({ route: 'no_credit' });
    expect(mixed.outputs[1]![0]!.pairedItem).toEqual({ item: 1 });
    await expect(runNode(node('debitCredit'), [{ email: dupre() }])).rejects.toThrow(/no project/);
    const debitMixed = await runNode(node('debitCredit', { tagFormat: '[{{number}}]' }, true), [
      { foo: 1 },
      { email: dupre({ subject: 'Another' }), project: { id: client.projectId }, account: { id: client.id } },
    ]);
    expect(debitMixed.outputs[0] ?? []).toHaveLength(0); // never on Debited (it replies)
    expect(debitMixed.outputs[3]![0]!.json.error).toMatch(/no email/); // Failed
    expect(debitMixed.outputs[1]![0]!.json).toMatchObject({ route: 'no_credit', ticket: { tag: '[4]' } });
    await expect(
      runNode(node('debitCredit', { tagFormat: '[SG]' }), [
        { email: dupre(), project: { id: client.projectId }, account: { id: client.id } },
      ]),
    ).rejects.toThrow(/must contain \{\{number\}\}/);
  });
});
