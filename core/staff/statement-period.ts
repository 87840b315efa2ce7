/**
 * The period of a statement: [from, to). By default the previous calendar month in UTC (a
 * statement sent on 1 December covers 1 November 00:00 to 1 December 00:00); with a time zone,
 * the month's midnights in that zone.
 */
import { LedgerError } from '../ledger';

export interface StatementPeriod {
  from: string;
  to: string;
  /** "2026-11" when the period is one calendar month (in its time zone), else null. */
  month: string | null;
  timeZone: string;
}

/** Milliseconds to add to UTC to get the wall clock of `timeZone` at this instant. */
function zoneOffset(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(at));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - (at - (at % 1000));
}

/** The instant of midnight starting day 1 of this month (0-based, may overflow) in the zone. */
function monthStart(year: number, month: number, timeZone: string): Date {
  const wall = Date.UTC(year, month, 1);
  let at = wall - zoneOffset(wall, timeZone);
  at = wall - zoneOffset(at, timeZone); // once more: the offset at the guess may differ (DST)
  return new Date(at);
}

function requireZone(timeZone: unknown): string {
  const tz = typeof timeZone === 'string' && timeZone.trim() ? timeZone.trim() : 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
  } catch {
    throw new LedgerError('invalid_argument', `timeZone "${tz}" is not an IANA time zone: use e.g. "UTC" or "Europe/Paris".`, 'timeZone');
  }
  return tz;
}

/** "2026-11" → that month; a LedgerError naming `month` otherwise. */
export function monthPeriod(month: string, timeZone?: string): StatementPeriod {
  const m = /^(\d{4})-(\d{2})$/.exec(String(month ?? '').trim());
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) {
    throw new LedgerError('invalid_argument', `month "${month}" must be written YYYY-MM, e.g. "2026-11".`, 'month');
  }
  const tz = requireZone(timeZone);
  const year = Number(m[1]);
  const index = Number(m[2]) - 1;
  return {
    from: monthStart(year, index, tz).toISOString(),
    to: monthStart(year, index + 1, tz).toISOString(),
    month: `${m[1]}-${m[2]}`,
    timeZone: tz,
  };
}

/** The calendar month before the one `now` falls in (in the zone). */
export function previousMonth(now: Date = new Date(), timeZone?: string): StatementPeriod {
  const tz = requireZone(timeZone);
  const local = new Date(now.getTime() + zoneOffset(now.getTime(), tz));
  const prev = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - 1, 1));
  return monthPeriod(`${prev.getUTCFullYear()}-${String(prev.getUTCMonth() + 1).padStart(2, '0')}`, tz);
}

/**
 * The period staff asked for: a month ("2026-11"), or from and to (ISO dates or instants; a date
 * alone is midnight UTC), or nothing: the previous month.
 */
export function statementPeriod(input: {
  month?: string | null;
  from?: string | null;
  to?: string | null;
  timeZone?: string | null;
  now?: Date;
}): StatementPeriod {
  const tz = requireZone(input.timeZone ?? undefined);
  if (input.month) return monthPeriod(input.month, tz);
  if (!input.from && !input.to) return previousMonth(input.now, tz);
  if (!input.from)
    throw new LedgerError('invalid_argument', 'from is required with to: give both, or a month, or neither (the previous month).', 'from');
  if (!input.to)
    throw new LedgerError('invalid_argument', 'to is required with from: give both, or a month, or neither (the previous month).', 'to');
  const at = (v: string, field: string) => {
    const d = new Date(v);
    if (Number.isNaN(d.getTime()))
      throw new LedgerError('invalid_argument', `${field} "${v}" is not a date: use ISO-8601, e.g. 2026-11-01.`, field);
    return d.toISOString();
  };
  const from = at(input.from, 'from');
  const to = at(input.to, 'to');
  if (from >= to) throw new LedgerError('invalid_argument', `to (${to}) must be after from (${from}): a period is [from, to).`, 'to');
  return { from, to, month: null, timeZone: tz };
}
