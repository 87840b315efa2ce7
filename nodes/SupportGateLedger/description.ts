import type { INodeProperties } from 'n8n-workflow';

const show = (resource: string, operations: string[]) => ({ show: { resource: [resource], operation: operations } });

export const resourceProperty: INodeProperties = {
  displayName: 'Resource',
  name: 'resource',
  type: 'options',
  noDataExpression: true,
  options: [
    { name: 'Account', value: 'account', description: 'A client: its senders and domains share one balance' },
    { name: 'Credit', value: 'credits' },
    { name: 'Project', value: 'project' },
    { name: 'Recipient', value: 'recipient', description: 'An authorized support address of a project' },
    { name: 'Ticket', value: 'ticket' },
  ],
  default: 'credits',
};

// Shown under the field: the settings a person sets first, with their defaults.
const SETTINGS_HINT =
  'Example: {"successUrl": "https://agency.com/paid", "cancelUrl": "https://agency.com/cancelled", "defaultLanguage": "fr", "ticketTagFormat": "[SG-{{number}}]", ' +
  '"senderAuthentication": "require", "confirmationExpiryHours": 72}. senderAuthentication, for mail with no aligned SPF/DKIM pass: "require" (default: nothing charged until the client replies from the registered address with the code it was mailed), ' +
  '"flag" (charged and flagged for staff) or "off" (charged like authenticated mail); confirmationExpiryHours: how long that code stays valid (default 72). ' +
  '{} keeps every default.';

const op = (resource: string, options: Array<[string, string, string]>, dflt: string): INodeProperties => ({
  displayName: 'Operation',
  name: 'operation',
  type: 'options',
  noDataExpression: true,
  displayOptions: { show: { resource: [resource] } },
  options: options.map(([name, value, action]) => ({ name, value, action })),
  default: dflt,
});

export const operationProperties: INodeProperties[] = [
  op('project', [['Create', 'create', 'Create a project'], ['Get', 'get', 'Get a project'], ['Get Many', 'list', 'List projects'], ['Update', 'update', 'Update a project']], 'create'),
  op('recipient', [['Add', 'add', 'Add a support address'], ['Get Many', 'list', 'List support addresses'], ['Remove', 'remove', 'Remove a support address']], 'add'),
  op('account', [['Authorize Domain', 'authorizeDomain', 'Authorize every sender of a domain'], ['Authorize Sender', 'authorizeSender', 'Authorize a sender'], ['Get by Sender', 'getBySender', 'Get the account of a sender'], ['Get Many', 'list', 'List accounts']], 'authorizeSender'),
  op('credits', [['Get Balance', 'balance', 'Get the balance of a sender'], ['Grant', 'grant', 'Grant credits'], ['History', 'history', 'Get the journal of a sender'], ['Revoke', 'revoke', 'Revoke credits'], ['Verify Ledger', 'verify', 'Check every balance against its journal']], 'balance'),
  op('ticket', [['Get', 'get', 'Get a ticket'], ['Get Many', 'list', 'List the tickets of a sender'], ['History', 'history', 'Get the status history of a ticket'], ['Set Status', 'setStatus', 'Change the status of a ticket'], ['Waive', 'waive', 'Give back the credit of a ticket charged by mistake'], ['Expire Unconfirmed', 'expireUnconfirmed', 'Close, uncharged, the requests whose sender did not confirm in time']], 'get'),
];

const needsProject: Record<string, string[]> = {
  project: ['get', 'update'],
  recipient: ['add', 'list', 'remove'],
  account: ['authorizeDomain', 'authorizeSender', 'getBySender', 'list'],
  credits: ['balance', 'grant', 'history', 'revoke'],
  ticket: ['get', 'list', 'history', 'setStatus', 'waive', 'expireUnconfirmed'],
};

