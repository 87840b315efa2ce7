import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import * as outlook from '../../../graph-connector';
import { onceForMail } from '../../shared/intake';
import { onlyFor } from '../../shared/router';
import type { OutlookSetup } from './router';
import { templates } from '../../../core';
import { listParam } from '../../shared/params';

export const description: INodeProperties[] = onlyFor('sendEmail', [
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
]);

export async function execute(ctx: IExecuteFunctions, i: number, { client, mailbox, store }: OutlookSetup) {
  const json = ctx.getInputData()[i].json;
  const to = listParam(ctx, 'sendTo', i);
  const html = templates.escapeHtml(ctx.getNodeParameter('message', i) as string).replace(/\n/g, '<br>');
  const subject = ctx.getNodeParameter('subject', i) as string;
  // About an intake mail: a staff notification, once per mail.
  return onceForMail(store, json, 'staff_notification', async () => {
    await outlook.sendMail(client, mailbox, { to, subject, html });
    return { output: 0, json: { ...json, outlook: { sent: true, to } } as IDataObject };
  });
}
