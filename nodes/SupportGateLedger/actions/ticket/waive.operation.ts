import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { staff, type ledger } from '../../../../core';
import { textParam } from '../../../shared/params';
import { actorField, actorOf, done, noteField, projectField, ticketNumberField, ticketRef } from '../fields';

const at = { resource: 'ticket', operation: 'waive' };
export const description: INodeProperties[] = [projectField(at), ticketNumberField(at), noteField(at), actorField(at)];

// Keyed per ticket by the ledger: running it again (or a retry) gives nothing back twice.
export async function execute(ctx: IExecuteFunctions, i: number, store: ledger.Ledger) {
  return done(await staff.waiveTicket(store, { ...ticketRef(ctx, i), actor: actorOf(ctx, i), note: textParam(ctx, 'note', i) }));
}
