import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import * as outlook from '../../../graph-connector';
import { onceForMail, replyEffectOf } from '../../shared/intake';
import { onlyFor } from '../../shared/router';
import type { OutlookSetup } from './router';
import { isObject } from '../../shared/is-object';
import { textParam } from '../../shared/params';
import { configInvalid, messageFields, messageIdOf } from './fields';

export const description: INodeProperties[] = onlyFor('replyInThread', [
  ...messageFields,
  {
    displayName: 'Reply Field',
    name: 'replyField',
    type: 'string',
    default: 'reply',
    description: 'Item field holding the reply {subject, text, html} (as the reply templates compose it)',
  },
  {
    displayName: 'Subject Tag',
    name: 'subjectTag',
    type: 'string',
    default: '={{ $json.ticket ? $json.ticket.tag : "" }}',
    description: 'Added to the reply subject once, e.g. [SG-12]',
  },
]);

export async function execute(ctx: IExecuteFunctions, i: number, { client, mailbox, store }: OutlookSetup) {
  const json = ctx.getInputData()[i].json;
  const id = messageIdOf(json, ctx.getNodeParameter('emailField', i, 'email') as string, textParam(ctx, 'messageId', i));
  const replyField = ctx.getNodeParameter('replyField', i, 'reply') as string;
  const reply = json[replyField];
  const html = isObject(reply)
    ? typeof reply.html === 'string'
      ? reply.html
      : typeof reply.text === 'string'
        ? reply.text.replace(/\n/g, '<br>')
        : ''
    : '';
  if (!html)
    throw configInvalid(
      `The item's "${replyField}" has no html or text: pass the output of Debit Credit / Create Payment Link, or set Reply Field.`,
      replyField,
    );
  // A reply that names its recipient (a confirmation goes to the registered address only) keeps it, and its subject.
  const recipient = isObject(reply) && typeof reply.onlyTo === 'string' && reply.onlyTo ? [reply.onlyTo] : undefined;
  const subject = recipient && isObject(reply) && typeof reply.subject === 'string' ? reply.subject : undefined;
  const subjectTag = (ctx.getNodeParameter('subjectTag', i, '') as string) || undefined;
  return onceForMail(store, json, replyEffectOf(reply), async () => {
    const draftId = await outlook.replyInThread(client, mailbox, id, { html, subjectTag, to: recipient, subject });
    return { output: 0, json: { ...json, outlook: { replied: true, draftId } } as IDataObject };
  });
}
