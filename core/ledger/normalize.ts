/** Validation and normalization of addresses, domains and amounts. */
import { domainToASCII } from 'node:url';
import { LedgerError } from './errors';

const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~.-]+$/i;
const ASCII_DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;

/** Lower-cases a domain and converts IDN (é, ü…) to its ASCII (punycode) form. */
export function normalizeDomain(input: string, field = 'domain'): string {
  const raw = typeof input === 'string' ? input.trim().replace(/^@/, '').replace(/\.$/, '') : '';
  const ascii = raw ? domainToASCII(raw.toLowerCase()) : '';
  if (!ascii || !ASCII_DOMAIN.test(ascii)) {
    throw new LedgerError(
      'invalid_domain',
      `${field} "${String(input)}" is not a valid domain: give a name like "client.fr" (no @, no spaces).`,
      field,
    );
  }
  return ascii;
}

/**
 * Normalizes an e-mail address: trimmed, lower-cased, IDN domain in ASCII. A plus tag is kept
 * (support+acme@ and support@ are different addresses).
 */
export function normalizeAddress(input: string, field = 'address'): string {
  const raw = typeof input === 'string' ? input.trim() : '';
  const at = raw.lastIndexOf('@');
  const local = at > 0 ? raw.slice(0, at).toLowerCase() : '';
  const bad = () =>
    new LedgerError('invalid_address', `${field} "${String(input)}" is not a valid e-mail address: give one like "name@client.fr".`, field);
  if (!local || local.length > 64 || !LOCAL_PART.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
    throw bad();
  }
  let domain: string;
  try {
    domain = normalizeDomain(raw.slice(at + 1), field);
  } catch {
    throw bad();
  }
  return `${local}@${domain}`;
}

/** The same address without its plus tag: support+acme@agency.fr → support@agency.fr. */
export function withoutPlusTag(address: string): string {
  const at = address.lastIndexOf('@');
  const plus = address.indexOf('+');
  return plus > 0 && plus < at ? address.slice(0, plus) + address.slice(at) : address;
}

export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}

export function requirePositiveInt(value: unknown, field = 'credits'): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new LedgerError(
      'invalid_credits',
      `${field} must be a positive whole number (got ${JSON.stringify(value)}): give e.g. 1, 5 or 10.`,
      field,
    );
  }
  return value;
}

export function requireText(value: unknown, field: string, hint: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new LedgerError('invalid_argument', `${field} is required: ${hint}.`, field);
  }
  return value.trim();
}
