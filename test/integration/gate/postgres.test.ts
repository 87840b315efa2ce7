import { gateContract } from './contract';
import { confirmationContract } from './contract-confirmation';
import { debitContract } from './contract-debit';
import { postgresDatabase } from '../ledger/helpers';

describe('credits gate on PostgreSQL', () => {
  const fixture = gateContract(() => postgresDatabase('gate'));
  debitContract(fixture);
  confirmationContract(fixture);
});
