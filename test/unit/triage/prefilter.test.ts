import { normalizeRfc822 } from '../../../core/email/rfc822';
import { prefilter } from '../../../core/triage/prefilter';

async function decide(headers: string[], opts: { from?: string; subject?: string; body?: string; contentType?: string } = {}) {
  const raw = [
    `From: Someone <${opts.from ?? 'claire@client.example'}>`,
    'To: support@agency.example',
    `Subject: ${opts.subject ?? 'Le formulaire ne marche plus'}`,
    'Message-ID: <p1@client.example>',
    ...headers,
    `Content-Type: ${opts.contentType ?? 'text/plain; charset=utf-8'}`,
    '',
    opts.body ?? 'Bonjour, le formulaire de contact ne fonctionne plus.',
    '',
  ].join('\r\n');
  return prefilter(await normalizeRfc822(raw));
}

test.each([
  ['Auto-Submitted: auto-replied', 'auto_submitted', 'auto_reply'],
  ['Auto-Submitted: auto-generated', 'auto_submitted', 'auto_reply'],
  ['X-Autoreply: yes', 'x_autoreply', 'auto_reply'],
  ['X-Autorespond: vacation', 'x_autoreply', 'auto_reply'],
  ['Precedence: auto_reply', 'precedence_auto_reply', 'auto_reply'],
  ['Precedence: bulk', 'precedence_bulk', 'newsletter'],
  ['Precedence: junk', 'precedence_bulk', 'newsletter'],
  ['Return-Path: <>', 'null_return_path', 'auto_reply'],
])('%s → %s', async (header, rule, category) => {
  expect(await decide([header])).toEqual({ decided: true, isSupport: false, category, rule, reason: expect.any(String) });
});

test('Auto-Submitted: no passes on', async () => {
  expect(await decide(['Auto-Submitted: no'])).toEqual({ decided: false });
});

test('a "Re:" subject does not save an auto-submitted message', async () => {
  expect(await decide(['Auto-Submitted: auto-replied'], { subject: 'Re: Votre devis' })).toMatchObject({
    decided: true,
    rule: 'auto_submitted',
  });
});

test.each([
  'Out of Office: Re: ticket',
  'Automatic reply: Invoice',
  'Réponse automatique : Votre devis',
  'Absence du bureau : point projet',
  'AutoReply',
])('out-of-office subject "%s"', async (subject) => {
  expect(await decide([], { subject })).toMatchObject({ decided: true, rule: 'out_of_office_subject' });
});

test('a human asking about their out-of-office feature passes on', async () => {
  expect(await decide([], { subject: "Re: Le message d'absence ne s'active pas" })).toEqual({ decided: false });
  expect(await decide([], { subject: 'Question: out of office banner on the shop' })).toEqual({ decided: false });
});

test('delivery-status bounces, read receipts and mail-system senders', async () => {
  expect(
    await decide([], {
      contentType: 'multipart/report; report-type=delivery-status; boundary="b"',
      body: '--b\r\nContent-Type: text/plain\r\n\r\nfailed\r\n--b--',
    }),
  ).toMatchObject({ rule: 'bounce_dsn' });
  expect(
    await decide([], {
      contentType: 'multipart/report; report-type=disposition-notification; boundary="b"',
      body: '--b\r\nContent-Type: text/plain\r\n\r\nread\r\n--b--',
    }),
  ).toMatchObject({ rule: 'read_receipt' });
  expect(await decide([], { from: 'MAILER-DAEMON@mx.example' })).toMatchObject({ rule: 'bounce_sender' });
  expect(await decide([], { from: 'postmaster@client.example' })).toMatchObject({ rule: 'bounce_sender' });
});

test('newsletters: one-click unsubscribe, or list headers without List-Post', async () => {
  expect(await decide(['List-Unsubscribe: <https://x.example/u>', 'List-Unsubscribe-Post: List-Unsubscribe=One-Click'])).toMatchObject({
    rule: 'list_one_click_unsubscribe',
    category: 'newsletter',
  });
  expect(await decide(['List-Unsubscribe: <mailto:u@x.example>'])).toMatchObject({ rule: 'list_without_post' });
  expect(await decide(['List-Id: <news.x.example>'])).toMatchObject({ rule: 'list_without_post' });
});

test('a client message relayed by a discussion group (Google Group as support inbox) passes on', async () => {
  const group = [
    'Precedence: list',
    'List-ID: <support.agency.example>',
    'List-Post: <mailto:support@agency.example>',
    'List-Unsubscribe: <mailto:googlegroups-manage+1+unsubscribe@googlegroups.com>',
  ];
  expect(await decide(group)).toEqual({ decided: false });
});

