/**
 * Idempotency keys for money actions. Same message + same action + same amount within one
 * time bucket → same key, so a double click (or Gmail re-sending the action) moves credits once.
 * A deliberate second grant a bucket later gets a new key.
 */
export const IDEMPOTENCY_BUCKET_MS = 2 * 60 * 1000;

export function idempotencyKey(messageId: string, action: 'grant' | 'revoke', credits: number, nowMs: number, note = ''): string {
  const bucket = Math.floor(nowMs / IDEMPOTENCY_BUCKET_MS);
  return `gmail:${messageId}:${action}:${credits}:${shortHash(note)}:${bucket}`;
}

/** FNV-1a, enough to tell two notes apart inside a key (not a security hash). */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}
