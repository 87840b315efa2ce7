import type { IDataObject, INodeProperties } from 'n8n-workflow';
import * as outlook from '../../../graph-connector';
import { isObject } from '../../shared/is-object';

export const operationSelector: INodeProperties = {
  displayName: 'Operation',
  name: 'operation',
  type: 'options',
  noDataExpression: true,
  default: 'replyInThread',
  options: [
    {
      name: 'List Uncategorized Recent',
      value: 'listUncategorizedRecent',
      action: 'List uncategorized recent messages',
      description: "Reconcile sweep: recent mail of the folder no SupportGate category marks as handled, in the trigger's item shape",
    },
    {
      name: 'Move Message',
      value: 'moveMessage',
      action: 'Move a message',
      description: 'Move the message to a folder (its Graph ID changes)',
    },
    {
      name: 'Reply in Thread',
      value: 'replyInThread',
      action: 'Reply in the client thread',
      description: 'Reply to the message (Graph createReply keeps the thread), with the item reply HTML and the ticket tag in the subject',
    },
    {
      name: 'Send Email',
      value: 'sendEmail',
      action: 'Send an email',
      description: 'Send a new message from the mailbox, e.g. a staff notification',
    },
    {
      name: 'Set Category',
      value: 'setCategory',
      action: 'Set a support gate category',
      description:
        'Put one SupportGate category on the message (creating the master categories when missing), keeping its other categories',
    },
  ],
};

/** Where the message is: the item's SupportEmail, or an explicit Graph id. */
export const messageFields: INodeProperties[] = [
  { displayName: 'Email Field', name: 'emailField', type: 'string', default: 'email', description: 'Item field holding the SupportEmail' },
  {
    displayName: 'Message ID',
    name: 'messageId',
    type: 'string',
    default: '',
    description: 'Graph message ID; empty uses the trigger item graph ID, else the SupportEmail provider ID',
  },
];

/** A domain error naming the field; the item loop turns it into the item's NodeOperationError. */
export const configInvalid = (message: string, field: string) => new outlook.GraphConnectorError('CONFIG_INVALID', message, field);

/** The Graph message id of an item: graph.id from Outlook Support Trigger, else the SupportEmail's providerId. */
export function messageIdOf(json: IDataObject, emailField: string, explicit: string): string {
  const email = json[emailField];
  const graph = json.graph;
  const id =
    explicit ||
    (isObject(graph) && typeof graph.id === 'string' ? graph.id : '') ||
    (isObject(email) && typeof email.providerId === 'string' ? email.providerId : '');
  if (!id)
    throw configInvalid(
      `No Graph message ID: the item has neither graph.id nor ${emailField}.providerId. Pass the Outlook Support Trigger's item (or set Message ID).`,
      'messageId',
    );
  return id;
}
