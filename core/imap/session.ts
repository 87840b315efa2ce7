/** Connections: one IMAP session (imapflow) and one SMTP transport (nodemailer) per run. */
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import type { ImapSmtpConfig } from './config';
import { ImapSupportError, describe, wrap } from './errors';

export type SmtpTransport = ReturnType<typeof nodemailer.createTransport>;

export interface MailSession {
  config: ImapSmtpConfig;
  imap: ImapFlow;
  smtp: SmtpTransport;
}

const TIMEOUT_MS = 30_000;

/**
 * Without TLS from the first byte, STARTTLS is required for any host but this machine: the offer
 * of STARTTLS arrives in clear, and a host on the path could strip it and read the password.
 */
export function mustStartTls(host: string, secure: boolean): boolean {
  return !secure && !/^(127\.\d+\.\d+\.\d+|::1|localhost)$/i.test(host);
}

export async function openImap(config: ImapSmtpConfig): Promise<ImapFlow> {
  const { host, port, secure, user, password } = config.imap;
  const client = new ImapFlow({
    host,
    port,
    secure,
    auth: { user, pass: password },
    logger: false,
    // A run is short: no IDLE between our commands.
    disableAutoIdle: true,
    connectionTimeout: TIMEOUT_MS,
    ...(mustStartTls(host, secure) ? { doSTARTTLS: true } : {}),
    ...(config.ignoreSSLIssues ? { tls: { rejectUnauthorized: false } } : {}),
  });
  // A dropped connection emits 'error'; unhandled it would crash n8n's process.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    const e = err as { authenticationFailed?: boolean };
    if (e.authenticationFailed) {
      throw new ImapSupportError(
        'imap_connection_failed',
        `IMAP login to ${host}:${port} refused for ${user}: check the user and password (many providers need an app password).`,
        { field: 'imapPassword', cause: err },
      );
    }
    throw new ImapSupportError(
      'imap_connection_failed',
      `IMAP connection to ${host}:${port} failed (${describe(err)}): check the host, the port and TLS (993 = TLS, 143 = STARTTLS).`,
      { field: 'imapHost', cause: err },
    );
  }
  return client;
}

export function smtpTransport(config: ImapSmtpConfig): SmtpTransport {
  const { host, port, secure, user, password } = config.smtp;
  return nodemailer.createTransport({
    host,
    port,
    secure,
    auth: { user, pass: password },
    connectionTimeout: TIMEOUT_MS,
    requireTLS: mustStartTls(host, secure),
    ...(config.ignoreSSLIssues ? { tls: { rejectUnauthorized: false } } : {}),
  });
}

export async function openSession(config: ImapSmtpConfig): Promise<MailSession> {
  return { config, imap: await openImap(config), smtp: smtpTransport(config) };
}

export async function closeSession(session: MailSession): Promise<void> {
  session.smtp.close();
  await session.imap.logout().catch(() => session.imap.close());
}

/** The credential test: IMAP login and INBOX select, then SMTP login (nothing is sent or changed). */
export async function verifyImapSmtp(config: ImapSmtpConfig): Promise<void> {
  const imap = await openImap(config);
  try {
    await imap.mailboxOpen('INBOX', { readOnly: true });
  } catch (err) {
    throw wrap('imap_command_failed', 'Selecting INBOX', err, 'imapUser');
  } finally {
    await imap.logout().catch(() => imap.close());
  }
  const smtp = smtpTransport(config);
  try {
    await smtp.verify();
  } catch (err) {
    const { host, port } = config.smtp;
    throw new ImapSupportError(
      'smtp_failed',
      `SMTP ${host}:${port} refused the connection or the login (${describe(err)}): check host, port (465 = TLS, 587 = STARTTLS), user and password.`,
      { field: 'smtpHost', cause: err },
    );
  } finally {
    smtp.close();
  }
}
