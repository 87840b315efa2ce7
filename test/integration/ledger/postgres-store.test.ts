import { openLedger } from '../../../core/ledger';
import { ledgerContract, ledgerError } from './contract';
import { postgresDatabase } from './helpers';

describe('PostgreSQL ledger (pg)', () => {
  ledgerContract(() => postgresDatabase('contract'));

  test('an unreachable server is named, with the password redacted', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const e = await ledgerError(openLedger({ kind: 'postgres', connectionString: 'postgresql://sg:s3cret-pw@127.0.0.1:1/ledger' }));
    expect(e).toMatchObject({ code: 'database_unreachable', field: 'connectionString' });
    expect(e.message).toContain('127.0.0.1:1');
    expect(e.message).not.toContain('s3cret-pw');
  });
});
