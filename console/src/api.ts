/**
 * The console's one door to the Credits API: POST <page URL>/api/<operation>, JSON in and out,
 * the key in X-SupportGate-Key. Errors keep the API's contract ({ error: { code, message, field } }).
 */
import { keyStore } from './key-store';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** Every field at fault when the API lists them (a 400 from a schema), the first one first. */
    readonly issues: Array<{ field: string; message: string }> = [],
  ) {
    super(message);
  }
}

/** Called on a 401: the key is wrong or gone, the page asks for it again. */
let onUnauthorized: (error: ApiError) => void = () => undefined;
export function whenUnauthorized(handler: (error: ApiError) => void): void {
  onUnauthorized = handler;
}

/** The page is served at …/supportgate/console; its API sits under …/supportgate/console/api/. */
export function apiUrl(operation: string): string {
  return `${location.pathname.replace(/\/+$/, '')}/api/${encodeURIComponent(operation)}`;
}

export async function call<T>(operation: string, body: object = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(apiUrl(operation), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-supportgate-key': keyStore.get() ?? '' },
      body: JSON.stringify(body),
      cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(0, 'network', e instanceof Error ? e.message : String(e));
  }
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    // n8n's own error pages are not JSON: keep the status.
  }
  if (res.ok && json && typeof json === 'object') return json as T;
  const err = (json as { error?: { code?: string; message?: string; field?: string } } | null)?.error;
  const error = new ApiError(
    res.status,
    err?.code ?? `http_${res.status}`,
    err?.message ?? (text.slice(0, 300) || res.statusText),
    err?.field,
  );
  if (res.status === 401) {
    keyStore.clear();
    onUnauthorized(error);
  }
  throw error;
}

// The answers the screens read (core/ledger/console-schemas.ts has the zod schemas they mirror).
export interface Project {
  id: string;
  name: string;
  currency: string;
  price: string;
  priceMinor: number;
  defaultLanguage: 'fr' | 'en';
  recipients: string[];
  clients?: number;
  openTickets?: number;
}
export interface Client {
  accountId: string;
  name: string;
  balance: number;
  lastActivityAt: string | null;
  senders: string[];
  domains: string[];
  /** The address to pass as `sender` to grant and revoke (a domain-only client has one too). */
  ref?: string | null;
}
export interface JournalEntry {
  id: string;
  kind: string;
  credits: number;
  balanceAfter: number;
  actor: string;
  note: string | null;
  createdAt: string;
}
export { TICKET_STATUSES } from '../../core/ledger/types';
export interface Ticket {
  id: string;
  number: number;
  tag: string;
  subject: string;
  status: string;
  category: string | null;
  urgency: string | null;
  summary: string | null;
  accountId: string | null;
  accountName: string | null;
  sender: string | null;
  waived: boolean;
  createdAt: string;
}
export interface Payment {
  accountId: string;
  accountName: string;
  status: 'open' | 'paid' | 'expired' | 'refunded';
  credits: number;
  price: string;
  currency: string;
  url: string;
  createdAt: string;
  expiresAt: string;
}
export interface Health {
  ledger: { ok: boolean; violations: Array<{ accountId: string; cachedBalance: number; journalBalance: number }> };
  intake: { unfinished: number; stuckEffects: number; oldestUnfinishedAt: string | null };
}
export interface Template {
  name: string;
  subject: string;
  body: string;
  custom: boolean;
}

/** One key per click of a money button: a retried request moves nothing twice. */
export const clickKey = () => `console-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
