import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { imap } from '../../../core';
import { onlyFor } from '../../shared/router';
import { listParam } from '../../shared/params';
import { optionsOf } from './fields';

export const description: INodeProperties[] = onlyFor('sendEmail', [
  { displayName: 'To', name: 'sendTo', type: 'string', default: '', required: true, placeholder: 'support-team@agency.example', description: 'Comma-separated recipient addresses' },
  { displayName: 'Subject', name: 'subject', type: 'string', default: '', required: true },
  { displayName: 'Message', name: 'message', type: 'string', typeOptions: { rows: 5 }, default: '', required: true, description: 'Plain-text body' },
]);

export async function execute(ctx: IExecuteFunctions, i: number, session: imap.MailSession) {
  const json = ctx.getInputData()[i].json;
  const message = { to: listParam(ctx, 'sendTo', i), subject: ctx.getNodeParameter('subject', i, '') as string, text: ctx.getNodeParameter('message', i, '') as string };
  const sent = await imap.sendMessage(session, message, { appendToSent: optionsOf(ctx, i).appendToSent !== false });
  return { output: 0, json: { ...json, imapSent: { ...sent } } as IDataObject };
}