export const fieldProperties: INodeProperties[] = [
  ...Object.entries(needsProject).map(([resource, operations]): INodeProperties => ({
    displayName: 'Project',
    name: 'project',
    type: 'string',
    required: true,
    default: '',
    placeholder: 'acme-support',
    description: 'Project name or ID',
    displayOptions: show(resource, operations),
  })),
  { displayName: 'Name', name: 'name', type: 'string', required: true, default: '', displayOptions: show('project', ['create']) },
  {
    displayName: 'Price per Intervention (Minor Units)',
    name: 'priceMinor',
    type: 'number',
    default: 8000,
    description: 'What one credit costs, in cents: 8000 = 80.00',
    displayOptions: show('project', ['create', 'update']),
  },
  { displayName: 'Currency', name: 'currency', type: 'string', default: 'EUR', displayOptions: show('project', ['create', 'update']) },
  {
    displayName: 'Settings (JSON)',
    name: 'settings',
    type: 'json',
    default: '{}',
    description: 'Project settings: successUrl, cancelUrl, defaultLanguage, ticketTagFormat, senderAuthentication, confirmationExpiryHours, templates…',
    hint: SETTINGS_HINT,
    displayOptions: show('project', ['create', 'update']),
  },
  {
    displayName: 'Support Address',
    name: 'address',
    type: 'string',
    required: true,
    default: '',
    placeholder: 'support@agency.com',
    description: 'Plus-addresses (support+acme@agency.com) are kept as they are',
    displayOptions: show('recipient', ['add', 'remove']),
  },
  {
    displayName: 'Sender',
    name: 'sender',
    type: 'string',
    required: true,
    default: '',
    placeholder: 'jane@client.fr',
    displayOptions: { show: { resource: ['account', 'credits', 'ticket'], operation: ['authorizeSender', 'authorizeDomain', 'getBySender', 'balance', 'grant', 'history', 'revoke', 'list'] } },
  },
  { displayName: 'Whole Domain', name: 'wholeDomain', type: 'boolean', default: false, description: 'Whether every sender of this domain belongs to the account', displayOptions: show('account', ['authorizeSender']) },
  {
    displayName: 'Initial Credits',
    name: 'initialCredits',
    type: 'number',
    default: 0,
    description: 'Granted once, when this sender is first authorized; authorizing it again grants nothing. 0 for none.',
    displayOptions: show('account', ['authorizeSender']),
  },
  { displayName: 'Credits', name: 'credits', type: 'number', required: true, default: 1, description: 'A positive whole number', displayOptions: show('credits', ['grant', 'revoke']) },
  { displayName: 'Note', name: 'note', type: 'string', default: '', displayOptions: { show: { resource: ['credits', 'ticket'], operation: ['grant', 'revoke', 'setStatus', 'waive'] } } },
  {
    displayName: 'Idempotency Key',
    name: 'idempotencyKey',
    type: 'string',
    default: '',
    description: 'Same key, same result: a retry with the same key never moves credits twice. Empty: a new movement per execution (the key is the execution ID and item index), so running the workflow again moves credits again.',
    displayOptions: show('credits', ['grant', 'revoke']),
  },
  { displayName: 'Limit', name: 'limit', type: 'number', typeOptions: { minValue: 1 }, default: 50, description: 'Max number of results to return', displayOptions: { show: { operation: ['history', 'list'], resource: ['credits', 'ticket'] } } },
  { displayName: 'Cursor', name: 'cursor', type: 'string', default: '', description: 'The nextCursor of the previous page', displayOptions: show('credits', ['history']) },
  { displayName: 'Ticket Number', name: 'ticketNumber', type: 'number', required: true, default: 0, displayOptions: show('ticket', ['get', 'history', 'setStatus', 'waive']) },
  {
    displayName: 'Status',
    name: 'status',
    type: 'options',
    options: [
      { name: 'Closed', value: 'closed' },
      { name: 'In Progress', value: 'in_progress' },
      { name: 'New', value: 'new' },
      { name: 'Resolved', value: 'resolved' },
      { name: 'Waiting for Client', value: 'waiting_client' },
      { name: 'Waiting for Payment', value: 'waiting_payment' },
    ],
    default: 'in_progress',
    displayOptions: show('ticket', ['setStatus']),
  },
  { displayName: 'Actor', name: 'actor', type: 'string', default: 'n8n', description: 'Who does this, for the journal', displayOptions: { show: { operation: ['grant', 'revoke', 'authorizeSender', 'setStatus', 'waive'] } } },
];
