/** The statement period fields (previous month, a month, or from/to) of the Ledger's statement operations. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { ledger } from '../../../core';
import { textParam } from '../../shared/params';
import { shownAt, type At } from './fields';

export const periodFields = (at: At): INodeProperties[] => [
  {
    displayName: 'Period',
    name: 'period',
    type: 'options',
    options: [
      { name: 'From / To', value: 'custom', description: 'Any period: from included, to excluded' },
      { name: 'Month', value: 'month', description: 'A calendar month, e.g. 2026-11' },
      { name: 'Previous Calendar Month', value: 'previousMonth', description: 'The month before this one (UTC, or the project time zone)' },
    ],
    default: 'previousMonth',
    displayOptions: shownAt(at),
  },
  {
    displayName: 'Month',
    name: 'month',
    type: 'string',
    default: '',
    placeholder: '2026-11',
    description: 'YYYY-MM',
    displayOptions: { show: { ...shownAt(at).show, period: ['month'] } },
  },
  {
    displayName: 'From',
    name: 'from',
    type: 'string',
    default: '',
    placeholder: '2026-11-01',
    description: 'ISO date or instant, included',
    displayOptions: { show: { ...shownAt(at).show, period: ['custom'] } },
  },
  {
    displayName: 'To',
    name: 'to',
    type: 'string',
    default: '',
    placeholder: '2026-12-01',
    description: 'ISO date or instant, excluded',
    displayOptions: { show: { ...shownAt(at).show, period: ['custom'] } },
  },
];

/** The period as the core's statement functions take it (nothing: the previous month). */
export function periodOf(ctx: IExecuteFunctions, i: number): { month?: string; from?: string; to?: string } {
  const period = ctx.getNodeParameter('period', i, 'previousMonth') as string;
  const empty = (field: string, fix: string) =>
    new ledger.LedgerError('invalid_argument', `${field} is empty: ${fix}, or pick Previous Calendar Month.`, field);
  if (period === 'month') {
    const month = textParam(ctx, 'month', i);
    if (!month) throw empty('month', 'give the month as YYYY-MM, e.g. 2026-11');
    return { month };
  }
  if (period === 'custom') {
    const from = textParam(ctx, 'from', i);
    const to = textParam(ctx, 'to', i);
    if (!from) throw empty('from', 'give the first day, e.g. 2026-11-01');
    if (!to) throw empty('to', 'give the day after the last, e.g. 2026-12-01');
    return { from, to };
  }
  return {};
}
