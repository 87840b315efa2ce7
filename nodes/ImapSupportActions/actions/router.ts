import type { ICredentialDataDecryptedObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { imap, type ledger } from '../../../core';
import { optionalLedgerOf } from '../../shared/intake';
import type { OutputLayout } from '../../shared/item-loop';
import { route } from '../../shared/router';
import * as clearMarks from './clear-marks.operation';
import { IMAP_CREDENTIAL, operationSelector, optionsField } from './fields';
import * as listUnmarkedRecent from './list-unmarked-recent.operation';
import * as moveMessage from './move-message.operation';
import * as replyInThread from './reply-in-thread.operation';
import * as sendEmail from './send-email.operation';
import * as setMark from './set-mark.operation';

/** Done, and Failed: a failed reply or keyword leaves the mail unmarked for the next sweep. */
const LAYOUT: OutputLayout = { outputs: 2, failedOutput: 1 };

const operations = { replyInThread, setMark, clearMarks, moveMessage, sendEmail, listUnmarkedRecent };

export const properties: INodeProperties[] = [
  operationSelector,
  ...Object.values(operations).flatMap((op) => op.description),
  optionsField,
];

export interface ImapSetup {
  session: imap.MailSession;
  /** The intake journal: each reply, notification and keyword once per mail. */
  store: ledger.Ledger | null;
}

async function sessionOf(ctx: IExecuteFunctions): Promise<ImapSetup> {
  const store = await optionalLedgerOf(ctx);
  return {
    session: await imap.openSession(imap.imapSmtpConfigFrom(await ctx.getCredentials<ICredentialDataDecryptedObject>(IMAP_CREDENTIAL))),
    store,
  };
}

export function router(ctx: IExecuteFunctions): Promise<INodeExecutionData[][]> {
  return route(ctx, { layout: LAYOUT, setup: sessionOf, teardown: ({ session }) => imap.closeSession(session), operations });
}
