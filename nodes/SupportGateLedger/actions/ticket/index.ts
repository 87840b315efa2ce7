import { operationSelector } from '../fields';
import * as expireUnconfirmed from './expire-unconfirmed.operation';
import * as get from './get.operation';
import * as history from './history.operation';
import * as list from './list.operation';
import * as listByProject from './list-by-project.operation';
import * as setStatus from './set-status.operation';
import * as waive from './waive.operation';

export const operationProperty = operationSelector(
  'ticket',
  [
    ['Get', 'get', 'Get a ticket'],
    ['Get Many', 'list', 'List the tickets of a sender'],
    ['Get Many by Project', 'listByProject', 'List the tickets of a project'],
    ['History', 'history', 'Get the status history of a ticket'],
    ['Set Status', 'setStatus', 'Change the status of a ticket'],
    ['Waive', 'waive', 'Give back the credit of a ticket charged by mistake'],
    ['Expire Unconfirmed', 'expireUnconfirmed', 'Close, uncharged, the requests whose sender did not confirm in time'],
  ],
  'get',
);
export const operations = { expireUnconfirmed, get, history, list, listByProject, setStatus, waive };
