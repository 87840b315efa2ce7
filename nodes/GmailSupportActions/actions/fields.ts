import type { INodeProperties } from 'n8n-workflow';

export { GMAIL_OAUTH2 as GMAIL_CREDENTIAL } from '../../shared/gmail-connection';

export const operationSelector: INodeProperties = {
  displayName: 'Operation',
  name: 'operation',
  type: 'options',
  noDataExpression: true,
  default: 'replyInThread',
  options: [
    {
      name: 'Reply in Thread',
      value: 'replyInThread',
      action: 'Reply in the client thread',
      description: "Send a reply (text + HTML) inside the client's Gmail thread with threading headers",
    },
    {
      name: 'Label Message',
      value: 'labelMessage',
      action: 'Label a message',
      description: 'Add SupportGate labels to a message (creating missing labels), optionally removing others',
    },
    {
      name: 'Send Email',
      value: 'sendEmail',
      action: 'Send an email',
      description: 'Send a new message, e.g. a staff notification or a payment confirmation; optionally threaded with reply headers',
    },
    {
      name: 'List Unlabeled Recent',
      value: 'listUnlabeledRecent',
      action: 'List unlabeled recent messages',
      description: 'Reconcile sweep: recent inbox mail no SupportGate label marks as handled, as raw messages',
    },
  ],
};

export const emailField: INodeProperties = {
  displayName: 'Email Field',
  name: 'emailField',
  type: 'string',
  default: 'email',
  description: 'Item field holding the SupportEmail (as Check Sender Credits or Classify Support Email output it)',
};

export const optionsField: INodeProperties = {
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
};