test('a discussion-list post marked "Precedence: bulk" (Mailman, many list servers) still passes on; a bulk newsletter does not', async () => {
  const post = [
    'Precedence: bulk',
    'List-Id: <users.project.example>',
    'List-Post: <mailto:users@project.example>',
    'List-Unsubscribe: <mailto:users-leave@project.example>',
  ];
  expect(await decide(post)).toEqual({ decided: false });
  expect(
    await decide([
      'Precedence: bulk',
      'List-Id: <news.x.example>',
      'List-Unsubscribe: <https://x.example/u>',
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    ]),
  ).toMatchObject({ decided: true });
  expect(await decide(['Precedence: bulk', 'List-Id: <alerts.x.example>'], { from: 'noreply@x.example' })).toMatchObject({
    rule: 'precedence_bulk',
  });
});

test.each([
  'noreply@saas.example',
  'no-reply@saas.example',
  'do-not-reply@bank.example',
  'donotreply@x.example',
  'ne-pas-repondre@impots.example',
  'nepasrepondre@x.example',
  'noreply+alerts@x.example',
])('no-reply sender %s', async (from) => {
  expect(await decide([], { from })).toMatchObject({ rule: 'noreply_sender' });
});

test('empty body: decided only when the subject says nothing either and nothing is attached', async () => {
  expect(await decide([], { subject: 'Re:', body: '' })).toMatchObject({ rule: 'empty_body' });
  expect(await decide([], { subject: '', body: '\uFFFD\uFFFD\uFFFD\uFFFD ??' })).toMatchObject({ rule: 'empty_body' });
  expect(await decide([], { subject: 'Site en panne !!!', body: '' })).toEqual({ decided: false });
});

test('an ordinary support request passes on', async () => {
  expect(await decide([])).toEqual({ decided: false });
});

test('a list one can post to is a discussion: one-click unsubscribe on each post does not decide; "List-Post: NO" is an announcement list', async () => {
  const groupWithOneClick = [
    'Precedence: list',
    'List-ID: <support.agency.example>',
    'List-Post: <mailto:support@agency.example>',
    'List-Unsubscribe: <https://groups.example/support/unsubscribe?t=1>',
    'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
  ];
  expect(await decide(groupWithOneClick)).toEqual({ decided: false });
  expect(await decide(['Precedence: bulk', 'List-Id: <news.x.example>', 'List-Post: NO'])).toMatchObject({
    decided: true,
    category: 'newsletter',
  });
  expect(await decide(['List-Id: <news.x.example>', 'List-Post: NO', 'List-Unsubscribe: <mailto:u@x.example>'])).toMatchObject({
    rule: 'list_without_post',
  });
});

test.each([
  ['X-Spam-Flag: YES', 'spam_verdict', 'spam'],
  ['X-Spam-Status: Yes, score=12.1 required=5.0', 'spam_verdict', 'spam'],
  ['X-MS-Exchange-Organization-SCL: 5', 'spam_verdict', 'spam'],
  ['X-MS-Exchange-Organization-SCL: 9', 'spam_verdict', 'spam'],
  ['X-Forefront-Antispam-Report: CIP:1.2.3.4;CTRY:US;SFV:SPM;H:x;', 'spam_verdict', 'spam'],
  ['X-Mailer: Accucast (http://www.accucast.com)', 'bulk_mailer', 'newsletter'],
  ['X-Mailer: MailChimp Mailer - **CID1234**', 'bulk_mailer', 'newsletter'],
  ['X-MC-User: 0123abcd', 'bulk_mailer', 'newsletter'],
  ['X-Mailin-Campaign: 42', 'bulk_mailer', 'newsletter'],
])('%s → %s', async (header, rule, category) => {
  expect(await decide([header])).toMatchObject({ decided: true, rule, category });
});

test.each([
  'X-Spam-Flag: NO',
  'X-Spam-Status: No, score=-1.9 required=5.0',
  'X-MS-Exchange-Organization-SCL: 1',
  'X-MS-Exchange-Organization-SCL: -1',
  'X-Forefront-Antispam-Report: CIP:1.2.3.4;SFV:NSPM;H:x;',
  'X-Mailer: Microsoft Outlook 16.0',
  'X-Mailer: Apple Mail (2.3731.400.51.1.1)',
])('a support request the filters let through passes on (%s)', async (header) => {
  expect(await decide([header])).toEqual({ decided: false });
});
