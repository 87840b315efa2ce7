import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { imap } from '../../core';
import { failEveryItem, forEachItem, unknownOperation, type OutputLayout } from '../shared/item-loop';
import { IMAP_CREDENTIAL } from './description';
import { isObject } from '../shared/is-object';

/** Done, and Failed: a failed reply or keyword leaves the mail unmarked for the next sweep. */
export const LAYOUT: OutputLayout = { outputs: 2, failedOutput: 1 };

const invalid = (message: string, field: string) => new imap.ImapSupportError('imap_invalid_input', message, { field });

/** A field by dotted path ("email", "gate.email"). */
function field(json: IDataObject, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (isObject(v) ? v[k] : undefined), json);
}

interface Options { mailbox?: string; appendToSent?: boolean }

function emailOf(ctx: IExecuteFunctions, json: IDataObject, i: number): Record<string, unknown> {
  const path = ctx.getNodeParameter('emailField', i, 'email') as string;
  const mail = field(json, path);
  if (!isObject(mail)) throw invalid(`The item has no "${path}" object: connect Check Sender Credits (or a node after it), or set Email Field.`, 'emailField');
  return mail;
}

/** Message-ID first (it survives moves); the trigger's UID only for a mail that has none. */
async function locate(ctx: IExecuteFunctions, session: imap.MailSession, json: IDataObject, i: number, mailbox: string): Promise<imap.Located> {
  const mail = emailOf(ctx, json, i);
  const messageId = mail.messageIdSynthetic === true ? undefined : (typeof mail.messageId === 'string' ? mail.messageId : undefined);
  return imap.locateMessage(session.imap, { messageId, uid: imap.uidFromProviderId(mail.providerId) }, mailbox);
}

async function runItem(ctx: IExecuteFunctions, session: imap.MailSession, operation: string, i: number): Promise<IDataObject> {
  const json = ctx.getInputData()[i].json;
  const options = ctx.getNodeParameter('options', i, {}) as Options;
  const mailbox = options.mailbox?.trim() || 'INBOX';
  if (operation === 'sendEmail') {
    const to = (ctx.getNodeParameter('sendTo', i, '') as string).split(',').map((s) => s.trim()).filter(Boolean);
    const sent = await imap.sendMessage(session, { to, subject: ctx.getNodeParameter('subject', i, '') as string, text: ctx.getNodeParameter('message', i, '') as string }, { appendToSent: options.appendToSent !== false });
    return { ...json, imapSent: { ...sent } };
  }
  if (operation === 'replyInThread') {
    const replyPath = ctx.getNodeParameter('replyField', i, 'reply') as string;
    const reply = field(json, replyPath);
    if (!isObject(reply)) throw invalid(`The item has no "${replyPath}" object: pass the output of Debit Credit / Create Payment Link, or set Reply Field.`, 'replyField');
    const sent = await imap.replyInThread(session, {
      mail: emailOf(ctx, json, i) as unknown as imap.RepliedMail,
      reply: reply as imap.ComposedReply,
      subjectTag: (ctx.getNodeParameter('subjectTag', i, '') as string) || undefined,
      appendToSent: options.appendToSent !== false,
    });
    return { ...json, imapReply: { ...sent } };
  }
  const at = await locate(ctx, session, json, i, mailbox);
  if (operation === 'setMark') {
    const mark = ctx.getNodeParameter('mark', i) as string;
    if (!imap.isMark(mark)) throw invalid(`Unknown keyword "${mark}": choose one of ${imap.MARK_NAMES.join(', ')}.`, 'mark');
    const result = await imap.setMark(session.imap, at, mark, ctx.getNodeParameter('markMode', i, 'auto') as imap.MarkMode);
    return { ...json, imapMark: { ...result } };
  }
  if (operation === 'clearMarks') return { ...json, imapMark: { cleared: true, ...(await imap.clearMarks(session.imap, at, mailbox)) } };
  const destination = (ctx.getNodeParameter('destination', i, '') as string).trim();
  if (!destination) throw invalid('Destination Folder is empty.', 'destination');
  return { ...json, imapMove: { ...(await imap.moveMessage(session.imap, at, destination)) } };
}

const OPERATIONS = ['replyInThread', 'setMark', 'clearMarks', 'moveMessage', 'sendEmail', 'listUnmarkedRecent'];

export async function executeImapActions(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
  const operation = this.getNodeParameter('operation', 0) as string;
  if (!OPERATIONS.includes(operation)) throw unknownOperation(this, operation, OPERATIONS);
  let session: imap.MailSession;
  try {
    session = await imap.openSession(imap.imapSmtpConfigFrom(await this.getCredentials<ICredentialDataDecryptedObject>(IMAP_CREDENTIAL)));
  } catch (err) {
    return failEveryItem(this, LAYOUT, err);
  }
  try {
    if (operation === 'listUnmarkedRecent') {
      // The sweep runs once per execution, whatever triggered it (Schedule gives one item).
      try {
        const options = this.getNodeParameter('options', 0, {}) as Options;
        const messages = await imap.listUnmarkedRecent(session.imap, {
          mailbox: options.mailbox?.trim() || 'INBOX',
          newerThanDays: this.getNodeParameter('newerThanDays', 0, 1) as number,
          maxMessages: this.getNodeParameter('maxMessages', 0, 200) as number,
          ownAddress: session.config.from,
        });
        return [messages.map((m) => ({ json: { ...m } as unknown as IDataObject, pairedItem: { item: 0 } })), []];
      } catch (err) {
        return failEveryItem(this, LAYOUT, err);
      }
    }
    return await forEachItem(this, LAYOUT, async (i) => ({ output: 0, json: await runItem(this, session, operation, i) }));
  } finally {
    await imap.closeSession(session);
  }
}
