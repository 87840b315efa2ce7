import type { INodeProperties } from 'n8n-workflow';
import { limitField, shownAt, type At } from '../fields';

/** How old an entry or a claim must be before it counts: younger ones may still be at work. */
export const ageFields = (at: At): INodeProperties[] => [
  {
    displayName: 'Older Than (Minutes)',
    name: 'olderThanMinutes',
    type: 'number',
    typeOptions: { minValue: 1 },
    default: 30,
    description: 'Only what no run has touched for this long (a run still at work is left alone)',
    displayOptions: shownAt(at),
  },
  limitField(at),
];
