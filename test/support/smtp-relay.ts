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
  /** Whether the session was encrypted (implicit TLS or after STARTTLS). */
  secure: boolean;
}

export interface SmtpRelayOptions {
  /** PEM key and certificate: STARTTLS offered, or TLS from the first byte with `implicitTls`. */
  tls?: { key: string; cert: string; implicitTls?: boolean };
  /** Listen on this address instead of 127.0.0.1 (a "remote" host for the STARTTLS rule). */
  listen?: string;
}

export interface LocalSmtp {
  host: string;
  port: number;
  messages: RelayedMessage[];
  /** Every successful login, and whether it came over TLS (the credential test sends nothing). */
  logins: Array<{ user: string; secure: boolean }>;
  /** The next `times` messages to this address are refused (451), as a provider's hiccup would. */
  refuseTo(address: string, times?: number): void;
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

export async function startSmtpRelay(dovecot: LocalDovecot, options: SmtpRelayOptions = {}): Promise<LocalSmtp> {
  const messages: RelayedMessage[] = [];
  const logins: LocalSmtp['logins'] = [];
  const { tls } = options;
  const refusals = new Map<string, number>();
  const server = new SMTPServer({
    secure: tls?.implicitTls === true,
    ...(tls ? { key: tls.key, cert: tls.cert } : { disabledCommands: ['STARTTLS'] }),
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, session, callback) {
      const ok = dovecot.users.some((u) => u.user === auth.username && u.password === auth.password);
      if (ok) logins.push({ user: String(auth.username), secure: session.secure === true });
      callback(ok ? null : new Error('Invalid username or password'), ok ? { user: auth.username } : undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const to = session.envelope.rcptTo.map((a) => a.address);
        const refused = to.find((a) => (refusals.get(a) ?? 0) > 0);
        if (refused) {
          refusals.set(refused, refusals.get(refused)! - 1);
          const err = Object.assign(new Error('Temporary failure, try again later'), { responseCode: 451 });
          return callback(err);
        }
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to,
          raw,
          user: String(session.user ?? ''),
          secure: session.secure === true,
        });
        const local = dovecot.users.filter((u) => to.includes(u.user));
        Promise.all(local.map((u) => appendToInbox(dovecot, u, raw))).then(
          () => callback(),
          (err: Error) => callback(err),
        );
      });
    },
  });
  const host = options.listen ?? '127.0.0.1';
  // A TLS handshake a client aborts (the certificate tests) is an 'error' event: not the test's failure.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.server.address() as { port: number }).port;
  const refuseTo = (address: string, times = 1) => refusals.set(address, times);
  return { host, port, messages, logins, refuseTo, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
