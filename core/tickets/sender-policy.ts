/**
 * What an unauthenticated sender may spend. A From address costs nothing to forge: when a mail
 * has no aligned SPF/DKIM pass (verdict "unverified"), the project's senderAuthentication decides:
 * - require (default): nothing is charged; the registered address gets a confirmation mail with
 *   a secret code, and only a reply carrying that code (in the thread, from that address) charges;
 * - flag: charged, flagged for staff, and the client's reply says so;
 * - off: charged like an authenticated mail.
 */
import { randomInt } from 'node:crypto';
import type { AuthVerdict } from '../email/authenticity';
import type { SupportEmail } from '../email/types';
import type { Ledger, Project, Ticket } from '../ledger/types';
import { GateError } from './errors';

export const SENDER_AUTHENTICATION_POLICIES = ['require', 'flag', 'off'] as const;
export type SenderAuthenticationPolicy = (typeof SENDER_AUTHENTICATION_POLICIES)[number];

export const DEFAULT_CONFIRMATION_EXPIRY_HOURS = 72;

export function senderAuthenticationOf(project: Pick<Project, 'settings' | 'name'>): SenderAuthenticationPolicy {
  const value = project.settings?.senderAuthentication ?? 'require';
  if (!SENDER_AUTHENTICATION_POLICIES.includes(value as SenderAuthenticationPolicy)) {
    throw new GateError(
      'invalid_argument',
      `Project ${project.name}: settings.senderAuthentication is ${JSON.stringify(value)}; use "require" (default), "flag" or "off".`,
      'settings.senderAuthentication',
    );
  }
  return value as SenderAuthenticationPolicy;
}

export function confirmationExpiryHoursOf(project: Pick<Project, 'settings' | 'name'>): number {
  const value = project.settings?.confirmationExpiryHours ?? DEFAULT_CONFIRMATION_EXPIRY_HOURS;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new GateError(
      'invalid_argument',
      `Project ${project.name}: settings.confirmationExpiryHours is ${JSON.stringify(value)}; use a number of hours above 0 (default ${DEFAULT_CONFIRMATION_EXPIRY_HOURS}).`,
      'settings.confirmationExpiryHours',
    );
  }
  return value;
}

/** Whether this mail must be confirmed by its registered address before it is charged. */
export function needsConfirmation(policy: SenderAuthenticationPolicy, verdict: AuthVerdict | undefined): boolean {
  return policy === 'require' && verdict !== 'authentic';
}

// No 0/O, 1/I/L: read aloud or retyped without doubt. 12 symbols of 31: over 59 bits, never guessed.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const GROUP = '[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{4}';
// Fixed-length groups: the scan is linear whatever the text.
const CODE_IN_TEXT = new RegExp(`\\bSG-(${GROUP}-${GROUP}-${GROUP})\\b`, 'g');
/** How much of a body is searched for the code: it sits in the subject or the quoted mail's top. */
const BODY_SCAN_CHARS = 64 * 1024;

/** A new confirmation code, e.g. "SG-K7Q2-M9XA-4TRE" is written in mail as shown. */
export function newConfirmationCode(): string {
  const symbol = () => ALPHABET[randomInt(ALPHABET.length)];
  const group = () => Array.from({ length: 4 }, symbol).join('');
  return `${group()}-${group()}-${group()}`;
}

export const confirmationCodeText = (code: string): string => `SG-${code}`;

/** The confirmation codes a mail carries, subject first, at most three. */
export function confirmationCodesIn(email: Pick<SupportEmail, 'subject' | 'text'>): string[] {
  const found = new Set<string>();
  for (const text of [email.subject, email.text.slice(0, BODY_SCAN_CHARS)]) {
    for (const m of text.toUpperCase().matchAll(CODE_IN_TEXT)) {
      found.add(m[1]);
      if (found.size === 3) return [...found];
    }
  }
  return [...found];
}

/** Thread headers of a mail, newest first, capped. */
export function threadIds(email: Pick<SupportEmail, 'inReplyTo' | 'references' | 'messageId'>): string[] {
  const ids = [email.inReplyTo, ...[...email.references].reverse()].filter((id): id is string => !!id && id !== email.messageId);
  return [...new Set(ids)].slice(0, 20);
}

/**
 * The held ticket this mail confirms: it carries the ticket's code, comes from the address the
 * request was held for, and answers in the ticket's thread. Anything less confirms nothing.
 */
export async function findConfirmedTicket(
  ledger: Ledger,
  email: SupportEmail,
  projectId: string,
  accountId: string,
): Promise<Ticket | null> {
  for (const code of confirmationCodesIn(email)) {
    const ticket = await ledger.findTicketByConfirmationCode(projectId, code);
    if (!ticket || ticket.accountId !== accountId || ticket.sender !== email.from.address.toLowerCase()) continue;
    for (const id of threadIds(email)) {
      if ((await ledger.findTicketByMessageId(projectId, id))?.id === ticket.id) return ticket;
    }
  }
  return null;
}
