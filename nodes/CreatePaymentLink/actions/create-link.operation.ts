import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { payments, tickets } from '../../../core';
import { intakeOf } from '../../shared/intake';
import { isObject } from '../../shared/is-object';
import { textParam } from '../../shared/params';
import type { PaymentsSetup } from '../../shared/stripe-connection';
import { properties } from './create-link.fields';

export const description = properties;

/** One input item → its payment link and the reply that carries it (core/payments decides both). */
export async function execute(ctx: IExecuteFunctions, i: number, { store, deps }: PaymentsSetup) {
  const item = ctx.getInputData()[i].json;
  const ticket = isObject(item.ticket) ? item.ticket : null;
  const topUp = ctx.getNodeParameter('purpose', i, 'request') === 'topUp';
  const low = isObject(item.lowBalance) ? item.lowBalance : null;
  const result = await payments.paymentLinkForRequest(store, deps, {
    project: textParam(ctx, 'project', i),
    accountId: textParam(ctx, 'accountId', i),
    ticketId: topUp ? null : textParam(ctx, 'ticketId', i) || null,
    purpose: topUp ? 'topUp' : 'request',
    balance: typeof low?.balance === 'number' ? low.balance : undefined,
    customerEmail: textParam(ctx, 'customerEmail', i) || null,
    language: ctx.getNodeParameter('language', i, 'auto') as string,
    credits: Number(ctx.getNodeParameter('credits', i, 1)),
    mail: isObject(item.email) ? (item.email as payments.RequestMail) : null,
    ticketNumber: typeof ticket?.number === 'number' ? ticket.number : null,
    actor: 'n8n:createPaymentLink',
    intake: intakeOf(item),
  });
  const intake = intakeOf(item);
  if (intake && !topUp)
    await tickets.decideIntake(store, intake.entryId, { route: 'no_credit', ticketId: textParam(ctx, 'ticketId', i) || null });
  return { output: 0, json: { ...item, ...result } as unknown as IDataObject };
}
