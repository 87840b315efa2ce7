/**
 * Comparing two body sketches (core/tickets/signature.ts makes them): the ledger does it inside
 * the transaction that decides whether a request joins an open ticket.
 */

/** Sketch size: bodies with at most this many shingles are compared exactly. */
export const SIGNATURE_SIZE = 128;

export function decodeSignature(signature: string | null | undefined): number[] {
  const buf = Buffer.from(signature ?? '', 'base64');
  const out: number[] = [];
  for (let i = 0; i + 4 <= buf.length; i += 4) out.push(buf.readUInt32BE(i));
  return out;
}

/**
 * Jaccard similarity estimated from two bottom-k sketches: among the k smallest hashes of the
 * union, the share present in both. Exact when both bodies have at most k shingles. 0 when
 * either body is empty (no evidence is not similarity).
 */
export function signatureSimilarity(a: string | number[], b: string | number[]): number {
  const x = typeof a === 'string' ? decodeSignature(a) : a;
  const y = typeof b === 'string' ? decodeSignature(b) : b;
  if (x.length === 0 || y.length === 0) return 0;
  const inX = new Set(x);
  const inY = new Set(y);
  const union = [...new Set([...x, ...y])].sort((p, q) => p - q).slice(0, SIGNATURE_SIZE);
  const both = union.filter((h) => inX.has(h) && inY.has(h)).length;
  return both / union.length;
}
