// Lots replayed from the journal (FIFO) and which of them a sweep may expire.
import { addMonths, lotsOf } from '../../../core/ledger/lots';
import { dueLots } from '../../../core/ledger/expiry';

const at = (iso: string) => `${iso}T12:00:00.000Z`;

test('outgoing entries take from the oldest lot first, across lots', () => {
  const lots = lotsOf([
    { id: 'a', kind: 'grant', credits: 2, createdAt: at('2025-01-01') },
    { id: 'b', kind: 'purchase', credits: 5, createdAt: at('2025-02-01') },
    { id: 'd1', kind: 'debit', credits: -3, createdAt: at('2025-02-02') },
    { id: 'w', kind: 'waive', credits: 1, createdAt: at('2025-02-03') },
    { id: 'r', kind: 'refund', credits: -1, createdAt: at('2025-02-04') },
  ]);
  expect(lots.map((l) => [l.entryId, l.remaining])).toEqual([
    ['a', 0],
    ['b', 3],
    ['w', 1],
  ]);
});

test('calendar months, the missing day being the last of the month', () => {
  expect(addMonths('2025-01-31T10:00:00.000Z', 1).toISOString()).toBe('2025-02-28T10:00:00.000Z');
  expect(addMonths('2024-01-31T10:00:00.000Z', 1).toISOString()).toBe('2024-02-29T10:00:00.000Z');
  expect(addMonths('2025-03-15T00:00:00.000Z', 12).toISOString()).toBe('2026-03-15T00:00:00.000Z');
  expect(addMonths('2025-03-31T00:00:00.000Z', -1).toISOString()).toBe('2025-02-28T00:00:00.000Z');
});

test('only a prefix of lots is due: a lot journaled later but stamped earlier waits for the one before it', () => {
  const lots = lotsOf([
    { id: 'used', kind: 'grant', credits: 1, createdAt: at('2024-01-01') },
    { id: 'd', kind: 'debit', credits: -1, createdAt: at('2024-01-02') },
    { id: 'late', kind: 'grant', credits: 2, createdAt: '2024-03-01T12:00:00.005Z' },
    { id: 'early', kind: 'grant', credits: 3, createdAt: '2024-03-01T12:00:00.001Z' },
  ]);
  const now = new Date('2025-03-01T12:00:00.003Z'); // 'early' is due, 'late' (before it in the journal) not yet
  expect(dueLots(lots, 12, now)).toEqual([]);
  expect(dueLots(lots, 12, new Date('2025-03-01T12:00:00.005Z')).map((l) => l.entryId)).toEqual(['late', 'early']);
});
