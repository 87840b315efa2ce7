import { gateContract } from './contract';
import { debitContract } from './contract-debit';
import { sqliteDatabase } from '../ledger/helpers';

describe('credits gate on SQLite', () => {
  debitContract(gateContract(() => sqliteDatabase('gate')));
});
