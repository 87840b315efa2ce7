import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { imap } from '../../../core';
import { onceForMail } from '../../shared/intake';
import { onlyFor } from '../../shared/router';
import type { ImapSetup } from './router';
import { emailField, invalid, locate } from './fields';

const MARK_LABELS: Record<imap.SupportGateMark, string> = {
  paid: 'Paid',
  awaitingPayment: 'Awaiting Payment',
  awaitingConfirmation: 'Awaiting Confirmation',
  followUp: 'Follow-Up',
  needsReview: 'Needs Review',
  notSupport: 'Not Support',
  ignored: 'Ignored',
};

export const description: INodeProperties[] = onlyFor('setMark', [
  emailField,
  {
    displayName: 'Keyword',
    name: 'mark',
    type: 'options',
    default: 'paid',
    description: 'One SupportGate state per mail: the other SupportGate keywords are removed',
    options: imap.MARK_NAMES.map((value) => ({
      name: MARK_LABELS[value],
      value,
      description: `${imap.SUPPORTGATE_MARKS[value].keyword}, or folder SupportGate/${imap.SUPPORTGATE_MARKS[value].folder}`,
    })),
  },
  {
    displayName: 'Mark With',
    name: 'markMode',
    type: 'options',
    default: 'auto',
    options: [
      {
        name: 'Keyword, Else Folder',
        value: 'auto',
        description: 'A keyword where the server keeps custom keywords (PERMANENTFLAGS \\*), else a move to the SupportGate folder',
      },
      {
        name: 'Folder',
        value: 'folders',
        description: 'Always move to the SupportGate folder of the keyword (mail apps that hide keywords)',
      },
      { name: 'Keyword Only', value: 'keywords', description: 'Fail rather than move when the server refuses the keyword' },
    ],
  },
]);

export async function execute(ctx: IExecuteFunctions, i: number, { session, store }: ImapSetup) {
  const json = ctx.getInputData()[i].json;
  const mark = ctx.getNodeParameter('mark', i) as string;
  if (!imap.isMark(mark)) throw invalid(`Unknown keyword "${mark}": choose one of ${imap.MARK_NAMES.join(', ')}.`, 'mark');
  // The keyword is the mail's last step: it closes the mail's journal entry.
  return onceForMail(
    store,
    json,
    `label:${mark}`,
    async () => {
      const result = await imap.setMark(
        session.imap,
        await locate(ctx, session, json, i),
        mark,
        ctx.getNodeParameter('markMode', i, 'auto') as imap.MarkMode,
      );
      return { output: 0, json: { ...json, imapMark: { ...result } } as IDataObject };
    },
    { last: true, repeatable: true },
  );
}
