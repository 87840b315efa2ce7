import type { INodeProperties } from 'n8n-workflow';

/** To, Subject and Message of every mailbox node's Send Email (staff notifications, confirmations). */
export const sendEmailFields: INodeProperties[] = [
  {
    displayName: 'To',
    name: 'sendTo',
    type: 'string',
    default: '',
    required: true,
    placeholder: 'support-team@agency.example',
    description: 'Comma-separated recipient addresses',
  },
  { displayName: 'Subject', name: 'subject', type: 'string', default: '', required: true },
  {
    displayName: 'Message',
    name: 'message',
    type: 'string',
    typeOptions: { rows: 5 },
    default: '',
    required: true,
    description: 'Plain-text body',
  },
];
