import { operationSelector } from '../fields';
import * as add from './add.operation';
import * as list from './list.operation';
import * as remove from './remove.operation';

export const operationProperty = operationSelector(
  'recipient',
  [
    ['Add', 'add', 'Add a support address'],
    ['Get Many', 'list', 'List support addresses'],
    ['Remove', 'remove', 'Remove a support address'],
  ],
  'add',
);
export const operations = { add, list, remove };
