import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { imap } from '../../../core';
import { onlyFor } from '../../shared/router';
import type { ImapSetup } from './router';
import { emailField, invalid, locate } from './fields';

export const description: INodeProperties[] = onlyFor('moveMessage', [
  emailField,
  {
    displayName: 'Destination Folder',
    name: 'destination',
    type: 'string',
    default: 'Archive',
    description: 'Folder path as the server names it (e.g. Archive, INBOX.Archive)',
  },
]);

export async function execute(ctx: IExecuteFunctions, i: number, { session }: ImapSetup) {
  const json = ctx.getInputData()[i].json;
  const destination = (ctx.getNodeParameter('destination', i, '') as string).trim();
  if (!destination) throw invalid('Destination Folder is empty.', 'destination');
  return {
    output: 0,
    json: {
      ...json,
      imapMove: { ...(await imap.moveMessage(session.imap, await locate(ctx, session, json, i), destination)) },
    } as IDataObject,
  };
}
