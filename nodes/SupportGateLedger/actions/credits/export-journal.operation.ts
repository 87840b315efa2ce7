import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { staff, type ledger } from '../../../../core';
import { projectField, senderField, senderRef, shownAt } from '../fields';

const at = { resource: 'credits', operation: 'exportJournal' };
export const description: INodeProperties[] = [
  projectField(at),
  { ...senderField(at), description: "One of the client's addresses (or any address of its domain)" },
  {
    displayName: 'Put Output File in Field',
    name: 'binaryPropertyName',
    type: 'string',
    default: 'data',
    description: 'The binary field the CSV goes to',
    displayOptions: shownAt(at),
  },
];

/** The client's whole journal, oldest first, as a CSV file (the same columns as the console's export). */
export async function execute(ctx: IExecuteFunctions, i: number, store: ledger.Ledger) {
  const account = await staff.clientOfSender(store, senderRef(ctx, i));
  const entries = await staff.accountJournal(store, { accountId: account.id });
  const field = String(ctx.getNodeParameter('binaryPropertyName', i, 'data') || 'data');
  const fileName = `journal-${account.name.replace(/[^A-Za-z0-9@._-]+/g, '_')}.csv`;
  const file = await ctx.helpers.prepareBinaryData(Buffer.from(staff.journalCsv(entries), 'utf8'), fileName, 'text/csv');
  return [
    {
      output: 0,
      json: { accountId: account.id, account: account.name, entries: entries.length, balance: await store.balance(account.id) },
      binary: { [field]: file },
    },
  ];
}
