/**
 * What duplicate detection keeps of a mail: a subject fingerprint and a small sketch of the
 * body's word shingles (hashes only, never the text). Two requests are the same problem when
 * their fingerprints are equal, or when the Jaccard similarity of their shingle sets is high.
 * Comparing two sketches is the ledger's (core/ledger/sketch.ts): it does it inside its transaction.
 */

import { SIGNATURE_SIZE } from '../ledger/sketch';

export { SIGNATURE_SIZE };
const SHINGLE_WORDS = 3;

// Reply/forward prefixes in the languages clients write in (Re, Fwd, TR, AW, WG, SV, VS, Antw, RIF).
// All leading prefixes in one match: removing one per round made "Re: Re: Re: …" quadratic. The
// optional "[2]" / "(2)" counter owns the blanks after it, so no two blank runs sit side by side.
const PREFIX = /^\s*(?:(?:re|fwd?|tr|aw|wg|sv|vs|antw|rif)\s*(?:(?:\[\d+\]|\(\d+\))\s*)?:\s*)+/i;
/** Rounds of tag and prefix removal: two cover real subjects; the bound keeps crafted ones linear. */
const MAX_ROUNDS = 8;

/** Lower-case words without accents or punctuation. */
export function words(text: string): string[] {
  return String(text ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * The topic of a subject: reply prefixes, bracketed tags ([SG-12], [1527], (#42)), punctuation and
 * case removed. "RE: Fwd: [SG-12] Site DOWN!!" → "site down".
 */
export function subjectFingerprint(subject: string, tagPattern?: RegExp): string {
  let s = String(subject ?? '');
  for (let previous = '', round = 0; previous !== s && round < MAX_ROUNDS; round++) {
    previous = s;
    if (tagPattern) s = s.replace(new RegExp(tagPattern.source, 'gi'), ' ');
    s = s
      .replace(/\[[^\]]{0,40}\]|\(#?\d+\)/g, ' ')
      .trim()
      .replace(PREFIX, '');
  }
  return words(s).join(' ');
}

// FNV-1a, 32 bits: stable across processes and versions (unlike a seeded hash).
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Hashes of the body's word 3-shingles (a short body gives its words), sorted, distinct. */
export function shingleHashes(text: string): number[] {
  const w = words(text);
  const grams = w.length < SHINGLE_WORDS ? w : w.slice(SHINGLE_WORDS - 1).map((_, i) => w.slice(i, i + SHINGLE_WORDS).join(' '));
  return [...new Set(grams.map(fnv1a))].sort((a, b) => a - b);
}

/** Bottom-k sketch: the SIGNATURE_SIZE smallest shingle hashes, base64 of big-endian uint32s. */
export function bodySignature(text: string): string {
  const hashes = shingleHashes(text).slice(0, SIGNATURE_SIZE);
  const buf = Buffer.alloc(hashes.length * 4);
  hashes.forEach((h, i) => buf.writeUInt32BE(h, i * 4));
  return buf.toString('base64');
}

export { decodeSignature, signatureSimilarity } from '../ledger/sketch';
