/**
 * TLS of the SupportGate IMAP/SMTP credential against real servers: a Dovecot with a throw-away
 * self-signed certificate (implicit TLS on a 993-style port, STARTTLS on the plain one) and the
 * smtp-server stand-in (implicit TLS, STARTTLS). What each test proves is read on the server side:
 * Dovecot's login line says "TLS", the SMTP stand-in records whether the session was encrypted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { imap } from '../../../core';
import { startDovecot, type LocalDovecot } from '../../support/dovecot-server';
import { nonLoopbackIpv4, selfSignedCertificate, type SelfSigned } from '../../support/self-signed';
import { startSmtpRelay, type LocalSmtp } from '../../support/smtp-relay';
import { SUPPORT } from './mailbox';

const REMOTE = nonLoopbackIpv4();
let dir: string;
let cert: SelfSigned;
let tlsDovecot: LocalDovecot;
let plainDovecot: LocalDovecot;
let smtps: LocalSmtp;
let starttls: LocalSmtp;
let plainRemoteSmtp: LocalSmtp;

/** A credential as a person fills it in, then the config every operation gets. */
const configFrom = (fields: Record<string, unknown>) =>
  imap.imapSmtpConfigFrom({
    imapUser: SUPPORT.user,
    imapPassword: SUPPORT.password,
    fromAddress: SUPPORT.user,
    sentFolder: 'Sent',
    ...fields,
  });

/** Dovecot's login lines for the support user: "TLS" when encrypted, "secured" for plain text on localhost. */
const loginsIn = (dovecot: LocalDovecot) =>
  dovecot
    .log()
    .split('\n')
    .filter((l) => l.includes('Login: user=<' + SUPPORT.user));

async function imapLogin(config: imap.ImapSmtpConfig): Promise<void> {
  const client = await imap.openImap(config);
  await client.mailboxOpen('INBOX', { readOnly: true });
  await client.logout();
}

/** The error an operation fails with, to assert its message and field. */
async function failure(run: () => Promise<unknown>): Promise<imap.ImapSupportError> {
  try {
    await run();
  } catch (err) {
    return err as imap.ImapSupportError;
  }
  throw new Error('expected a failure');
}

