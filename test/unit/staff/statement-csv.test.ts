import { decimalAmount, statementCsv, type Statement } from '../../../core/staff';
import { parseCsv } from '../../support/csv';

const statement = (lines: Statement['lines']): Statement =>
  ({
    project: { id: 'p', name: 'Acme', currency: 'EUR' },
    account: { id: 'a', name: 'Client' },
    sendTo: null,
    period: { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z', month: '2026-11', timeZone: 'UTC' },
    openingBalance: 0,
    closingBalance: lines.reduce((a, l) => a + l.credits, 0),
    lines,
    totals: {} as Statement['totals'],
    purchasedAmounts: [],
    upcomingExpiries: [],
  }) as Statement;
const line = (over: Partial<Statement['lines'][number]>): Statement['lines'][number] => ({
  entryId: 'e',
  seq: 1,
  date: '2026-11-02T00:00:00.000Z',
  kind: 'debit',
  group: 'debits',
  credits: -1,
  balanceAfter: -1,
  ticket: null,
  purchase: null,
  note: null,
  actor: 'x',
  ...over,
});

test("amounts in the currency's own decimals", () => {
  expect(decimalAmount(8000, 'EUR')).toBe('80.00');
  expect(decimalAmount(5, 'eur')).toBe('0.05');
  expect(decimalAmount(8000, 'JPY')).toBe('8000');
  expect(decimalAmount(12345, 'KWD')).toBe('12.345');
  expect(decimalAmount(-150, 'USD')).toBe('-1.50');
});

test('quotes commas, quotes and line breaks (RFC 4180) and defuses formulas in text cells', () => {
  const csv = statementCsv(
    statement([
      line({ ticket: { number: 7, tag: '[SG-7]', subject: 'Bug, "again"\r\nsecond line' } }),
      line({ ticket: { number: 8, tag: '[SG-8]', subject: '=HYPERLINK("http://evil.test")' }, note: '@staff +1' }),
      line({
        kind: 'purchase',
        group: 'purchases',
        credits: 5,
        purchase: { credits: 5, amountMinor: 8000, currency: 'JPY', stripeSessionId: 'cs_1' },
      }),
    ]),
  );
  expect(csv.endsWith('\r\n')).toBe(true);
  const rows = parseCsv(csv);
  expect(rows.map((r) => r.length)).toEqual(Array(6).fill(11));
  expect(rows[2]![5]).toBe('Bug, "again"\r\nsecond line');
  expect(rows[3]!.slice(5)).toEqual([`'=HYPERLINK("http://evil.test")`, '', '', '', '', "'@staff +1"]);
  expect(rows[4]!.slice(6, 10)).toEqual(['5', '8000', 'JPY', 'cs_1']);
  // Signed credits are numbers, not text: never prefixed.
  expect(rows[2]![2]).toBe('-1');
});
