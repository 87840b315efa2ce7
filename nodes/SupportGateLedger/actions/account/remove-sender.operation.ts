import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { staff, type ledger } from '../../../../core';
import { textParam } from '../../../shared/params';
import { done, projectField, senderField } from '../fields';

const at = { resource: 'account', operation: 'removeSender' };
export const description: INodeProperties[] = [
  projectField(at),
  { ...senderField(at), description: 'No longer recognised as the client; its journal and tickets stay' },
];

export async function execute(ctx: IExecuteFunctions, i: number, store: ledger.Ledger) {
  const r = await staff.removeSender(store, { project: textParam(ctx, 'project', i), address: textParam(ctx, 'sender', i) });
  return done({ ...r, sender: textParam(ctx, 'sender', i) });
}
