import type { Client } from '@microsoft/microsoft-graph-client';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import * as outlook from '../../../graph-connector';
import { onceForMail } from '../../shared/intake';
import { onlyFor } from '../../shared/router';
import type { OutlookSetup } from './router';
import { textParam } from '../../shared/params';
import { messageFields, messageIdOf } from './fields';

export const description: INodeProperties[] = onlyFor('setCategory', [
  ...messageFields,
  {
    displayName: 'Category',
    name: 'category',
    type: 'options',
    default: 'paid',
    options: (Object.entries(outlook.SUPPORTGATE_CATEGORIES) as Array<[outlook.SupportGateCategory, { displayName: string }]>).map(
      ([value, c]) => ({ name: c.displayName, value }),
    ),
  },
]);

/**
 * The message's categories as Graph holds them now: the item's copy is absent after Check Sender
 * Credits and may be stale, and the PATCH replaces the whole list, so read it just before.
 */
async function currentCategories(client: Client, mailbox: string, id: string): Promise<string[]> {
  try {
    const message = (await client
      .api(`${outlook.userPath(mailbox)}/messages/${encodeURIComponent(id)}`)
      .select('categories')
      .get()) as { categories?: string[] };
    return message.categories ?? [];
  } catch (err) {
    throw outlook.wrapGraphError('ACTION_FAILED', 'Reading the message categories', err);
  }
}

export async function execute(ctx: IExecuteFunctions, i: number, setup: OutlookSetup) {
  const { client, mailbox } = setup;
  const json = ctx.getInputData()[i].json;
  const id = messageIdOf(json, ctx.getNodeParameter('emailField', i, 'email') as string, textParam(ctx, 'messageId', i));
  // The master categories once per execution, not once per item.
  if (!setup.categoriesReady) await outlook.ensureCategories(client, mailbox);
  setup.categoriesReady = true;
  const category = ctx.getNodeParameter('category', i) as outlook.SupportGateCategory;
  // The category is the mail's last step: it closes the mail's journal entry.
  return onceForMail(
    setup.store,
    json,
    `label:${category}`,
    async () => {
      const categories = await outlook.setCategory(client, mailbox, id, category, await currentCategories(client, mailbox, id));
      return { output: 0, json: { ...json, outlook: { categories } } as IDataObject };
    },
    { last: true, repeatable: true },
  );
}
