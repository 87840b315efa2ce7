import { operationSelector } from '../fields';
import * as balance from './balance.operation';
import * as exportJournal from './export-journal.operation';
import * as grant from './grant.operation';
import * as history from './history.operation';
import * as revoke from './revoke.operation';
import * as verify from './verify.operation';

export const operationProperty = operationSelector(
  'credits',
  [
    ['Export Journal', 'exportJournal', "Export a client's journal as CSV"],
    ['Get Balance', 'balance', 'Get the balance of a sender'],
    ['Grant', 'grant', 'Grant credits'],
    ['History', 'history', 'Get the journal of a sender'],
    ['Revoke', 'revoke', 'Revoke credits'],
    ['Verify Ledger', 'verify', 'Check every balance against its journal'],
  ],
  'balance',
);
export const operations = { balance, exportJournal, grant, history, revoke, verify };
