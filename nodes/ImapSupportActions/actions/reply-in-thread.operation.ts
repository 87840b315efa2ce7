import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { imap } from '../../../core';
import { onceForMail, replyEffectOf } from '../../shared/intake';
import { onlyFor } from '../../shared/router';
import type { ImapSetup } from './router';
import { isObject } from '../../shared/is-object';
import { valueAt } from '../../shared/params';
import { emailField, emailOf, invalid, optionsOf } from './fields';

export const description: INodeProperties[] = onlyFor('replyInThread', [
  emailField,
  {
    displayName: 'Reply Field',
    name: 'replyField',
    type: 'string',
    default: 'reply',
    description: 'Item field holding the reply {subject, text, html, headers, onlyTo} (as Debit Credit and Create Payment Link compose it)',
  },
  {
    displayName: 'Subject Tag',
    name: 'subjectTag',
    type: 'string',
    default: '={{ $json.ticket ? $json.ticket.tag : "" }}',
    description: 'Added to the reply subject when it is not there yet, e.g. [SG-12]',
  },
]);

export async function execute(ctx: IExecuteFunctions, i: number, { session, store }: ImapSetup) {
  const json = ctx.getInputData()[i].json;
  const replyPath = ctx.getNodeParameter('replyField', i, 'reply') as string;
  const reply = valueAt(json, replyPath);
  if (!isObject(reply))
    throw invalid(
      `The item has no "${replyPath}" object: pass the output of Debit Credit / Create Payment Link, or set Reply Field.`,
      'replyField',
    );
  const mail = emailOf(ctx, json, i) as unknown as imap.RepliedMail;
  return onceForMail(store, json, replyEffectOf(reply), async () => {
    const sent = await imap.replyInThread(session, {
      mail,
      reply: reply as imap.ComposedReply,
      subjectTag: (ctx.getNodeParameter('subjectTag', i, '') as string) || undefined,
      appendToSent: optionsOf(ctx, i).appendToSent !== false,
    });
    return { output: 0, json: { ...json, imapReply: { ...sent } } as IDataObject };
  });
}
