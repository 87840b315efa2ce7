import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { imap } from '../../../core';
import { onlyFor } from '../../shared/router';
import type { ImapSetup } from './router';
import { mailboxOf, optionsOf } from './fields';

export const description: INodeProperties[] = onlyFor('listUnmarkedRecent', [
  { displayName: 'Newer Than (Days)', name: 'newerThanDays', type: 'number', typeOptions: { minValue: 1 }, default: 1 },
  { displayName: 'Max Messages', name: 'maxMessages', type: 'number', typeOptions: { minValue: 1 }, default: 200 },
]);

/** The reconcile sweep: runs once per execution, whatever triggered it (a Schedule gives one item). */
export async function execute(ctx: IExecuteFunctions, i: number, { session }: ImapSetup) {
  if (i > 0) return [];
  const messages = await imap.listUnmarkedRecent(session.imap, {
    mailbox: mailboxOf(optionsOf(ctx, 0)),
    newerThanDays: ctx.getNodeParameter('newerThanDays', 0, 1) as number,
    maxMessages: ctx.getNodeParameter('maxMessages', 0, 200) as number,
    ownAddress: session.config.from,
  });
  return messages.map((m) => ({ output: 0, json: { ...m } as unknown as IDataObject }));
}
