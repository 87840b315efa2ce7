import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { gmail } from '../../../core';
import { listParam, textParam, valueAt } from '../../shared/params';
import { onlyFor } from '../../shared/router';
import { onceForMail } from '../../shared/intake';
import type { GmailSetup } from './client';
import { emailField } from './fields';

export const description: INodeProperties[] = onlyFor('labelMessage', [
  emailField,
  {
    displayName: 'Label Names',
    name: 'labels',
    type: 'string',
    default: 'SupportGate/Paid',
    placeholder: 'SupportGate/Paid, SupportGate/Awaiting payment',
    description: 'Comma-separated label names; nested with "/"; created when missing',
  },
  {
    displayName: 'Labels to Remove',
    name: 'labelsToRemove',
    type: 'string',
    default: '',
    placeholder: 'SupportGate/Awaiting payment',
    description:
      'Comma-separated label names to take off the message in the same change (e.g. Awaiting payment once paid); labels the mailbox does not have are skipped',
  },
  {
    displayName: 'Message ID',
    name: 'messageId',
    type: 'string',
    default: '',
    description: 'Gmail message ID to label; empty uses the providerId of the SupportEmail in Email Field',
  },
]);

export async function execute(ctx: IExecuteFunctions, i: number, { client, store }: GmailSetup) {
  const json = ctx.getInputData()[i].json;
  const names = listParam(ctx, 'labels', i);
  if (!names.length)
    throw new gmail.GmailError('gmail_invalid_input', 'No label names: give at least one, e.g. "SupportGate/Paid".', { field: 'labels' });
  let messageId = textParam(ctx, 'messageId', i);
  if (!messageId) {
    const emailPath = ctx.getNodeParameter('emailField', i, 'email') as string;
    messageId = String(valueAt(json, `${emailPath}.providerId`) ?? '');
    if (!messageId)
      throw new gmail.GmailError('gmail_invalid_input', `No message to label: ${emailPath}.providerId is empty; set Message ID.`, {
        field: 'messageId',
      });
  }
  // The label is the mail's last step: it closes the mail's journal entry.
  return onceForMail(
    store,
    json,
    `label:${names.join(',')}`,
    async () => {
      const removeNames = listParam(ctx, 'labelsToRemove', i).filter((n) => !names.includes(n));
      // Only labels that exist can be on the message: never create a label just to remove it.
      if (removeNames.some((n) => !client.labelIds.has(n))) await gmail.listLabels(client);
      const removed = removeNames.filter((n) => client.labelIds.has(n));
      const labelIds = await gmail.applyLabels(
        client,
        messageId,
        names,
        removed.map((n) => client.labelIds.get(n) as string),
      );
      return { output: 0, json: { ...json, gmailLabels: { messageId, added: names, removed, labelIds } } as IDataObject };
    },
    { last: true, repeatable: true },
  );
}
