import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { gmail, type email } from '../../../core';
import { valueAt } from '../../shared/params';
import { onlyFor } from '../../shared/router';
import { onceForMail, replyEffectOf } from '../../shared/intake';
import { objectAt, type GmailSetup } from './client';
import { emailField } from './fields';

interface ReplyJson {
  /** The one recipient, when the reply names it (a confirmation goes to the registered address, never to Reply-To). */
  onlyTo?: string;
  subject?: string;
  text?: string;
  html?: string;
  headers?: Record<string, string>;
}

export const description: INodeProperties[] = onlyFor('replyInThread', [
  emailField,
  {
    displayName: 'Reply Field',
    name: 'replyField',
    type: 'string',
    default: 'reply',
    description: 'Item field holding the reply {subject, text, html, headers} (as the reply templates compose it)',
  },
]);

export async function execute(ctx: IExecuteFunctions, i: number, { client, store }: GmailSetup) {
  const json = ctx.getInputData()[i].json;
  const emailPath = ctx.getNodeParameter('emailField', i, 'email') as string;
  const replyPath = ctx.getNodeParameter('replyField', i, 'reply') as string;
  const mail = objectAt<email.SupportEmail>(valueAt(json, emailPath), emailPath, 'a SupportEmail (Check Sender Credits)');
  const reply = objectAt<ReplyJson>(valueAt(json, replyPath), replyPath, 'a reply {subject, text, html, headers}');
  if (!mail.threadId) {
    throw new gmail.GmailError(
      'gmail_invalid_input',
      `${emailPath}.threadId is missing: the mail did not come from Gmail (Gmail Trigger or this node's List Unlabeled Recent).`,
      { field: `${emailPath}.threadId` },
    );
  }
  const threadId = mail.threadId;
  return onceForMail(store, json, replyEffectOf(reply), async () => {
    const headers = reply.headers ?? {};
    const to = reply.onlyTo ? [{ address: reply.onlyTo, name: '' }] : mail.replyTo?.length ? mail.replyTo : mail.from ? [mail.from] : [];
    const sent = await gmail.sendThreadReply(client, {
      threadId,
      to: to.map((a) => (a.name ? `"${a.name.replace(/["\\]/g, '')}" <${a.address}>` : a.address)),
      subject: reply.subject ?? '',
      text: reply.text ?? '',
      html: reply.html,
      inReplyTo: headers['In-Reply-To'] ?? mail.messageId,
      references: headers.References ?? [...(mail.references ?? []), mail.messageId],
      headers,
    });
    return { output: 0, json: { ...json, gmailReply: { id: sent.id, threadId: sent.threadId } } as IDataObject };
  });
}
