import { operationSelector } from '../fields';
import * as authorizeDomain from './authorize-domain.operation';
import * as authorizeSender from './authorize-sender.operation';
import * as getBySender from './get-by-sender.operation';
import * as list from './list.operation';
import * as removeDomain from './remove-domain.operation';
import * as removeSender from './remove-sender.operation';

export const operationProperty = operationSelector(
  'account',
  [
    ['Authorize Domain', 'authorizeDomain', 'Authorize every sender of a domain'],
    ['Authorize Sender', 'authorizeSender', 'Authorize a sender'],
    ['Get by Sender', 'getBySender', 'Get the account of a sender'],
    ['Get Many', 'list', 'List accounts'],
    ['Remove Domain', 'removeDomain', 'Stop recognising every sender of a domain'],
    ['Remove Sender', 'removeSender', 'Stop recognising a sender'],
  ],
  'authorizeSender',
);
export const operations = { authorizeDomain, authorizeSender, getBySender, list, removeDomain, removeSender };
