import { monthPeriod, previousMonth, statementPeriod } from '../../../core/staff/statement-period';

test('the default period is the previous calendar month in UTC, across a year end', () => {
  expect(previousMonth(new Date('2026-12-01T08:00:00Z'))).toEqual({
    from: '2026-11-01T00:00:00.000Z',
    to: '2026-12-01T00:00:00.000Z',
    month: '2026-11',
    timeZone: 'UTC',
  });
  expect(previousMonth(new Date('2027-01-01T00:00:00Z'))).toMatchObject({
    from: '2026-12-01T00:00:00.000Z',
    to: '2027-01-01T00:00:00.000Z',
  });
  expect(previousMonth(new Date('2026-03-31T23:59:59.999Z'))).toMatchObject({ month: '2026-02', to: '2026-03-01T00:00:00.000Z' });
});

test("in a time zone the month runs from that zone's midnights, daylight saving included", () => {
  // Paris: CET (+1) in November, CEST (+2) until 25 October 2026.
  expect(monthPeriod('2026-11', 'Europe/Paris')).toMatchObject({ from: '2026-10-31T23:00:00.000Z', to: '2026-11-30T23:00:00.000Z' });
  expect(monthPeriod('2026-10', 'Europe/Paris')).toMatchObject({ from: '2026-09-30T22:00:00.000Z', to: '2026-10-31T23:00:00.000Z' });
  expect(monthPeriod('2026-11', 'America/New_York')).toMatchObject({ from: '2026-11-01T04:00:00.000Z', to: '2026-12-01T05:00:00.000Z' });
  // 1 December 00:30 in Paris is still 30 November in UTC: the previous month there is November.
  expect(previousMonth(new Date('2026-11-30T23:30:00Z'), 'Europe/Paris')).toMatchObject({ month: '2026-11' });
});

test('from/to, a month, or nothing; anything else names the field', () => {
  expect(statementPeriod({ from: '2026-11-01', to: '2026-11-16' })).toEqual({
    from: '2026-11-01T00:00:00.000Z',
    to: '2026-11-16T00:00:00.000Z',
    month: null,
    timeZone: 'UTC',
  });
  expect(statementPeriod({ month: '2026-02' })).toMatchObject({ to: '2026-03-01T00:00:00.000Z' });
  expect(() => statementPeriod({ from: '2026-11-01' })).toThrow(expect.objectContaining({ field: 'to' }));
  expect(() => statementPeriod({ to: '2026-11-01' })).toThrow(expect.objectContaining({ field: 'from' }));
  expect(() => statementPeriod({ month: '2026-1' })).toThrow(expect.objectContaining({ field: 'month' }));
  expect(() => statementPeriod({ month: '2026-11', timeZone: 'Nowhere/Else' })).toThrow(expect.objectContaining({ field: 'timeZone' }));
});
