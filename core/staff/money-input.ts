/** Amounts as people write them ("80", "80,50", 80.5) to minor units, with the currency's own decimals. */
import { LedgerError } from '../ledger';
import { currencyDecimals } from '../payments/money';

const example = (decimals: number) => (decimals === 0 ? '8000' : `80 or 80.${'5'.padEnd(decimals, '0')}`);

/** "price: write an amount in EUR such as 80 or 80.50": what the console shows under the field. */
export function amountError(field: string, currency: string): LedgerError {
  const decimals = currencyDecimals(currency);
  const note = decimals === 0 ? ` (${currency.toUpperCase()} has no decimals)` : '';
  return new LedgerError(
    'invalid_argument',
    `${field}: write an amount in ${currency.toUpperCase()} such as ${example(decimals)}${note}.`,
    field,
  );
}

/**
 * 80 → 8000 EUR cents, "80,50" → 8050, "8000" JPY → 8000. Spaces (thousands) are ignored; a
 * comma is a decimal point. More decimals than the currency has, zero or a negative are refused.
 */
export function toMinorUnits(value: unknown, currency: string, field: string): number {
  const decimals = currencyDecimals(currency);
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : typeof value === 'string' ? value : '';
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  const match = /^(\d+)(?:\.(\d+))?$/.exec(cleaned);
  if (!match || (match[2] ?? '').replace(/0+$/, '').length > decimals) throw amountError(field, currency);
  const fraction = (match[2] ?? '').padEnd(decimals, '0').slice(0, decimals);
  const minor = Number(match[1] + fraction);
  if (!Number.isSafeInteger(minor) || minor <= 0) throw amountError(field, currency);
  return minor;
}
