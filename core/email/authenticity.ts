import { authenticate, type AuthenticateOptions, type DNSResolver } from 'mailauth';
import { getDomain } from 'tldts';
import { parseAuthResults, type ParsedAuthResults } from './auth-results';
import type { SupportEmail } from './types';

export type AuthVerdict = 'authentic' | 'unverified' | 'spoofed';

export interface Authenticity {
  verdict: AuthVerdict;
  reason: string;
  /** The results the verdict was drawn from (absent when none could be trusted). */
  results?: ParsedAuthResults;
  spfAligned: boolean;
  dkimAligned: boolean;
}

export interface AuthenticityOptions {
  /**
   * The authserv-id of the receiving host whose Authentication-Results are trusted (e.g.
   * "mx.google.com"). Default: the topmost header, which the receiving host adds last.
   */
  trustedAuthservId?: string;
}

/** Organizational domain (public-suffix aware), for relaxed DMARC-style alignment. */
export function organizationalDomain(domain: string): string {
  return (getDomain(domain, { allowPrivateDomains: false }) ?? domain).toLowerCase();
}

function aligned(fromDomain: string, other: string | undefined): boolean {
  return !!other && organizationalDomain(other) === organizationalDomain(fromDomain);
}

/** Picks the Authentication-Results we may trust, or explains why none. */
function trustedResults(email: SupportEmail, opts: AuthenticityOptions): ParsedAuthResults | string {
  const { authenticationResults, arcAuthenticationResults, order, expectedAuthservId } = email.auth;
  const wanted = (opts.trustedAuthservId ?? (order === 'last-only' ? expectedAuthservId : undefined))?.toLowerCase();
  const parsed = authenticationResults.map(parseAuthResults);
  if (wanted) {
    const match = parsed.find((p) => p.authservId === wanted);
    if (match) return match;
    const arc = arcAuthenticationResults.map(parseAuthResults).find((p) => p.authservId === wanted);
    if (arc) return arc;
    return parsed.length ? `no Authentication-Results from the trusted authserv-id ${wanted}` : 'no Authentication-Results header';
  }
  if (order === 'last-only') {
    return 'the source keeps only the bottom Authentication-Results header, which the sender could have written; configure the trusted authserv-id';
  }
  return parsed[0] ?? (order === 'none' ? 'the source carries no authentication headers' : 'no Authentication-Results header');
}

/** Verdict from already-parsed results and the From domain. */
export function verdictFromResults(fromAddress: string, results: ParsedAuthResults): Authenticity {
  const fromDomain = fromAddress.split('@').pop()!.toLowerCase();
  const dkimPass = results.dkim.filter((d) => d.result === 'pass' && aligned(fromDomain, d.domain));
  const spfAligned = results.spf?.result === 'pass' && aligned(fromDomain, results.spf.domain);
  const base = { results, spfAligned, dkimAligned: dkimPass.length > 0 };
  if (results.dmarc?.result === 'fail') return { ...base, verdict: 'spoofed', reason: `DMARC fail for ${fromDomain}` };
  if (results.dmarc?.result === 'pass') return { ...base, verdict: 'authentic', reason: `DMARC pass for ${fromDomain}` };
  if (dkimPass.length) return { ...base, verdict: 'authentic', reason: `DKIM pass aligned with ${fromDomain} (d=${dkimPass[0].domain})` };
  if (spfAligned) return { ...base, verdict: 'authentic', reason: `SPF pass aligned with ${fromDomain} (mailfrom ${results.spf!.domain})` };
  const spfFails = results.spf?.result === 'fail' && (!results.spf.domain || aligned(fromDomain, results.spf.domain));
  const dkimFails = results.dkim.some((d) => d.result === 'fail' && (!d.domain || aligned(fromDomain, d.domain)));
  if (spfFails && dkimFails) return { ...base, verdict: 'spoofed', reason: `SPF and DKIM both fail for ${fromDomain}` };
  const seen = [
    results.spf && `spf=${results.spf.result}`,
    ...results.dkim.map((d) => `dkim=${d.result}${d.domain ? ` (d=${d.domain})` : ''}`),
    results.dmarc && `dmarc=${results.dmarc.result}`,
  ]
    .filter(Boolean)
    .join(', ');
  return { ...base, verdict: 'unverified', reason: `no aligned pass for ${fromDomain}${seen ? `: ${seen}` : ''}` };
}

/** One verdict per mail from the Authentication-Results the normalizer kept. */
export function checkAuthenticity(email: SupportEmail, opts: AuthenticityOptions = {}): Authenticity {
  const results = trustedResults(email, opts);
  if (typeof results === 'string') return { verdict: 'unverified', reason: results, spfAligned: false, dkimAligned: false };
  return verdictFromResults(email.from.address, results);
}

export interface MailauthOptions {
  /** DNS lookups go through this; tests and offline setups pass a local table. */
  resolver?: DNSResolver;
  /** Connecting client IP / HELO / MAIL FROM when known (else taken from Received with trustReceived). */
  ip?: string;
  helo?: string;
  sender?: string;
  trustReceived?: boolean;
  /** Our authserv-id in the produced header. */
  mta?: string;
}

/** Verifies raw MIME with mailauth (DKIM signatures, SPF for the given IP, DMARC) and returns one verdict. */
export async function verifyRawAuthenticity(raw: string | Buffer, fromAddress: string, opts: MailauthOptions = {}): Promise<Authenticity> {
  const options: AuthenticateOptions = {
    resolver: opts.resolver,
    ip: opts.ip,
    helo: opts.helo,
    sender: opts.sender,
    trustReceived: opts.trustReceived ?? false,
    mta: opts.mta ?? 'supportgate.local',
    disableArc: true,
    disableBimi: true,
  };
  const r = await authenticate(raw, options);
  const results: ParsedAuthResults = {
    authservId: options.mta,
    dkim: r.dkim.results.map((d) => ({ result: d.status.result, domain: d.signingDomain?.toLowerCase() })),
    spf: r.spf ? { result: r.spf.status.result, domain: r.spf.domain?.toLowerCase() } : undefined,
    dmarc: r.dmarc ? { result: r.dmarc.status.result, domain: r.dmarc.domain?.toLowerCase() } : undefined,
  };
  return verdictFromResults(fromAddress, results);
}
