/** A Dovecot with a support and a staff mailbox, the SMTP stand-in, and a config for the support one. */
import { ImapFlow } from 'imapflow';
import { imap } from '../../../core';
import { startDovecot, type LocalDovecot } from '../../support/dovecot-server';
import { startSmtpRelay, type LocalSmtp } from '../../support/smtp-relay';

export const SUPPORT = { user: 'support@agency.test', password: 'pw-support' };
export const STAFF = { user: 'staff@agency.test', password: 'pw-staff' };

export interface TestMailbox {
  dovecot: LocalDovecot;
  smtp: LocalSmtp;
  config: imap.ImapSmtpConfig;
  /** A second IMAP session of the support user, to look at the server independently. */
  look: ImapFlow;
  stop(): Promise<void>;
}

export function credentialFields(dovecot: LocalDovecot, smtp: LocalSmtp, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    imapHost: dovecot.host,
    imapPort: dovecot.port,
    imapSecure: false,
    imapUser: SUPPORT.user,
    imapPassword: SUPPORT.password,
    smtpHost: smtp.host,
    smtpPort: smtp.port,
    smtpSecure: false,
    smtpUser: '',
    smtpPassword: '',
    fromAddress: SUPPORT.user,
    sentFolder: 'Sent',
    ...overrides,
  };
}

export async function startMailbox(): Promise<TestMailbox> {
  const dovecot = await startDovecot({ users: [SUPPORT, STAFF] });
  const smtp = await startSmtpRelay(dovecot);
  const config = imap.imapSmtpConfigFrom(credentialFields(dovecot, smtp));
  const look = new ImapFlow({
    host: dovecot.host,
    port: dovecot.port,
    secure: false,
    auth: { user: SUPPORT.user, pass: SUPPORT.password },
    logger: false,
  });
  await look.connect();
  return {
    dovecot,
    smtp,
    config,
    look,
    async stop() {
      await look.logout().catch(() => undefined);
      await smtp.stop();
      await dovecot.stop();
    },
  };
}

let counter = 0;
/** A client's mail as it arrives: From, optional Reply-To, a Message-ID, threading of an earlier mail. */
export function clientMail(
  o: { from?: string; replyTo?: string; subject?: string; messageId?: string; references?: string; date?: Date } = {},
): { raw: string; messageId: string } {
  const messageId = o.messageId ?? `<c${++counter}-${Date.now()}@client.test>`;
  const raw = [
    `From: Bob Client <${o.from ?? 'bob@client.test'}>`,
    ...(o.replyTo ? [`Reply-To: ${o.replyTo}`] : []),
    `To: ${SUPPORT.user}`,
    `Subject: ${o.subject ?? 'Printer broken'}`,
    `Message-ID: ${messageId}`,
    ...(o.references ? [`References: ${o.references}`, `In-Reply-To: ${o.references.split(' ').at(-1)}`] : []),
    `Date: ${(o.date ?? new Date()).toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    "Bonjour, l'imprimante ne fonctionne plus. Merci !",
    '',
  ].join('\r\n');
  return { raw, messageId };
}

/** Flags of the message with this Message-ID in a folder, or null when it is not there. */
export async function flagsIn(look: ImapFlow, mailbox: string, messageId: string): Promise<string[] | null> {
  await look.mailboxOpen(mailbox);
  const uids = (await look.search({ header: { 'message-id': messageId } }, { uid: true })) || [];
  if (!uids.length) return null;
  const m = await look.fetchOne(String(uids[0]), { flags: true }, { uid: true });
  // \Recent is session state (the first session to see a new mail), not a mark.
  return m ? [...(m.flags ?? [])].filter((f) => f !== '\\Recent').sort() : null;
}
