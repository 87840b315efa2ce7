/** Send Email: a new message (staff notifications, payment confirmations), optionally filed in a thread. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { gmail } from '../../core';

function fieldAt(json: IDataObject, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), json);
}

const addresses = (value: string): string[] => value.split(',').map((s) => s.trim()).filter(Boolean);

export async function sendEmail(ctx: IExecuteFunctions, client: gmail.GmailClient, json: IDataObject, i: number): Promise<IDataObject> {
  const param = (name: string) => String(ctx.getNodeParameter(name, i, '') ?? '').trim();
  const to = addresses(param('sendTo'));
  if (!to.length) throw new gmail.GmailError('gmail_invalid_input', 'To is empty: give at least one address, e.g. your team\'s support-team@agency.example.', { field: 'sendTo' });
  const subject = param('subject');
  if (!subject) throw new gmail.GmailError('gmail_invalid_input', 'Subject is empty: give the notification subject.', { field: 'subject' });
  const text = String(ctx.getNodeParameter('message', i, '') ?? '');
  if (!text.trim()) throw new gmail.GmailError('gmail_invalid_input', 'Message is empty: give the plain-text body.', { field: 'message' });
  const html = param('html');
  const headersPath = param('headersField');
  const headers = headersPath ? fieldAt(json, headersPath) : undefined;
  if (headersPath && (headers === undefined || headers === null)) {
    // A missing headers object is allowed (e.g. no reply was composed); a wrong type is not.
  } else if (headersPath && typeof headers !== 'object') {
    throw new gmail.GmailError('gmail_invalid_input', `${headersPath} is not an object of headers: point Headers Field at e.g. reply.headers.`, { field: 'headersField' });
  }
  const all = (headers ?? {}) as Record<string, string>;
  const threadId = param('threadId');
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
  return { ...json, gmailSent: { id: sent.id, threadId: sent.threadId, to } };
}
