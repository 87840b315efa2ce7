/** The mailbox a SupportGate IMAP/SMTP credential describes, validated once per run. */
import { ImapSupportError } from './errors';

export interface ServerConfig {
  host: string;
  port: number;
  /** TLS from the first byte (IMAPS 993, SMTPS 465); false = STARTTLS when the server offers it. */
  secure: boolean;
  user: string;
  password: string;
}

export interface ImapSmtpConfig {
  imap: ServerConfig;
  smtp: ServerConfig;
  /** The support address replies and notifications are sent from. */
  from: string;
  /** Where sent replies are appended (IMAP has no "sent" of its own); empty = do not append. */
  sentFolder: string;
  /** Accept any certificate, unverified (own server, last resort); never for a provider. */
  ignoreSSLIssues: boolean;
  /** PEM certificate(s) trusted besides the system's: a self-signed server's own, or its private CA. */
  caCertificate?: string;
}

const need = (ok: boolean, field: string, message: string) => {
  if (!ok) throw new ImapSupportError('imap_invalid_input', message, { field });
};

function server(raw: Record<string, unknown>, prefix: 'imap' | 'smtp', fallback?: ServerConfig): ServerConfig {
  const s = (k: string) => String(raw[`${prefix}${k}`] ?? '').trim();
  const host = s('Host');
  const port = Number(raw[`${prefix}Port`]);
  need(
    host !== '',
    `${prefix}Host`,
    `The ${prefix.toUpperCase()} host is empty: e.g. ${prefix === 'imap' ? 'imap.example.com' : 'smtp.example.com'}.`,
  );
  need(
    Number.isInteger(port) && port > 0 && port < 65536,
    `${prefix}Port`,
    `The ${prefix.toUpperCase()} port must be a number such as ${prefix === 'imap' ? '993' : '465 or 587'}.`,
  );
  // The SMTP login is usually the IMAP one: empty fields reuse it.
  const user = s('User') || fallback?.user || '';
  const password = String(raw[`${prefix}Password`] ?? '') || fallback?.password || '';
  need(user !== '', `${prefix}User`, `The ${prefix.toUpperCase()} user is empty: usually the full mailbox address.`);
  need(password !== '', `${prefix}Password`, `The ${prefix.toUpperCase()} password is empty: use the mailbox password or an app password.`);
  return { host, port, secure: raw[`${prefix}Secure`] !== false, user, password };
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;

/**
 * The certificates of a CA Certificate field as PEM Node reads, or null when it holds none. A
 * masked (password) field may lose the line breaks of a pasted file: each block is re-wrapped.
 */
export function pem(value: string): string | null {
  const text = value.trim();
  if (!text) return '';
  const blocks = [...text.matchAll(PEM_BLOCK)].map((m) => m[1].replace(/\s+/g, ''));
  if (!blocks.length || blocks.some((b) => !/^[A-Za-z0-9+/=]+$/.test(b))) return null;
  return blocks.map((b) => `-----BEGIN CERTIFICATE-----\n${b.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`).join('');
}

/** Credential fields (see credentials/SupportGateImapSmtpApi) → a checked config. */
export function imapSmtpConfigFrom(raw: Record<string, unknown>): ImapSmtpConfig {
  const imap = server(raw, 'imap');
  const smtp = server(raw, 'smtp', imap);
  const from = String(raw.fromAddress ?? '').trim() || (imap.user.includes('@') ? imap.user : '');
  need(
    /^[^\s@<>]+@[^\s@<>]+$/.test(from),
    'fromAddress',
    'The From address is missing or not an address: give the support address, e.g. support@agency.example.',
  );
  const caCertificate = pem(String(raw.caCertificate ?? ''));
  need(
    caCertificate !== null,
    'caCertificate',
    'The CA Certificate is not a PEM certificate: paste the whole file, from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----.',
  );
  return {
    imap,
    smtp,
    from,
    sentFolder: String(raw.sentFolder ?? 'Sent').trim(),
    ignoreSSLIssues: raw.ignoreSSLIssues === true,
    ...(caCertificate ? { caCertificate } : {}),
  };
}
