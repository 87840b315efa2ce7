import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { imap } from '../../../core';
import { onceForMail } from '../../shared/intake';
import { sendEmailFields } from '../../shared/mail-fields';
import { onlyFor } from '../../shared/router';
import type { ImapSetup } from './router';
import { listParam } from '../../shared/params';
import { optionsOf } from './fields';

export const description: INodeProperties[] = onlyFor('sendEmail', [...sendEmailFields]);

export async function execute(ctx: IExecuteFunctions, i: number, { session, store }: ImapSetup) {
  const json = ctx.getInputData()[i].json;
  const message = {
    to: listParam(ctx, 'sendTo', i),
    subject: ctx.getNodeParameter('subject', i, '') as string,
    text: ctx.getNodeParameter('message', i, '') as string,
  };
  // About an intake mail: a staff notification, once per mail.
  return onceForMail(store, json, 'staff_notification', async () => {
    const sent = await imap.sendMessage(session, message, { appendToSent: optionsOf(ctx, i).appendToSent !== false });
    return { output: 0, json: { ...json, imapSent: { ...sent } } as IDataObject };
  });
}
