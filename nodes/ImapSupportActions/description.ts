import type { INodeProperties } from 'n8n-workflow';
import { imap } from '../../core';

export const IMAP_CREDENTIAL = 'supportGateImapSmtpApi';

const show = (...operation: string[]) => ({ show: { operation } });
const MARK_LABELS: Record<imap.SupportGateMark, string> = {
  paid: 'Paid', awaitingPayment: 'Awaiting Payment', awaitingConfirmation: 'Awaiting Confirmation', followUp: 'Follow-Up',
  needsReview: 'Needs Review', notSupport: 'Not Support', ignored: 'Ignored',
};

export const properties: INodeProperties[] = [
  {
    displayName: 'Operation', name: 'operation', type: 'options', noDataExpression: true, default: 'replyInThread',
    options: [
      { name: 'Clear Keywords', value: 'clearMarks', action: 'Clear support gate keywords', description: 'Remove every SupportGate keyword (and bring the mail back to the mailbox from a SupportGate folder)' },
      { name: 'List Unmarked Recent', value: 'listUnmarkedRecent', action: 'List unmarked recent messages', description: 'Reconcile sweep: recent mail of the mailbox without a SupportGate keyword, as raw messages' },
      { name: 'Move Message', value: 'moveMessage', action: 'Move a message', description: 'Move the mail to another folder' },
      { name: 'Reply in Thread', value: 'replyInThread', action: 'Reply in the client thread', description: 'Send the item reply (text + HTML) by SMTP with the threading headers and the ticket tag, and file it in Sent' },
      { name: 'Send Email', value: 'sendEmail', action: 'Send an email', description: 'Send a new message by SMTP, e.g. a staff notification' },
      { name: 'Set Keyword', value: 'setMark', action: 'Set a support gate keyword', description: 'Mark the mail handled: an IMAP keyword such as $SupportGate_Paid, or the folder SupportGate/Paid where the server refuses keywords' },
    ],
  },
  { displayName: 'Email Field', name: 'emailField', type: 'string', default: 'email', description: 'Item field holding the SupportEmail (as Check Sender Credits outputs it)', displayOptions: show('replyInThread', 'setMark', 'clearMarks', 'moveMessage') },
  { displayName: 'Reply Field', name: 'replyField', type: 'string', default: 'reply', description: 'Item field holding the reply {subject, text, html, headers, onlyTo} (as Debit Credit and Create Payment Link compose it)', displayOptions: show('replyInThread') },
  { displayName: 'Subject Tag', name: 'subjectTag', type: 'string', default: '={{ $json.ticket ? $json.ticket.tag : "" }}', description: 'Added to the reply subject when it is not there yet, e.g. [SG-12]', displayOptions: show('replyInThread') },
  {
    displayName: 'Keyword', name: 'mark', type: 'options', default: 'paid', displayOptions: show('setMark'),
    description: 'One SupportGate state per mail: the other SupportGate keywords are removed',
    options: imap.MARK_NAMES.map((value) => ({ name: MARK_LABELS[value], value, description: `${imap.SUPPORTGATE_MARKS[value].keyword}, or folder SupportGate/${imap.SUPPORTGATE_MARKS[value].folder}` })),
  },
  {
    displayName: 'Mark With', name: 'markMode', type: 'options', default: 'auto', displayOptions: show('setMark'),
    options: [
      { name: 'Keyword, Else Folder', value: 'auto', description: 'A keyword where the server keeps custom keywords (PERMANENTFLAGS \\*), else a move to the SupportGate folder' },
      { name: 'Folder', value: 'folders', description: 'Always move to the SupportGate folder of the keyword (mail apps that hide keywords)' },
      { name: 'Keyword Only', value: 'keywords', description: 'Fail rather than move when the server refuses the keyword' },
    ],
  },
  { displayName: 'Destination Folder', name: 'destination', type: 'string', default: 'Archive', description: 'Folder path as the server names it (e.g. Archive, INBOX.Archive)', displayOptions: show('moveMessage') },
  { displayName: 'To', name: 'sendTo', type: 'string', default: '', required: true, placeholder: 'support-team@agency.example', description: 'Comma-separated recipient addresses', displayOptions: show('sendEmail') },
  { displayName: 'Subject', name: 'subject', type: 'string', default: '', required: true, displayOptions: show('sendEmail') },
  { displayName: 'Message', name: 'message', type: 'string', typeOptions: { rows: 5 }, default: '', required: true, description: 'Plain-text body', displayOptions: show('sendEmail') },
  { displayName: 'Newer Than (Days)', name: 'newerThanDays', type: 'number', typeOptions: { minValue: 1 }, default: 1, displayOptions: show('listUnmarkedRecent') },
  { displayName: 'Max Messages', name: 'maxMessages', type: 'number', typeOptions: { minValue: 1 }, default: 200, displayOptions: show('listUnmarkedRecent') },
  {
    displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {},
    options: [
      { displayName: 'Mailbox', name: 'mailbox', type: 'string', default: 'INBOX', description: 'The folder the client mail arrives in (the Email Trigger\'s Mailbox Name)' },
      { displayName: 'Append to Sent Folder', name: 'appendToSent', type: 'boolean', default: true, description: 'Whether to file a copy of what is sent in the credential\'s Sent folder' },
    ],
  },
];
