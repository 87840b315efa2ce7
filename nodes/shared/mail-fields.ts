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

/** Optional HTML body and extra headers of Send Email: a payment confirmation is a composed reply. */
export const htmlAndHeadersFields: INodeProperties[] = [
  {
    displayName: 'HTML',
    name: 'html',
    type: 'string',
    typeOptions: { rows: 3 },
    default: '',
    description: 'Optional HTML body (sent as multipart/alternative with the text)',
  },
  {
    displayName: 'Headers Field',
    name: 'headersField',
    type: 'string',
    default: '',
    placeholder: 'reply.headers',
    description:
      'Optional item field with extra headers (In-Reply-To, References, Auto-Submitted…), e.g. reply.headers of a composed reply',
  },
];
