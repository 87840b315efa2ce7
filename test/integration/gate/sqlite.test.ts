import { gateContract } from './contract';
import { confirmationContract } from './contract-confirmation';
import { debitContract } from './contract-debit';
import { sqliteDatabase } from '../ledger/helpers';

describe('credits gate on SQLite', () => {
  const fixture = gateContract(() => sqliteDatabase('gate'));
  debitContract(fixture);
  confirmationContract(fixture);
});
