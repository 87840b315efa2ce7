import { operationSelector } from '../fields';
import * as balance from './balance.operation';
import * as expire from './expire.operation';
import * as exportJournal from './export-journal.operation';
import * as grant from './grant.operation';
import * as history from './history.operation';
import * as revoke from './revoke.operation';
import * as statement from './statement.operation';
import * as verify from './verify.operation';

export const operationProperty = operationSelector(
  'credits',
  [
    ['Expire Credits', 'expire', 'Expire what is left of credits older than the project setting creditExpiryMonths'],
    ['Export Journal', 'exportJournal', "Export a client's journal as CSV"],
    ['Get Balance', 'balance', 'Get the balance of a sender'],
    ['Grant', 'grant', 'Grant credits'],
    ['History', 'history', 'Get the journal of a sender'],
    ['Revoke', 'revoke', 'Revoke credits'],
    ['Statement', 'statement', 'Get the statement of an account for a period'],
    ['Verify Ledger', 'verify', 'Check every balance against its journal'],
  ],
  'balance',
);
export const operations = { balance, expire, exportJournal, grant, history, revoke, statement, verify };
