/** Parsing of Authentication-Results (RFC 8601) values into the three results the rules read. */

export interface MethodResult {
  result: string;
  /** SPF: the smtp.mailfrom (or helo) domain; DKIM: header.d (or header.i domain); DMARC: header.from. */
  domain?: string;
}

export interface ParsedAuthResults {
  authservId?: string;
  spf?: MethodResult;
  dkim: MethodResult[];
  dmarc?: MethodResult;
}

/** Drops RFC 5322 comments "(...)", one nesting level deep is enough for real headers. */
function stripComments(value: string): string {
  return value.replace(/\((?:[^()]|\([^()]*\))*\)/g, ' ');
}

function domainOf(v: string | undefined): string | undefined {
  if (!v) return undefined;
  const clean = v.replace(/^"|"$/g, '').trim();
  const at = clean.lastIndexOf('@');
  const d = trimEndChars((at >= 0 ? clean.slice(at + 1) : clean).toLowerCase(), '>.');
  return d || undefined;
}

/** Drops trailing characters of a set; /[>.]+$/ did the same but tried every start of a long run. */
function trimEndChars(value: string, chars: string): string {
  let end = value.length;
  while (end > 0 && chars.includes(value[end - 1])) end--;
  return value.slice(0, end);
}

// "ptype.property=value". The lookbehind starts a name only where a letter run starts: the same
// matches, but a long run of letters without a dot is no longer retried from each of its letters.
const PROPERTY = /(?<![a-z])([a-z]+\.[a-z-]+)\s*=\s*("[^"]*"|[^\s;]+)/gi;

/** Parses one Authentication-Results (or ARC-Authentication-Results, "i=N;" prefix allowed) value. */
export function parseAuthResults(value: string): ParsedAuthResults {
  const segments = stripComments(value.slice(0, 16 * 1024))
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
  const out: ParsedAuthResults = { dkim: [] };
  if (segments[0] && /^i=\d+$/i.test(segments[0])) segments.shift();
  // Microsoft 365 writes no authserv-id: then the first segment is already "spf=...".
  if (segments[0] && !segments[0].includes('=')) out.authservId = segments.shift()!.split(/\s+/)[0].toLowerCase();
  for (const segment of segments) {
    const m = segment.match(/^([a-z0-9-]+)\s*=\s*([a-z]+)\b(.*)$/i);
    if (!m) continue;
    const method = m[1].toLowerCase();
    const result = m[2].toLowerCase();
    const props: Record<string, string> = {};
    for (const p of m[3].matchAll(PROPERTY)) props[p[1].toLowerCase()] = p[2];
    if (method === 'spf') out.spf ??= { result, domain: domainOf(props['smtp.mailfrom'] ?? props['smtp.helo']) };
    else if (method === 'dkim') out.dkim.push({ result, domain: domainOf(props['header.d'] ?? props['header.i']) });
    else if (method === 'dmarc') out.dmarc ??= { result, domain: domainOf(props['header.from']) };
  }
  return out;
}
