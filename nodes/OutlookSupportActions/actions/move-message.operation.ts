import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import * as outlook from '../../../graph-connector';
import { onlyFor } from '../../shared/router';
import type { OutlookSetup } from './router';
import { textParam } from '../../shared/params';
import { messageFields, messageIdOf } from './fields';

export const description: INodeProperties[] = onlyFor('moveMessage', [
  ...messageFields,
  {
    displayName: 'Destination Folder',
    name: 'destinationId',
    type: 'string',
    default: 'archive',
    description: 'Folder ID or well-known name (archive, deleteditems, junkemail…)',
  },
]);

export async function execute(ctx: IExecuteFunctions, i: number, { client, mailbox }: OutlookSetup) {
  const json = ctx.getInputData()[i].json;
  const id = messageIdOf(json, ctx.getNodeParameter('emailField', i, 'email') as string, textParam(ctx, 'messageId', i));
  const destination = ctx.getNodeParameter('destinationId', i) as string;
  return {
    output: 0,
    json: { ...json, outlook: { movedTo: destination, newId: await outlook.moveMessage(client, mailbox, id, destination) } } as IDataObject,
  };
}
