import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import * as outlook from '../../../graph-connector';
import { onlyFor } from '../../shared/router';
import type { OutlookSetup } from './router';

export const description: INodeProperties[] = onlyFor('listUncategorizedRecent', [
  {
    displayName: 'Folder',
    name: 'folder',
    type: 'string',
    default: 'Inbox',
    description: "Folder ID or well-known name the client mail arrives in (the trigger's folder)",
  },
  { displayName: 'Newer Than (Days)', name: 'newerThanDays', type: 'number', typeOptions: { minValue: 1 }, default: 1 },
  { displayName: 'Max Messages', name: 'maxMessages', type: 'number', typeOptions: { minValue: 1 }, default: 200 },
]);

/** The reconcile sweep: runs once per execution, whatever triggered it (a Schedule gives one item). */
export async function execute(ctx: IExecuteFunctions, i: number, { client, mailbox }: OutlookSetup) {
  if (i > 0) return [];
  const folder = String(ctx.getNodeParameter('folder', 0, 'Inbox') || 'Inbox');
  const { messages } = await outlook.listUncategorizedRecent(client, mailbox, {
    folder,
    newerThanDays: ctx.getNodeParameter('newerThanDays', 0, 1) as number,
    maxMessages: ctx.getNodeParameter('maxMessages', 0, 200) as number,
  });
  // The trigger's item shape: Check Sender Credits reads `email`, the actions read `graph.id`.
  return messages.map(({ email, message }) => ({
    output: 0,
    json: {
      email,
      graph: {
        id: message.id,
        conversationId: message.conversationId,
        internetMessageId: message.internetMessageId,
        mailbox,
        folder,
        categories: message.categories ?? [],
        receivedDateTime: message.receivedDateTime,
      },
    } as unknown as IDataObject,
  }));
}
