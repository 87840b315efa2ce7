import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { gmail } from '../../../core';
import { onlyFor } from '../../shared/router';
import type { GmailSetup } from './client';

export const description: INodeProperties[] = onlyFor('listUnlabeledRecent', [
  {
    displayName: 'Newer Than (Days)',
    name: 'newerThanDays',
    type: 'number',
    typeOptions: { minValue: 1 },
    default: 1,
  },
  {
    displayName: 'Handled Label Prefix',
    name: 'labelPrefix',
    type: 'string',
    default: 'SupportGate/',
    description: 'Messages carrying any label under this prefix are already handled and skipped',
  },
  {
    displayName: 'Max Messages',
    name: 'maxMessages',
    type: 'number',
    typeOptions: { minValue: 1 },
    default: 200,
  },
]);

/** The reconcile sweep: runs once per execution, whatever triggered it (a Schedule gives one item). */
export async function execute(ctx: IExecuteFunctions, i: number, { client }: GmailSetup) {
  if (i > 0) return [];
  const result = await gmail.listUnlabeledRecent(client, {
    newerThanDays: ctx.getNodeParameter('newerThanDays', 0, 1) as number,
    excludeLabelPrefix: ctx.getNodeParameter('labelPrefix', 0, 'SupportGate/') as string,
    maxMessages: ctx.getNodeParameter('maxMessages', 0, 200) as number,
  });
  // Items in Gmail's format=raw shape: Check Sender Credits normalizes them like a trigger's.
  return result.messages.map((m) => ({ output: 0, json: { ...m } as unknown as IDataObject }));
}
