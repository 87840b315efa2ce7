/**
 * workflows/gmail-intake.json end to end in the real n8n: the sample mails (Gmail Trigger output)
 * go through the shipped template, and the process-mail.json sub-workflow it hands each mail to,
 * against a SQLite ledger and local Gmail and OpenAI servers.
 * Asserted: ledger movements and tickets, the replies (recipients, [SG-n] tag, threading), labels.
 */
import { simpleParser, type AddressObject } from 'mailparser';
import { DEMO } from '../fixtures/demo/seed';
import { completion } from '../support/openai-server';
import { n8n } from './harness';
import { calledIds, deploy, loadTemplate, outputOf, ran, testCopy, type Deployed } from './e2e/template';
import { labelsOf, startWorld, SUPPORT_ANSWER, type World } from './e2e/world';
import { loadedNodeDescriptions } from './harness/node-types';

let world: World;
let intake: Deployed;

const debits = async (accountId: string) => (await world.store.history(accountId)).entries.filter((e) => e.kind === 'debit');
const sentMails = () =>
  Promise.all(world.gmail.sent.map(async (s) => ({ parsed: await simpleParser(s.mime), threadId: s.message.threadId })));
const toOf = (a: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((x) => x.value.map((v) => v.address));
const deliver = async (...names: string[]) => {
  const execution = await intake.deliver(names.map((n) => world.mails[n].item));
  expect({ status: execution.status, error: execution.error?.message }).toEqual({ status: 'success', error: undefined });
  return execution;
};

beforeAll(async () => {
  world = await startWorld('e2e-gmail');
  intake = await deploy(
    await n8n(),
    testCopy(loadTemplate('gmail-intake.json'), {
      nodeTypes: loadedNodeDescriptions(),
      credentials: world.credentials,
      trigger: 'Gmail Support Trigger',
      gmailRootUrl: world.gmail.rootUrl,
    }),
  );
});
afterAll(() => world?.close());

test('a paid-up sender: one credit, ticket [SG-1], a threaded reply, staff told, labelled Paid', async () => {
  const mail = world.mails['01-fr-paid-request'];
  const execution = await deliver('01-fr-paid-request');

  expect(await world.store.balance(world.demo.paid.id)).toBe(DEMO.paidClient.credits - 1);
  expect(await debits(world.demo.paid.id)).toHaveLength(1);
  const ticket = await world.store.findTicketByMessageId(world.demo.project.id, mail.item.messageId);
  expect(ticket).toMatchObject({ number: 1, status: 'new', accountId: world.demo.paid.id, category: 'bug', urgency: 'high' });

  const [reply, staff, ...more] = await sentMails();
  expect(more).toHaveLength(0);
  expect(reply.threadId).toBe(mail.item.threadId);
  expect(toOf(reply.parsed.to)).toEqual([DEMO.paidClient.sender]);
  expect(reply.parsed.subject).toBe('Re: [SG-1] Le formulaire de contact ne fonctionne plus');
  expect(reply.parsed.inReplyTo).toBe(mail.item.messageId);
  expect(reply.parsed.references).toBe(mail.item.messageId);
  expect(reply.parsed.headers.get('auto-submitted')).toBe('auto-replied');
  expect(reply.parsed.text).toContain('[SG-1]');
  expect(reply.parsed.text).toMatch(/Bonjour Paul Dupré/);
  expect(reply.parsed.text).toContain(`Votre solde : ${DEMO.paidClient.credits - 1} crédits restants.`);
  expect(toOf(staff.parsed.to)).toEqual([DEMO.staff]);
  expect(staff.parsed.subject).toBe(`[${DEMO.project}] New ticket [SG-1]: Le formulaire de contact ne fonctionne plus`);
  expect(staff.parsed.text).toContain('balance now 2');

  expect(labelsOf(world.gmail, mail.item.id)).toEqual(['INBOX', 'SupportGate/Paid', 'UNREAD']);
  // The path ran in the process-mail sub-execution, merged into this one (so the `not` above means something).
  expect(ran(execution)).toEqual(
    expect.arrayContaining(['Process mail', 'Check Sender Credits', 'Debit Credit', 'Reply: ticket opened', 'Label Paid']),
  );
  expect(ran(execution)).not.toContain('Create Payment Link');
  expect(world.openai.requests).toHaveLength(1);
  expect(await world.store.checkInvariants()).toEqual([]);
});

test('the same mail delivered twice: still one debit, no second reply', async () => {
  const before = world.gmail.sent.length;
  const execution = await deliver('01-fr-paid-request');
  expect(outputOf(execution, 'Debit Credit')[0]).toMatchObject({
    outcome: 'already_debited',
    charged: false,
    firstDelivery: false,
    sendReply: false,
  });
  expect(ran(execution)).not.toContain('Reply: ticket opened');
  expect(world.gmail.sent.length).toBe(before);
  expect(await debits(world.demo.paid.id)).toHaveLength(1);
  expect(await world.store.balance(world.demo.paid.id)).toBe(DEMO.paidClient.credits - 1);
  expect(labelsOf(world.gmail, world.mails['01-fr-paid-request'].item.id)).toContain('SupportGate/Paid');
});

test('a follow-up in the thread is linked to the ticket, not charged, not answered', async () => {
  const before = world.gmail.sent.length;
  const mail = world.mails['06-fr-follow-up'];
  const execution = await deliver('06-fr-follow-up');
  expect(outputOf(execution, 'Check Sender Credits', 2)[0]).toMatchObject({ route: 'follow_up', ticket: { number: 1, tag: '[SG-1]' } });
  expect((await world.store.findTicketByMessageId(world.demo.project.id, mail.item.messageId))?.number).toBe(1);
  expect(await debits(world.demo.paid.id)).toHaveLength(1);
  expect(world.gmail.sent.length).toBe(before);
  expect(labelsOf(world.gmail, mail.item.id)).toEqual(['INBOX', 'SupportGate/Follow-up', 'UNREAD']);
  expect(ran(execution)).not.toContain('Classify Support Email');
});

test('an unknown sender is left alone: labelled Ignored only, no reply, no AI call, no ticket', async () => {
  const before = { sent: world.gmail.sent.length, ai: world.openai.requests.length };
  const mail = world.mails['03-unknown-sender'];
  const execution = await deliver('03-unknown-sender');
  expect(outputOf(execution, 'Check Sender Credits', 3)[0]).toMatchObject({ route: 'not_authorized', reasonCode: 'sender' });
  expect(world.gmail.sent.length).toBe(before.sent);
  expect(world.openai.requests.length).toBe(before.ai);
  expect(labelsOf(world.gmail, mail.item.id)).toEqual(['INBOX', 'SupportGate/Ignored', 'UNREAD']);
  expect(await world.store.findTicketByMessageId(world.demo.project.id, mail.item.messageId)).toBeNull();
  // Only the label request touched this message.
  expect(world.gmail.requests.filter((r) => r.path.includes(mail.item.id)).map((r) => r.path)).toEqual([
    `/gmail/v1/users/me/messages/${mail.item.id}/modify`,
  ]);
});

test('a newsletter from a client domain and an auto-reply from a client without credit cost nothing', async () => {
  const before = {
    sent: world.gmail.sent.length,
    ai: world.openai.requests.length,
    sessions: world.stripe.count('POST', '/v1/checkout/sessions'),
  };
  const execution = await deliver('04-fr-newsletter', '05-en-auto-reply');
  expect(
    outputOf(execution, 'Classify Support Email', 1)
      .map((j) => j.email.subject)
      .sort(),
  ).toEqual(['Automatic reply: Out of office', 'Nos nouveautés de printemps']);
  expect(world.openai.requests.length).toBe(before.ai); // decided by rules
  expect(world.gmail.sent.length).toBe(before.sent);
  expect(world.stripe.count('POST', '/v1/checkout/sessions')).toBe(before.sessions);
  expect(await debits(world.demo.paid.id)).toHaveLength(1);
  expect(await world.store.balance(world.demo.unpaid.id)).toBe(0);
  for (const name of ['04-fr-newsletter', '05-en-auto-reply']) {
    expect(labelsOf(world.gmail, world.mails[name].item.id)).toEqual(['INBOX', 'SupportGate/Not support', 'UNREAD']);
    expect(await world.store.findTicketByMessageId(world.demo.project.id, world.mails[name].item.messageId)).toBeNull();
  }
});

test('a duplicate of an open ticket: not charged, told "we already have your request [SG-1]" once, staff told', async () => {
  const mail = world.mails['01-fr-paid-request'];
  // The same problem mailed again in a new thread (a new Message-ID, no reply headers).
  const stored = world.gmail.addMessage(mail.raw.toString('utf8').replace(/<cmd-formulaire-001@/g, '<dup-1@'));
  const item = {
    ...mail.item,
    id: stored.id,
    threadId: stored.threadId,
    messageId: '<dup-1@boulangerie-dupre.fr>',
    headers: { ...(mail.item.headers as Record<string, string>), 'message-id': 'Message-ID: <dup-1@boulangerie-dupre.fr>' },
  };
  const before = world.gmail.sent.length;
  const execution = await intake.deliver([item]);
  expect({ status: execution.status, error: execution.error?.message }).toEqual({ status: 'success', error: undefined });
  expect(outputOf(execution, 'Debit Credit')[0]).toMatchObject({
    outcome: 'duplicate',
    charged: false,
    firstDelivery: true,
    sendReply: true,
    duplicateOf: { number: 1, tag: '[SG-1]' },
  });
  expect(await debits(world.demo.paid.id)).toHaveLength(1);
  expect((await world.store.findTicketByMessageId(world.demo.project.id, item.messageId))?.number).toBe(1);

  const sent = (await sentMails()).slice(before);
  expect(sent.map((m) => toOf(m.parsed.to))).toEqual([[DEMO.paidClient.sender], [DEMO.staff]]);
  const [reply, staff] = sent;
  expect(reply.threadId).toBe(stored.threadId);
  expect(reply.parsed.subject).toBe('Re: [SG-1] Le formulaire de contact ne fonctionne plus');
  expect(reply.parsed.inReplyTo).toBe(item.messageId);
  expect(reply.parsed.text).toContain('Nous avons déjà votre demande');
  expect(reply.parsed.text).toContain(`Votre solde : ${DEMO.paidClient.credits - 1} crédits restants.`); // nothing charged
  expect(reply.parsed.text).toContain('[SG-1]');
  expect(staff.parsed.subject).toBe(`[${DEMO.project}] Duplicate joined [SG-1]: Le formulaire de contact ne fonctionne plus`);
  expect(staff.parsed.text).toContain('not charged');
  expect(labelsOf(world.gmail, stored.id!)).toContain('SupportGate/Paid');

  // A second delivery of that mail: linked, nobody is mailed again.
  const again = await intake.deliver([item]);
  expect(outputOf(again, 'Debit Credit')[0]).toMatchObject({ outcome: 'linked', sendReply: false });
  expect(world.gmail.sent.length).toBe(before + 2);
  expect(await debits(world.demo.paid.id)).toHaveLength(1);
});

test('Needs review: a low-confidence answer goes to staff, labelled, not charged', async () => {
  world.openai.script(
    completion(
      JSON.stringify({
        is_support_request: true,
        category: 'other',
        urgency: 'low',
        language: 'fr',
        summary: 'Unclear.',
        confidence: 0.2,
        reason: 'unclear',
      }),
    ),
  );
  const mail = world.mails['01-fr-paid-request'];
  const raw = mail.raw
    .toString('utf8')
    .replace(/<cmd-formulaire-001@/g, '<review-1@')
    .replace('Le formulaire de contact ne fonctionne plus', 'Petite question');
  const stored = world.gmail.addMessage(raw);
  const item = {
    ...mail.item,
    id: stored.id,
    threadId: stored.threadId,
    messageId: '<review-1@boulangerie-dupre.fr>',
    subject: 'Petite question',
    headers: {
      ...(mail.item.headers as Record<string, string>),
      'message-id': 'Message-ID: <review-1@boulangerie-dupre.fr>',
      subject: 'Subject: Petite question',
    },
  };
  const before = world.gmail.sent.length;
  const execution = await intake.deliver([item]);
  expect(execution.status).toBe('success');
  expect(outputOf(execution, 'Classify Support Email', 2)).toHaveLength(1);
  const sent = await sentMails();
  expect(sent.slice(before).map((s) => [toOf(s.parsed.to), s.parsed.subject])).toEqual([
    [[DEMO.staff], '[SupportGate] Needs review: Petite question'],
  ]);
  expect(labelsOf(world.gmail, stored.id!)).toContain('SupportGate/Needs review');
  expect(await debits(world.demo.paid.id)).toHaveLength(1);
});

describe('workflows/gmail-reconcile.json', () => {
  const reconcile = loadTemplate('gmail-reconcile.json');
  const after = (wf: typeof reconcile, trigger: string) => {
    const nodes = (wf.nodes as Array<Record<string, unknown>>).filter(
      (n) => n.name !== trigger && !String(n.type).endsWith('stickyNote') && n.name !== 'List Unlabeled Recent',
    );
    const { [trigger]: _t, ['List Unlabeled Recent']: _l, ...connections } = wf.connections as Record<string, unknown>;
    return { nodes: nodes.map(({ position: _p, ...n }) => n), connections };
  };

  test('runs the very same nodes as the intake after its own trigger: the hand-over to process-mail', () => {
    expect(after(reconcile, 'Every 30 minutes')).toEqual(after(loadTemplate('gmail-intake.json'), 'Gmail Support Trigger'));
    expect(
      (reconcile.connections as Record<string, { main: Array<Array<{ node: string }>> }>)['List Unlabeled Recent'].main[0][0].node,
    ).toBe('Each mail');
    expect(calledIds(reconcile)).toEqual([loadTemplate('process-mail.json').id]);
    expect(calledIds(loadTemplate('gmail-intake.json'))).toEqual([loadTemplate('process-mail.json').id]);
  });

  test('the sweep handles only the mail left unlabeled, through the intake path', async () => {
    const sweep = await deploy(
      await n8n(),
      testCopy(reconcile, {
        nodeTypes: loadedNodeDescriptions(),
        credentials: world.credentials,
        trigger: 'Every 30 minutes',
        gmailRootUrl: world.gmail.rootUrl,
      }),
    );
    world.openai.script(SUPPORT_ANSWER);
    const before = { sent: world.gmail.sent.length, debits: (await debits(world.demo.paid.id)).length };
    const missed = world.mails['02-en-unpaid-request'];
    const execution = await sweep.deliver([{ timestamp: new Date().toISOString() }]);
    expect({ status: execution.status, error: execution.error?.message }).toEqual({ status: 'success', error: undefined });

    expect(outputOf(execution, 'List Unlabeled Recent').map((j) => j.id)).toEqual([missed.item.id]);
    expect(labelsOf(world.gmail, missed.item.id)).toContain('SupportGate/Awaiting payment');
    const [linkMail, ...more] = await Promise.all(world.gmail.sent.slice(before.sent).map((s) => simpleParser(s.mime)));
    expect(more).toHaveLength(0);
    expect(toOf(linkMail.to)).toEqual([DEMO.unpaidClient.sender]);
    expect(linkMail.inReplyTo).toBe(missed.item.messageId);
    expect(await debits(world.demo.paid.id)).toHaveLength(before.debits);

    // A second sweep finds nothing left to do.
    const second = await sweep.deliver([{ timestamp: new Date().toISOString() }]);
    expect(outputOf(second, 'List Unlabeled Recent')).toEqual([]);
    expect(world.gmail.sent.length).toBe(before.sent + 1);
  });
});

// Last: it leaves a mail unhandled on purpose. Each mail is its own process-mail sub-execution and
// the intake waits for it: a mail whose path fails fails the intake's execution too, after the mails
// before it were handled; the loop stops there (the rest keeps no label, the sweep drives it later).
test('a mail whose path fails: the mails before it handled, the intake execution failed, the rest left for the sweep', async () => {
  const before = { sent: world.gmail.sent.length, ai: world.openai.requests.length, debits: (await debits(world.demo.paid.id)).length };
  const unknown = world.mails['03-unknown-sender'].item;
  // Gmail no longer has this message: labelling it Ignored fails (404) and, shipped without
  // continue-on-fail, the Label node stops its sub-execution.
  const gone = {
    ...unknown,
    id: '19fffffffffffff0',
    messageId: '<gone-1@example.net>',
    headers: { ...(unknown.headers as Record<string, string>), 'message-id': 'Message-ID: <gone-1@example.net>' },
  };
  const execution = await intake.deliver([world.mails['04-fr-newsletter'].item, gone, world.mails['05-en-auto-reply'].item], {
    failed: 'allowed',
  });

  expect(execution.status).toBe('error');
  expect(execution.error?.message).toContain('Gmail labelling message 19fffffffffffff0 failed'); // the sub-execution's cause, on the intake
  expect(execution.runs['Process mail']).toHaveLength(2); // the newsletter's and the failing one's; never the auto-reply's
  expect(outputOf(execution, 'Classify Support Email', 1).map((j) => j.email.subject)).toEqual(['Nos nouveautés de printemps']);
  expect(outputOf(execution, 'Check Sender Credits', 3).map((j) => j.route)).toEqual(['not_authorized']);
  expect(execution.runs['Label Ignored'].map((r) => Boolean(r.error))).toEqual([true]);
  expect(outputOf(execution, 'Label Not support')).toHaveLength(1);
  expect(world.gmail.sent.length).toBe(before.sent);
  expect(world.openai.requests.length).toBe(before.ai);
  expect(await debits(world.demo.paid.id)).toHaveLength(before.debits);
});
