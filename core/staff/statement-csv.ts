/**
 * A statement as CSV (RFC 4180: comma-separated, CRLF line ends, fields with a comma, a quote or a
 * line break quoted, quotes doubled), one row per movement between an opening and a closing row.
 * Amounts are written in the currency's own decimals (80.00 EUR, 8000 JPY). Text that came from a
 * mail (a subject) could be a spreadsheet formula: a text cell starting with = + - @ gets a leading '.
 */
import { currencyDecimals } from '../payments/money';
import type { Statement } from './statement';

export const STATEMENT_CSV_COLUMNS = [
  'date',
  'kind',
  'credits',
  'balance_after',
  'ticket',
  'subject',
  'purchased_credits',
  'amount',
  'currency',
  'stripe_session',
  'note',
] as const;

function quoted(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A text cell that a spreadsheet would not run as a formula. */
function text(value: string | null | undefined): string {
  const v = value ?? '';
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/** 8000 EUR → "80.00"; 8000 JPY → "8000". */
export function decimalAmount(amountMinor: number, currency: string): string {
  const d = currencyDecimals(currency);
  const sign = amountMinor < 0 ? '-' : '';
  const abs = Math.abs(amountMinor);
  if (d === 0) return `${sign}${abs}`;
  const unit = 10 ** d;
  return `${sign}${Math.floor(abs / unit)}.${String(abs % unit).padStart(d, '0')}`;
}

export function statementCsv(s: Statement): string {
  const rows: string[][] = [[...STATEMENT_CSV_COLUMNS]];
  const blank = ['', '', '', '', '', '', ''];
  rows.push([s.period.from, 'opening', '', String(s.openingBalance), ...blank]);
  for (const l of s.lines) {
    const p = l.purchase;
    rows.push([
      l.date,
      l.kind,
      String(l.credits),
      String(l.balanceAfter),
      l.ticket?.tag ?? '',
      text(l.ticket?.subject),
      p ? String(p.credits) : '',
      p ? decimalAmount(p.amountMinor, p.currency) : '',
      p ? p.currency.toUpperCase() : '',
      p?.stripeSessionId ?? '',
      text(l.note),
    ]);
  }
  rows.push([s.period.to, 'closing', String(s.closingBalance - s.openingBalance), String(s.closingBalance), ...blank]);
  return rows.map((r) => r.map(quoted).join(',')).join('\r\n') + '\r\n';
}