beforeAll(async () => {
  if (!REMOTE) throw new Error('this machine has no non-loopback IPv4 address: the STARTTLS rule needs a host other than localhost');
  dir = mkdtempSync(path.join(tmpdir(), 'sg-tls-'));
  cert = selfSignedCertificate(dir, [REMOTE]);
  tlsDovecot = await startDovecot({ users: [SUPPORT], tls: { certPath: cert.certPath, keyPath: cert.keyPath }, alsoListen: [REMOTE] });
  plainDovecot = await startDovecot({ users: [SUPPORT], alsoListen: [REMOTE] });
  smtps = await startSmtpRelay(tlsDovecot, { tls: { key: cert.key, cert: cert.cert, implicitTls: true } });
  starttls = await startSmtpRelay(tlsDovecot, { tls: { key: cert.key, cert: cert.cert }, listen: REMOTE });
  plainRemoteSmtp = await startSmtpRelay(tlsDovecot, { listen: REMOTE });
});
afterAll(async () => {
  await Promise.all([smtps?.stop(), starttls?.stop(), plainRemoteSmtp?.stop()]);
  await Promise.all([tlsDovecot?.stop(), plainDovecot?.stop()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('IMAP', () => {
  test('implicit TLS (993-style) with the self-signed certificate in CA Certificate: logged in over TLS', async () => {
    const before = loginsIn(tlsDovecot).length;
    await imapLogin(
      configFrom({
        imapHost: '127.0.0.1',
        imapPort: tlsDovecot.tlsPort,
        imapSecure: true,
        caCertificate: cert.cert,
        smtpHost: 'x',
        smtpPort: 1,
      }),
    );
    const [line, ...more] = loginsIn(tlsDovecot).slice(before);
    expect(more).toEqual([]);
    expect(line).toMatch(/, TLS,/);
  });

  test('a self-signed certificate is refused without CA Certificate, saying what to do', async () => {
    const before = loginsIn(tlsDovecot).length;
    const err = await failure(() =>
      imapLogin(configFrom({ imapHost: '127.0.0.1', imapPort: tlsDovecot.tlsPort, imapSecure: true, smtpHost: 'x', smtpPort: 1 })),
    );
    expect(err).toMatchObject({ code: 'imap_connection_failed', field: 'imapSecure' });
    expect(err.message).toMatch(/does not trust \(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
    expect(err.message).toMatch(/CA Certificate field/);
    expect(loginsIn(tlsDovecot).slice(before)).toEqual([]); // the password never left
  });

  test('Ignore TLS Certificate Errors connects too (the last resort it says it is)', async () => {
    await imapLogin(
      configFrom({
        imapHost: '127.0.0.1',
        imapPort: tlsDovecot.tlsPort,
        imapSecure: true,
        ignoreSSLIssues: true,
        smtpHost: 'x',
        smtpPort: 1,
      }),
    );
  });

  test('the CA of another server does not make this one trusted', async () => {
    const other = selfSignedCertificate(mkdtempSync(path.join(dir, 'other-')));
    const err = await failure(() =>
      imapLogin(
        configFrom({
          imapHost: '127.0.0.1',
          imapPort: tlsDovecot.tlsPort,
          imapSecure: true,
          caCertificate: other.cert,
          smtpHost: 'x',
          smtpPort: 1,
        }),
      ),
    );
    expect(err.message).toMatch(/CA Certificate field/);
  });

  test('STARTTLS on the plain port of a remote host: required, and done (Dovecot logs the login as TLS)', async () => {
    const before = loginsIn(tlsDovecot).length;
    // Pasted in n8n's masked field, the PEM may arrive on one line: it still works.
    const oneLine = cert.cert.replace(/\n/g, ' ');
    await imapLogin(
      configFrom({ imapHost: REMOTE, imapPort: tlsDovecot.port, imapSecure: false, caCertificate: oneLine, smtpHost: 'x', smtpPort: 1 }),
    );
    const [line] = loginsIn(tlsDovecot).slice(before);
    expect(line).toMatch(new RegExp(`rip=${REMOTE!.replace(/\./g, '\\.')}, lip=.*, TLS,`));
  });

  test('a remote host without STARTTLS: refused before the login, plain text never sent', async () => {
    const before = loginsIn(plainDovecot).length;
    const err = await failure(() =>
      imapLogin(configFrom({ imapHost: REMOTE, imapPort: plainDovecot.port, imapSecure: false, smtpHost: 'x', smtpPort: 1 })),
    );
    expect(err).toMatchObject({ code: 'imap_connection_failed', field: 'imapSecure' });
    expect(err.message).toMatch(/does not offer STARTTLS.*never sends a password in clear.*993/);
    expect(loginsIn(plainDovecot).slice(before)).toEqual([]);
    // The same server on this machine's loopback: plain text allowed (the existing rule's one exception).
    await imapLogin(configFrom({ imapHost: '127.0.0.1', imapPort: plainDovecot.port, imapSecure: false, smtpHost: 'x', smtpPort: 1 }));
    expect(loginsIn(plainDovecot).slice(before)).toHaveLength(1);
  });
});

describe('SMTP', () => {
  const smtpOf = (relay: LocalSmtp, fields: Record<string, unknown>) =>
    configFrom({ imapHost: 'x', imapPort: 1, smtpHost: relay.host, smtpPort: relay.port, ...fields });

  test('implicit TLS (465-style) with CA Certificate: the credential test logs in over TLS, a message goes over TLS', async () => {
    const config = smtpOf(smtps, { smtpSecure: true, caCertificate: cert.cert });
    const transport = imap.smtpTransport(config);
    try {
      await transport.verify();
      await transport.sendMail({ envelope: { from: SUPPORT.user, to: ['bob@client.test'] }, raw: 'Subject: hi\r\n\r\nhello\r\n' });
    } finally {
      transport.close();
    }
    expect(smtps.logins.at(-1)).toEqual({ user: SUPPORT.user, secure: true });
    expect(smtps.messages.at(-1)).toMatchObject({ to: ['bob@client.test'], secure: true });
  });

  test('a self-signed certificate is refused without CA Certificate, saying what to do; nothing is sent', async () => {
    const before = smtps.logins.length;
    const session = { config: smtpOf(smtps, { smtpSecure: true }), smtp: imap.smtpTransport(smtpOf(smtps, { smtpSecure: true })) };
    try {
      const err = await failure(() =>
        imap.sendMessage(
          session as unknown as imap.MailSession,
          { to: ['bob@client.test'], subject: 's', text: 't' },
          { appendToSent: false },
        ),
      );
      expect(err).toMatchObject({ code: 'smtp_failed', field: 'smtpSecure' });
      expect(err.message).toMatch(/SMTP server 127\.0\.0\.1:\d+ presented a TLS certificate this machine does not trust/);
      expect(err.message).toMatch(/CA Certificate field/);
    } finally {
      session.smtp.close();
    }
    expect(smtps.logins.length).toBe(before);
  });

  test('STARTTLS on a remote host: required, and the message goes encrypted', async () => {
    const config = smtpOf(starttls, { smtpSecure: false, caCertificate: cert.cert });
    const transport = imap.smtpTransport(config);
    try {
      await transport.sendMail({ envelope: { from: SUPPORT.user, to: ['bob@client.test'] }, raw: 'Subject: hi\r\n\r\nhello\r\n' });
    } finally {
      transport.close();
    }
    expect(starttls.logins.at(-1)).toEqual({ user: SUPPORT.user, secure: true });
    expect(starttls.messages.at(-1)).toMatchObject({ secure: true });
  });

  test('a remote host without STARTTLS: the credential test is refused before the login', async () => {
    const err = await failure(() =>
      imap.verifyImapSmtp(
        configFrom({
          imapHost: '127.0.0.1',
          imapPort: tlsDovecot.tlsPort,
          imapSecure: true,
          caCertificate: cert.cert,
          smtpHost: plainRemoteSmtp.host,
          smtpPort: plainRemoteSmtp.port,
          smtpSecure: false,
        }),
      ),
    );
    expect(err).toMatchObject({ code: 'smtp_failed', field: 'smtpSecure' });
    expect(err.message).toMatch(/SMTP server .* does not offer STARTTLS.*465/);
    expect(plainRemoteSmtp.logins).toEqual([]);
  });

  test('CA Certificate must be a PEM certificate: the field is named', () => {
    expect(() => configFrom({ imapHost: 'h', imapPort: 993, smtpHost: 'h', smtpPort: 465, caCertificate: 'not a cert' })).toThrow(
      expect.objectContaining({ field: 'caCertificate', message: expect.stringMatching(/BEGIN CERTIFICATE/) }),
    );
  });
});
