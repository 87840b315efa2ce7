import type { INodeProperties } from 'n8n-workflow';

/** n8n's own Gmail OAuth2 credential: users connect Google once for the Gmail Trigger and this node. */
export const GMAIL_CREDENTIAL = 'gmailOAuth2';

export const properties: INodeProperties[] = [
  {
    displayName: 'Operation',
    name: 'operation',
    type: 'options',
    noDataExpression: true,
    default: 'replyInThread',
    options: [
      { name: 'Reply in Thread', value: 'replyInThread', action: 'Reply in the client thread', description: "Send a reply (text + HTML) inside the client's Gmail thread with threading headers" },
      { name: 'Label Message', value: 'labelMessage', action: 'Label a message', description: 'Add SupportGate labels to a message, creating missing labels' },
      { name: 'List Unlabeled Recent', value: 'listUnlabeledRecent', action: 'List unlabeled recent messages', description: 'Reconcile sweep: recent inbox mail no SupportGate label marks as handled, as raw messages' },
    ],
  },
  {
    displayName: 'Email Field',
    name: 'emailField',
    type: 'string',
    default: 'email',
    description: 'Item field holding the SupportEmail (as Check Sender Credits or Classify Support Email output it)',
    displayOptions: { show: { operation: ['replyInThread', 'labelMessage'] } },
  },
  {
    displayName: 'Reply Field',
    name: 'replyField',
    type: 'string',
    default: 'reply',
    description: 'Item field holding the reply {subject, text, html, headers} (as the reply templates compose it)',
    displayOptions: { show: { operation: ['replyInThread'] } },
  },
  {
    displayName: 'Label Names',
    name: 'labels',
    type: 'string',
    default: 'SupportGate/Paid',
    placeholder: 'SupportGate/Paid, SupportGate/Awaiting payment',
    description: 'Comma-separated label names; nested with "/"; created when missing',
    displayOptions: { show: { operation: ['labelMessage'] } },
  },
  {
    displayName: 'Message ID',
    name: 'messageId',
    type: 'string',
    default: '',
    description: 'Gmail message id to label; empty uses the providerId of the SupportEmail in Email Field',
    displayOptions: { show: { operation: ['labelMessage'] } },
  },
  {
    displayName: 'Newer Than (Days)',
    name: 'newerThanDays',
    type: 'number',
    typeOptions: { minValue: 1 },
    default: 1,
    displayOptions: { show: { operation: ['listUnlabeledRecent'] } },
  },
  {
    displayName: 'Handled Label Prefix',
    name: 'labelPrefix',
    type: 'string',
    default: 'SupportGate/',
    description: 'Messages carrying any label under this prefix are already handled and skipped',
    displayOptions: { show: { operation: ['listUnlabeledRecent'] } },
  },
  {
    displayName: 'Max Messages',
    name: 'maxMessages',
    type: 'number',
    typeOptions: { minValue: 1 },
    default: 200,
    displayOptions: { show: { operation: ['listUnlabeledRecent'] } },
  },
  {
    displayName: 'Options',
    name: 'options',
    type: 'collection',
    placeholder: 'Add Option',
    default: {},
    options: [
      {
        displayName: 'API Root URL',
        name: 'apiRootUrl',
        type: 'string',
        default: '',
        placeholder: 'https://gmail.googleapis.com/',
        description: "Gmail API root; leave empty for Google's. For tests against a local server.",
      },
    ],
  },
];
