import { gateContract } from './contract';
import { debitContract } from './contract-debit';
import { postgresDatabase } from '../ledger/helpers';

describe('credits gate on PostgreSQL', () => {
  debitContract(gateContract(() => postgresDatabase('gate')));
});
