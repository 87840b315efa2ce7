import { operationSelector } from '../fields';
import * as listStuck from './list-stuck.operation';
import * as listUnfinished from './list-unfinished.operation';

export const operationProperty = operationSelector(
  'intake',
  [
    ['List Stuck Replies', 'listStuck', 'List replies a run claimed and never sent'],
    ['List Unfinished Mail', 'listUnfinished', 'List mail no run finished'],
  ],
  'listUnfinished',
);
export const operations = { listStuck, listUnfinished };
