import { existsSync } from 'node:fs';
import { openLedger } from '../../../core/ledger';
import { ledgerContract, ledgerError } from './contract';
import { sqliteDatabase } from './helpers';

describe('SQLite ledger (node:sqlite)', () => {
  ledgerContract(() => sqliteDatabase('contract'));

  test('a path in a missing folder is refused with the path and the fix', async () => {
    const e = await ledgerError(openLedger({ kind: 'sqlite', path: '/nonexistent-sg/dir/ledger.db' }));
    expect(e).toMatchObject({ code: 'database_unreachable', field: 'path' });
    expect(e.message).toContain('/nonexistent-sg/dir');
    expect(existsSync('/nonexistent-sg')).toBe(false);
  });
});
