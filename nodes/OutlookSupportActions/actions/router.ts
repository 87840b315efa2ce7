import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { ledger } from '../../../core';
import { GRAPH_CREDENTIAL, graphConnectionFrom } from '../../shared/graph-connection';
import { optionalLedgerOf } from '../../shared/intake';
import type { OutputLayout } from '../../shared/item-loop';
import { route } from '../../shared/router';
import { operationSelector } from './fields';
import * as listUncategorizedRecent from './list-uncategorized-recent.operation';
import * as moveMessage from './move-message.operation';
import * as replyInThread from './reply-in-thread.operation';
import * as sendEmail from './send-email.operation';
import * as setCategory from './set-category.operation';

/** Done, and Failed: a failed reply or category leaves the mail for the next sweep, never a second path. */
const LAYOUT: OutputLayout = { outputs: 2, failedOutput: 1 };

export type OutlookSetup = ReturnType<typeof graphConnectionFrom> & {
  categoriesReady?: boolean;
  /** The intake journal: each reply, notification and category once per mail. */
  store: ledger.Ledger | null;
};

const operations = { replyInThread, setCategory, moveMessage, sendEmail, listUncategorizedRecent };

export const properties: INodeProperties[] = [operationSelector, ...Object.values(operations).flatMap((op) => op.description)];

async function connectionOf(ctx: IExecuteFunctions): Promise<OutlookSetup> {
  return { ...graphConnectionFrom(await ctx.getCredentials(GRAPH_CREDENTIAL)), store: await optionalLedgerOf(ctx) };
}

export function router(ctx: IExecuteFunctions): Promise<INodeExecutionData[][]> {
  return route(ctx, { layout: LAYOUT, setup: connectionOf, operations });
}
