/**
 * Amounts travel in Stripe's minor units. For zero-decimal currencies (JPY, KRW…) the minor
 * unit is the whole amount: 8000 JPY is ¥8,000, not ¥80. Three-decimal ones (KWD…) count
 * thousandths. Lists from https://docs.stripe.com/currencies.
 */
import { PaymentError } from './errors';

const ZERO_DECIMAL = new Set([
  'bif',
  'clp',
  'djf',
  'gnf',
  'jpy',
  'kmf',
  'krw',
  'mga',
  'pyg',
  'rwf',
  'ugx',
  'vnd',
  'vuv',
  'xaf',
  'xof',
  'xpf',
]);
const THREE_DECIMAL = new Set(['bhd', 'jod', 'kwd', 'omr', 'tnd']);

/** Lower-case ISO code, as Stripe wants it; throws on anything that is not three letters. */
export function normalizeCurrency(currency: string, field = 'currency'): string {
  const c = String(currency ?? '')
    .trim()
    .toLowerCase();
  if (!/^[a-z]{3}$/.test(c)) {
    throw new PaymentError(
      'invalid_argument',
      `${field} "${currency}" is not an ISO 4217 currency code: use three letters such as EUR, USD or JPY.`,
      field,
    );
  }
  return c;
}

/** Digits after the decimal point in Stripe's minor units for this currency. */
export function currencyDecimals(currency: string): number {
  const c = normalizeCurrency(currency);
  if (ZERO_DECIMAL.has(c)) return 0;
  if (THREE_DECIMAL.has(c)) return 3;
  return 2;
}

export function isZeroDecimal(currency: string): boolean {
  return currencyDecimals(currency) === 0;
}

/** Validates an amount in minor units: a positive safe integer. */
export function assertMinorAmount(amount: number, field: string): number {
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    throw new PaymentError(
      'invalid_argument',
      `${field} must be a positive whole number of minor units (8000 = 80.00 EUR, 8000 = ¥8,000), got ${amount}.`,
      field,
    );
  }
  return amount;
}

/** en-US writes ¥8,000 and $80.00 where en-GB writes JP¥8,000 and US$80.00. */
const LOCALES: Record<string, string> = { fr: 'fr-FR', en: 'en-US' };

/**
 * A price for people: formatPrice(8000, 'eur', 'fr') → "80,00 €", 'en' → "€80.00",
 * formatPrice(8000, 'jpy', 'en') → "¥8,000". Spaces are plain (no NBSP) so mail clients and
 * tests see the same text.
 */
export function formatPrice(amountMinor: number, currency: string, language: string = 'en'): string {
  const decimals = currencyDecimals(currency);
  const locale = LOCALES[language] ?? language;
  const value = amountMinor / 10 ** decimals;
  let text: string;
  try {
    text = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: normalizeCurrency(currency).toUpperCase(),
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    }).format(value);
  } catch {
    text = `${value.toFixed(decimals)} ${currency.toUpperCase()}`;
  }
  return text.replace(/[\u00a0\u202f]/g, ' ');
}
