import { operationSelector } from '../fields';
import * as create from './create.operation';
import * as get from './get.operation';
import * as list from './list.operation';
import * as update from './update.operation';

export const operationProperty = operationSelector(
  'project',
  [
    ['Create', 'create', 'Create a project'],
    ['Get', 'get', 'Get a project'],
    ['Get Many', 'list', 'List projects'],
    ['Update', 'update', 'Update a project'],
  ],
  'create',
);
export const operations = { create, get, list, update };
