import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { imap } from '../../../core';
import { isObject } from '../../shared/is-object';
import { valueAt } from '../../shared/params';

export const IMAP_CREDENTIAL = 'supportGateImapSmtpApi';

export const operationSelector: INodeProperties = {
  displayName: 'Operation',
  name: 'operation',
  type: 'options',
  noDataExpression: true,
  default: 'replyInThread',
  options: [
    {
      name: 'Clear Keywords',
      value: 'clearMarks',
      action: 'Clear support gate keywords',
      description: 'Remove every SupportGate keyword (and bring the mail back to the mailbox from a SupportGate folder)',
    },
    {
      name: 'List Unmarked Recent',
      value: 'listUnmarkedRecent',
      action: 'List unmarked recent messages',
      description: 'Reconcile sweep: recent mail of the mailbox without a SupportGate keyword, as raw messages',
    },
    { name: 'Move Message', value: 'moveMessage', action: 'Move a message', description: 'Move the mail to another folder' },
    {
      name: 'Reply in Thread',
      value: 'replyInThread',
      action: 'Reply in the client thread',
      description: 'Send the item reply (text + HTML) by SMTP with the threading headers and the ticket tag, and file it in Sent',
    },
    {
      name: 'Send Email',
      value: 'sendEmail',
      action: 'Send an email',
      description: 'Send a new message by SMTP, e.g. a staff notification',
    },
    {
      name: 'Set Keyword',
      value: 'setMark',
      action: 'Set a support gate keyword',
      description:
        'Mark the mail handled: an IMAP keyword such as $SupportGate_Paid, or the folder SupportGate/Paid where the server refuses keywords',
    },
  ],
};

export const emailField: INodeProperties = {
  displayName: 'Email Field',
  name: 'emailField',
  type: 'string',
  default: 'email',
  description: 'Item field holding the SupportEmail (as Check Sender Credits outputs it)',
};

export const optionsField: INodeProperties = {
  displayName: 'Options',
  name: 'options',
  type: 'collection',
  placeholder: 'Add Option',
  default: {},
  options: [
    {
      displayName: 'Mailbox',
      name: 'mailbox',
      type: 'string',
      default: 'INBOX',
      description: "The folder the client mail arrives in (the Email Trigger's Mailbox Name)",
    },
    {
      displayName: 'Append to Sent Folder',
      name: 'appendToSent',
      type: 'boolean',
      default: true,
      description: "Whether to file a copy of what is sent in the credential's Sent folder",
    },
  ],
};

export const invalid = (message: string, field: string) => new imap.ImapSupportError('imap_invalid_input', message, { field });

export interface Options {
  mailbox?: string;
  appendToSent?: boolean;
}

export const optionsOf = (ctx: IExecuteFunctions, i: number) => ctx.getNodeParameter('options', i, {}) as Options;
export const mailboxOf = (options: Options) => options.mailbox?.trim() || 'INBOX';

/** The item's SupportEmail, at Email Field. */
export function emailOf(ctx: IExecuteFunctions, json: IDataObject, i: number): Record<string, unknown> {
  const path = ctx.getNodeParameter('emailField', i, 'email') as string;
  const mail = valueAt(json, path);
  if (!isObject(mail))
    throw invalid(`The item has no "${path}" object: connect Check Sender Credits (or a node after it), or set Email Field.`, 'emailField');
  return mail;
}

/** Message-ID first (it survives moves); the trigger's UID only for a mail that has none. */
export async function locate(ctx: IExecuteFunctions, session: imap.MailSession, json: IDataObject, i: number): Promise<imap.Located> {
  const mail = emailOf(ctx, json, i);
  const messageId = mail.messageIdSynthetic === true ? undefined : typeof mail.messageId === 'string' ? mail.messageId : undefined;
  return imap.locateMessage(session.imap, { messageId, uid: imap.uidFromProviderId(mail.providerId) }, mailboxOf(optionsOf(ctx, i)));
}
