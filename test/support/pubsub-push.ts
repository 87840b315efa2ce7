/**
 * A local stand-in for Cloud Pub/Sub's authenticated push: it signs OIDC tokens (RS256) with a
 * throw-away key, as Google signs the token of a push subscription with authentication, and
 * serves the matching public keys on 127.0.0.1 in the shape of Google's PEM certificate endpoint
 * (https://www.googleapis.com/oauth2/v1/certs: {kid: PEM}). Tests point the verifier there.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSign, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';

export const PUSH_SERVICE_ACCOUNT = 'gmail-push@acme-support.iam.gserviceaccount.com';

export interface TokenClaims {
  iss?: string;
  aud?: string;
  email?: string;
  email_verified?: boolean;
  iat?: number;
  exp?: number;
  sub?: string;
  [claim: string]: unknown;
}

const b64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

export class PubSubPushSender {
  readonly kid = randomUUID().replace(/-/g, '');
  private readonly privateKey: KeyObject;
  private readonly publicPem: string;
  /** A second key Google never published: tokens signed with it must be refused. */
  private readonly strangerKey: KeyObject;
  private server?: Server;
  certsRequests = 0;
  port = 0;

  constructor() {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = pair.privateKey;
    this.publicPem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    this.strangerKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  }

  get certsUrl(): string {
    return `http://127.0.0.1:${this.port}/oauth2/v1/certs`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      if (req.url !== '/oauth2/v1/certs') return void res.writeHead(404).end();
      this.certsRequests++;
      res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8', 'cache-control': 'public, max-age=3600' });
      res.end(JSON.stringify({ [this.kid]: this.publicPem }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** An OIDC token like Pub/Sub's: Google issuer, the subscription's audience, its service account. */
  token(audience: string, overrides: TokenClaims = {}, options: { badSignature?: boolean } = {}): string {
    const now = Math.floor(Date.now() / 1000);
    const claims: TokenClaims = {
      iss: 'https://accounts.google.com',
      aud: audience,
      azp: '1049',
      email: PUSH_SERVICE_ACCOUNT,
      email_verified: true,
      iat: now,
      exp: now + 3600,
      sub: '1049',
      ...overrides,
    };
    const signed = `${b64url({ alg: 'RS256', kid: this.kid, typ: 'JWT' })}.${b64url(claims)}`;
    const signature = createSign('RSA-SHA256')
      .update(signed)
      .sign(options.badSignature ? this.strangerKey : this.privateKey)
      .toString('base64url');
    return `${signed}.${signature}`;
  }

  /** A Pub/Sub push body carrying a Gmail notification. */
  static body(
    notification: { emailAddress: string; historyId: number | string },
    messageId: string = randomUUID(),
  ): Record<string, unknown> {
    return {
      message: {
        data: Buffer.from(JSON.stringify(notification)).toString('base64'),
        messageId,
        message_id: messageId,
        publishTime: new Date().toISOString(),
      },
      subscription: 'projects/acme-support/subscriptions/gmail-push',
    };
  }
}
