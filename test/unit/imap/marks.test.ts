/**
 * The branches Dovecot cannot be made to take: a server whose PERMANENTFLAGS lacks "\*" (custom
 * keywords refused), and one that accepts the STORE but drops the keyword. Both get the folder.
 */
import type { ImapFlow } from 'imapflow';
import { imap } from '../../../core';

function fakeServer(permanentFlags: string[], keepsKeywords = true) {
  const calls: string[] = [];
  const flags = new Set<string>();
  const client = {
    mailboxOpen: async (path: string) => {
      calls.push(`SELECT ${path}`);
      return { path, permanentFlags: new Set(permanentFlags) };
    },
    messageFlagsAdd: async (_uid: string, f: string[]) => {
      calls.push(`STORE +${f.join(' ')}`);
      if (keepsKeywords) f.forEach((x) => flags.add(x));
      return true;
    },
    messageFlagsRemove: async (_uid: string, f: string[]) => {
      calls.push('STORE -');
      f.forEach((x) => flags.delete(x));
      return true;
    },
    fetchOne: async () => ({ uid: 5, flags }),
    list: async () => [{ path: 'INBOX', delimiter: '/' }],
    mailboxCreate: async (path: string[]) => {
      calls.push(`CREATE ${path.join('/')}`);
      return { path: path.join('/') };
    },
    messageMove: async (_uid: string, to: string) => {
      calls.push(`MOVE ${to}`);
      return { uidMap: new Map([[5, 1]]) };
    },
  };
  return { client: client as unknown as ImapFlow, calls };
}

test('PERMANENTFLAGS without \\*: no keyword is stored, the mail moves to SupportGate/Paid', async () => {
  const { client, calls } = fakeServer(['\\Seen', '\\Flagged', '\\Deleted']);
  const result = await imap.setMark(client, { mailbox: 'INBOX', uid: 5 }, 'paid');
  expect(result).toEqual({ mark: 'paid', method: 'folder', mailbox: 'SupportGate/Paid', uid: 1 });
  expect(calls).toEqual(['SELECT INBOX', 'CREATE SupportGate/Paid', 'SELECT INBOX', 'MOVE SupportGate/Paid']);
});

test('PERMANENTFLAGS with \\* (or our keyword listed): the keyword', async () => {
  for (const perm of [['\\Seen', '\\*'], ['$SupportGate_Paid']]) {
    const { client, calls } = fakeServer(perm);
    expect(await imap.setMark(client, { mailbox: 'INBOX', uid: 5 }, 'paid')).toMatchObject({
      method: 'keyword',
      mailbox: 'INBOX',
      keyword: '$SupportGate_Paid',
    });
    expect(calls).not.toContain('CREATE SupportGate/Paid');
  }
});

test('a keyword the server accepted but did not keep: folder in "auto", an error in "keywords"', async () => {
  expect(await imap.setMark(fakeServer(['\\*'], false).client, { mailbox: 'INBOX', uid: 5 }, 'ignored')).toMatchObject({
    method: 'folder',
    mailbox: 'SupportGate/Ignored',
  });
  await expect(imap.setMark(fakeServer(['\\*'], false).client, { mailbox: 'INBOX', uid: 5 }, 'ignored', 'keywords')).rejects.toThrow(
    /did not keep keyword \$SupportGate_Ignored/,
  );
});

test('recipients: onlyTo alone, else Reply-To, else From', () => {
  const mail = { messageId: '<m@x>', from: { address: 'from@client.test' }, replyTo: [{ address: 'reply@client.test' }] };
  expect(imap.replyRecipients(mail, { onlyTo: 'registered@client.test' })).toEqual(['registered@client.test']);
  expect(imap.replyRecipients(mail, {})).toEqual(['reply@client.test']);
  expect(imap.replyRecipients({ ...mail, replyTo: [] }, {})).toEqual(['from@client.test']);
  expect(imap.taggedSubject('Re: [SG-1] Printer', '[SG-1]')).toBe('Re: [SG-1] Printer');
  expect(imap.taggedSubject('Re: Printer', '[SG-1]')).toBe('Re: Printer [SG-1]');
});

test('no TLS from the first byte: STARTTLS is required, except on this machine', () => {
  expect(imap.mustStartTls('mail.example.com', false)).toBe(true);
  expect(imap.mustStartTls('10.0.0.5', false)).toBe(true);
  expect(imap.mustStartTls('mail.example.com', true)).toBe(false);
  expect(imap.mustStartTls('127.0.0.1', false)).toBe(false);
  expect(imap.mustStartTls('localhost', false)).toBe(false);
});
