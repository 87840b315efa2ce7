/**
 * A throw-away self-signed certificate for the TLS tests (openssl, in a temp dir deleted by the
 * caller): valid for localhost, 127.0.0.1 and the extra addresses given, one day long.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import path from 'node:path';

export interface SelfSigned {
  keyPath: string;
  certPath: string;
  key: string;
  /** PEM, what a person pastes in the credential's CA Certificate field. */
  cert: string;
}

export function selfSignedCertificate(dir: string, extraIps: string[] = []): SelfSigned {
  const keyPath = path.join(dir, 'key.pem');
  const certPath = path.join(dir, 'cert.pem');
  const san = ['DNS:localhost', 'IP:127.0.0.1', ...extraIps.map((ip) => `IP:${ip}`)].join(',');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPath, '-out', certPath, '-days', '1'].concat([
      '-subj',
      '/CN=localhost',
      '-addext',
      `subjectAltName=${san}`,
    ]),
    { stdio: 'ignore' },
  );
  return { keyPath, certPath, key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8') };
}

/** An IPv4 address of this machine that is not loopback: a "remote" host for the STARTTLS rule. */
export function nonLoopbackIpv4(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
}
