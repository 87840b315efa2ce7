import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { imap } from '../../../core';
import { onlyFor } from '../../shared/router';
import type { ImapSetup } from './router';
import { emailField, locate, mailboxOf, optionsOf } from './fields';

export const description: INodeProperties[] = onlyFor('clearMarks', [emailField]);

export async function execute(ctx: IExecuteFunctions, i: number, { session }: ImapSetup) {
  const json = ctx.getInputData()[i].json;
  const cleared = await imap.clearMarks(session.imap, await locate(ctx, session, json, i), mailboxOf(optionsOf(ctx, i)));
  return { output: 0, json: { ...json, imapMark: { cleared: true, ...cleared } } as IDataObject };
}
