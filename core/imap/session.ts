/** Connections: one IMAP session (imapflow) and one SMTP transport (nodemailer) per run. */
import { rootCertificates } from 'node:tls';
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

/**
 * TLS options of both connections: the system's CAs plus the credential's own (`ca` alone would
 * replace the system's), or no check at all when the credential says to ignore certificate errors.
 */
export function tlsOptions(config: ImapSmtpConfig): { rejectUnauthorized: boolean; ca?: string[] } {
  if (config.ignoreSSLIssues) return { rejectUnauthorized: false };
  return { rejectUnauthorized: true, ...(config.caCertificate ? { ca: [...rootCertificates, config.caCertificate] } : {}) };
}

/** Node's codes for a certificate the client does not trust (self-signed, unknown CA, wrong name, expired). */
const CERTIFICATE_ERRORS = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** What to do about a TLS failure, or undefined when the error is not one. */
export function tlsAdvice(kind: 'IMAP' | 'SMTP', host: string, port: number, error: unknown): string | undefined {
  const e = (error ?? {}) as { code?: string; message?: string; tlsFailed?: boolean };
  const code = e.code ?? '';
  if (CERTIFICATE_ERRORS.has(code) || /certificate/i.test(e.message ?? '')) {
    return (
      `The ${kind} server ${host}:${port} presented a TLS certificate this machine does not trust (${code || e.message}). ` +
      'For a provider, check the host name (use the one in its documentation, not an alias). For your own server with a ' +
      "self-signed certificate, paste that certificate (or its CA's) in the credential's CA Certificate field; " +
      'Ignore TLS Certificate Errors also connects, but then anyone on the path can read the password.'
    );
  }
  if (e.tlsFailed || /STARTTLS/i.test(e.message ?? '')) {
    return (
      `The ${kind} server ${host}:${port} does not offer STARTTLS, and SupportGate never sends a password in clear to a host ` +
      `other than this machine: turn ${kind} TLS on with the implicit-TLS port (${kind === 'IMAP' ? '993' : '465'}), ` +
      `or use the server's STARTTLS port (${kind === 'IMAP' ? '143' : '587'}) if it has one.`
    );
  }
  return undefined;
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
    tls: tlsOptions(config),
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
    const advice = tlsAdvice('IMAP', host, port, err);
    if (advice) throw new ImapSupportError('imap_connection_failed', advice, { field: 'imapSecure', cause: err });
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
    tls: tlsOptions(config),
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
    const advice = tlsAdvice('SMTP', host, port, err);
    if (advice) throw new ImapSupportError('smtp_failed', advice, { field: 'smtpSecure', cause: err });
    throw new ImapSupportError(
      'smtp_failed',
      `SMTP ${host}:${port} refused the connection or the login (${describe(err)}): check host, port (465 = TLS, 587 = STARTTLS), user and password.`,
      { field: 'smtpHost', cause: err },
    );
  } finally {
    smtp.close();
  }
}
