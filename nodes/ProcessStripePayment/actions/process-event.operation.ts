import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { payments } from '../../../core';
import type { PaymentsSetup } from '../../shared/stripe-connection';
import { properties } from './process-event.fields';

export const OUTPUTS = ['Paid', 'Expired', 'Refunded', 'Ignored'] as const;
const OUTPUT_OF: Record<string, number> = { paid: 0, expired: 1, refunded: 2, pending: 3, ignored: 3 };

export const description = properties;

/** The event of item i: an n8n Stripe Trigger event (re-fetched by the core), or a raw signed webhook. */
async function outcomeOf(ctx: IExecuteFunctions, i: number, { deps, webhookSecret }: PaymentsSetup): Promise<payments.PaymentEventOutcome> {
  if (ctx.getNodeParameter('mode', i) !== 'rawWebhook') return payments.processStripeEvent(deps, ctx.getInputData()[i].json);
  const property = String(ctx.getNodeParameter('binaryProperty', i, 'data'));
  if (!ctx.getInputData()[i].binary?.[property]) {
    throw new payments.PaymentError(
      'invalid_event',
      `No binary property "${property}" with the raw body: turn on the Webhook node's "Raw Body" option, or set Raw Body Binary Property.`,
      'binaryProperty',
    );
  }
  const body = await ctx.helpers.getBinaryDataBuffer(i, property);
  const signature = String(ctx.getNodeParameter('signature', i, '') ?? '') || undefined;
  return payments.processSignedStripeWebhook(
    deps,
    body,
    signature,
    webhookSecret,
    Number(ctx.getNodeParameter('toleranceSeconds', i, 300)),
  );
}

export async function execute(ctx: IExecuteFunctions, i: number, setup: PaymentsSetup) {
  const outcome = await outcomeOf(ctx, i, setup);
  const output = OUTPUT_OF[outcome.kind] ?? 3;
  if (outcome.kind === 'paid') return { output, json: (await payments.paidOutcomeReplies(setup.store, outcome)) as unknown as IDataObject };
  if (outcome.kind === 'pending')
    return {
      output,
      json: {
        ...outcome,
        kind: 'ignored',
        reason: `payment ${outcome.paymentStatus}: waiting for checkout.session.async_payment_succeeded`,
      },
    };
  return { output, json: outcome as unknown as IDataObject };
}
