import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import * as outlook from '../../../graph-connector';
import { onceForMail } from '../../shared/intake';
import { htmlAndHeadersFields, sendEmailFields } from '../../shared/mail-fields';
import { onlyFor } from '../../shared/router';
import type { OutlookSetup } from './router';
import { templates } from '../../../core';
import { listParam, textParam } from '../../shared/params';

// HTML only: Graph takes no standard headers on a message (internetMessageHeaders must be X- ones).
const htmlField = htmlAndHeadersFields.filter((f) => f.name === 'html');

export const description: INodeProperties[] = onlyFor('sendEmail', [...sendEmailFields, ...htmlField]);

export async function execute(ctx: IExecuteFunctions, i: number, { client, mailbox, store }: OutlookSetup) {
  const json = ctx.getInputData()[i].json;
  const to = listParam(ctx, 'sendTo', i);
  // A composed mail (a payment confirmation) brings its own HTML; a staff notification is plain text.
  const html = textParam(ctx, 'html', i) || templates.escapeHtml(ctx.getNodeParameter('message', i) as string).replace(/\n/g, '<br>');
  const subject = ctx.getNodeParameter('subject', i) as string;
  // About an intake mail: a staff notification, once per mail.
  return onceForMail(store, json, 'staff_notification', async () => {
    await outlook.sendMail(client, mailbox, { to, subject, html });
    return { output: 0, json: { ...json, outlook: { sent: true, to } } as IDataObject };
  });
}
