import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { imap } from '../../../core';
import { onceForMail } from '../../shared/intake';
import { htmlAndHeadersFields, sendEmailFields } from '../../shared/mail-fields';
import { onlyFor } from '../../shared/router';
import type { ImapSetup } from './router';
import { listParam, textParam, valueAt } from '../../shared/params';
import { invalid, optionsOf } from './fields';

export const description: INodeProperties[] = onlyFor('sendEmail', [...sendEmailFields, ...htmlAndHeadersFields]);

/** The item's extra headers (a composed reply's: In-Reply-To, References, Auto-Submitted); none when the field is empty or absent. */
function headersOf(ctx: IExecuteFunctions, json: IDataObject, i: number): Record<string, string> {
  const path = textParam(ctx, 'headersField', i);
  const headers = path ? valueAt(json, path) : undefined;
  if (headers === undefined || headers === null) return {};
  if (typeof headers !== 'object' || Array.isArray(headers))
    throw invalid(`${path} is not an object of headers: point Headers Field at e.g. reply.headers.`, 'headersField');
  return headers as Record<string, string>;
}

export async function execute(ctx: IExecuteFunctions, i: number, { session, store }: ImapSetup) {
  const json = ctx.getInputData()[i].json;
  const headers = headersOf(ctx, json, i);
  const html = textParam(ctx, 'html', i);
  const message = {
    to: listParam(ctx, 'sendTo', i),
    subject: ctx.getNodeParameter('subject', i, '') as string,
    text: ctx.getNodeParameter('message', i, '') as string,
    ...(html ? { html } : {}),
    // Threading goes in the message's own fields; the rest (Auto-Submitted…) as extra headers.
    ...(headers['In-Reply-To'] ? { inReplyTo: String(headers['In-Reply-To']) } : {}),
    ...(headers.References ? { references: String(headers.References).split(/\s+/).filter(Boolean) } : {}),
    headers,
  };
  // About an intake mail: a staff notification, once per mail.
  return onceForMail(store, json, 'staff_notification', async () => {
    const sent = await imap.sendMessage(session, message, { appendToSent: optionsOf(ctx, i).appendToSent !== false });
    return { output: 0, json: { ...json, imapSent: { ...sent } } as IDataObject };
  });
}
