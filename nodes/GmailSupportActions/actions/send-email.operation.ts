/** Send Email: a new message (staff notifications, payment confirmations), optionally filed in a thread. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { gmail } from '../../../core';
import { listParam, textParam, valueAt } from '../../shared/params';
import { onceForMail } from '../../shared/intake';
import { htmlAndHeadersFields, sendEmailFields } from '../../shared/mail-fields';
import { onlyFor } from '../../shared/router';
import type { GmailSetup } from './client';

export const description: INodeProperties[] = onlyFor('sendEmail', [
  ...sendEmailFields,
  ...htmlAndHeadersFields,
  {
    displayName: 'Thread ID',
    name: 'threadId',
    type: 'string',
    default: '',
    description: 'Optional Gmail thread to file the message in; empty starts a new thread',
  },
]);

export async function execute(ctx: IExecuteFunctions, i: number, { client, store }: GmailSetup) {
  const json = ctx.getInputData()[i].json;
  const to = listParam(ctx, 'sendTo', i);
  if (!to.length)
    throw new gmail.GmailError(
      'gmail_invalid_input',
      "To is empty: give at least one address, e.g. your team's support-team@agency.example.",
      { field: 'sendTo' },
    );
  const subject = textParam(ctx, 'subject', i);
  if (!subject) throw new gmail.GmailError('gmail_invalid_input', 'Subject is empty: give the notification subject.', { field: 'subject' });
  const text = String(ctx.getNodeParameter('message', i, '') ?? '');
  if (!text.trim()) throw new gmail.GmailError('gmail_invalid_input', 'Message is empty: give the plain-text body.', { field: 'message' });
  const html = textParam(ctx, 'html', i);
  const headersPath = textParam(ctx, 'headersField', i);
  const headers = headersPath ? valueAt(json, headersPath) : undefined;
  // A missing headers object is allowed (e.g. no reply was composed); a wrong type is not.
  if (headers !== undefined && headers !== null && typeof headers !== 'object') {
    throw new gmail.GmailError(
      'gmail_invalid_input',
      `${headersPath} is not an object of headers: point Headers Field at e.g. reply.headers.`,
      { field: 'headersField' },
    );
  }
  const all = (headers ?? {}) as Record<string, string>;
  const threadId = textParam(ctx, 'threadId', i);
  // About an intake mail: a staff notification, once per mail.
  return onceForMail(store, json, 'staff_notification', async () => {
    const sent = await gmail.sendMail(client, {
      to,
      subject,
      text,
      ...(html ? { html } : {}),
      ...(all['In-Reply-To'] ? { inReplyTo: all['In-Reply-To'] } : {}),
      ...(all.References ? { references: all.References } : {}),
      headers: all,
      ...(threadId ? { threadId } : {}),
    });
    return { output: 0, json: { ...json, gmailSent: { id: sent.id, threadId: sent.threadId, to } } as IDataObject };
  });
}
