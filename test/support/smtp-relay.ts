/**
 * A local SMTP server (nodemailer's smtp-server) standing in for the provider's MTA: it accepts
 * the support mailbox's login, records every message, and delivers a copy to each recipient that
 * is a user of the local Dovecot by IMAP APPEND to that user's INBOX. Other recipients (the
 * clients) are only recorded, as if sent out to the Internet.
 */
import { ImapFlow } from 'imapflow';
import { SMTPServer } from 'smtp-server';
import type { DovecotUser, LocalDovecot } from './dovecot-server';

export interface RelayedMessage {
  /** The SMTP envelope: who the message was really sent to, whatever its headers say. */
  from: string;
  to: string[];
  raw: Buffer;
  /** The SMTP login that sent it. */
  user: string;
}

export interface LocalSmtp {
  host: '127.0.0.1';
  port: number;
  messages: RelayedMessage[];
  stop(): Promise<void>;
}

/** APPENDs a message to one Dovecot user's INBOX, logged in as that user. */
export async function appendToInbox(dovecot: LocalDovecot, user: DovecotUser, raw: Buffer | string, flags: string[] = []): Promise<number> {
  const client = new ImapFlow({
    host: dovecot.host,
    port: dovecot.port,
    secure: false,
    auth: { user: user.user, pass: user.password },
    logger: false,
  });
  await client.connect();
  try {
    const res = await client.append('INBOX', raw, flags);
    return res ? (res.uid ?? 0) : 0;
  } finally {
    await client.logout();
  }
}

export async function startSmtpRelay(dovecot: LocalDovecot): Promise<LocalSmtp> {
  const messages: RelayedMessage[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      const ok = dovecot.users.some((u) => u.user === auth.username && u.password === auth.password);
      callback(ok ? null : new Error('Invalid username or password'), ok ? { user: auth.username } : undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const to = session.envelope.rcptTo.map((a) => a.address);
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to,
          raw,
          user: String(session.user ?? ''),
        });
        const local = dovecot.users.filter((u) => to.includes(u.user));
        Promise.all(local.map((u) => appendToInbox(dovecot, u, raw))).then(
          () => callback(),
          (err: Error) => callback(err),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return { host: '127.0.0.1', port, messages, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
