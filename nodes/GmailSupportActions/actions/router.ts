import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { OutputLayout } from '../../shared/item-loop';
import { route } from '../../shared/router';
import { gmailSetupOf } from './client';
import { operationSelector, optionsField } from './fields';
import * as labelMessage from './label-message.operation';
import * as listUnlabeledRecent from './list-unlabeled-recent.operation';
import * as replyInThread from './reply-in-thread.operation';
import * as sendEmail from './send-email.operation';

/** Done, and Failed: a failed reply or label leaves the mail unlabelled for the next sweep. */
const LAYOUT: OutputLayout = { outputs: 2, failedOutput: 1 };

const operations = { replyInThread, labelMessage, sendEmail, listUnlabeledRecent };

export const properties: INodeProperties[] = [
  operationSelector,
  ...Object.values(operations).flatMap((op) => op.description),
  optionsField,
];

export function router(ctx: IExecuteFunctions): Promise<INodeExecutionData[][]> {
  return route(ctx, { layout: LAYOUT, setup: gmailSetupOf, operations });
}
