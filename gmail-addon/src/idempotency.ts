/**
 * Idempotency keys for money actions. Each sender card gets its own key when it is built; the
 * grant, revoke and waive buttons carry it in their action parameters. Clicking the same button of the
 * same card twice (or Gmail re-sending the action) sends the same key, so the ledger moves
 * credits once. After an action the card is redrawn with a new key, so a deliberate second grant
 * is recorded.
 */
export const CARD_KEY_PARAM = 'cardKey';

/** Unique enough per card of one message; Apps Script's V8 has no crypto.randomUUID. */
export function newCardKey(nowMs = Date.now(), random = Math.random): string {
  return `${nowMs.toString(36)}${random().toString(36).slice(2, 10)}`;
}

export function idempotencyKey(messageId: string, action: 'grant' | 'revoke', credits: number, cardKey: string, note = ''): string {
  return `gmail:${messageId}:${action}:${credits}:${shortHash(note)}:${cardKey}`;
}

/** The ledger gives a ticket's credits back once whatever the key; the key still names one click. */
export function waiveIdempotencyKey(messageId: string, ticketNumber: number, cardKey: string): string {
  return `gmail:${messageId}:waive:${ticketNumber}:${cardKey}`;
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
