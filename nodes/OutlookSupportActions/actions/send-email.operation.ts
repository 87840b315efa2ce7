import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import * as outlook from '../../../graph-connector';
import { onceForMail } from '../../shared/intake';
import { sendEmailFields } from '../../shared/mail-fields';
import { onlyFor } from '../../shared/router';
import type { OutlookSetup } from './router';
import { templates } from '../../../core';
import { listParam } from '../../shared/params';

export const description: INodeProperties[] = onlyFor('sendEmail', [...sendEmailFields]);

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
