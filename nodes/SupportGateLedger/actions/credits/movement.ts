/** Grant and Revoke: the same fields, the same idempotency rule, opposite directions. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { staff, type ledger } from '../../../../core';
import { textParam } from '../../../shared/params';
import { actorField, actorOf, done, noteField, projectField, senderField, senderRef, shownAt } from '../fields';

export const movementFields = (operation: 'grant' | 'revoke'): INodeProperties[] => {
  const at = { resource: 'credits', operation };
  return [
    projectField(at),
    senderField(at),
    {
      displayName: 'Credits',
      name: 'credits',
      type: 'number',
      required: true,
      default: 1,
      description: 'A positive whole number',
      displayOptions: shownAt(at),
    },
    noteField(at),
    {
      displayName: 'Idempotency Key',
      name: 'idempotencyKey',
      type: 'string',
      default: '',
      displayOptions: shownAt(at),
      description:
        'Same key, same result: a retry with the same key never moves credits twice. Empty: a new movement per execution (the key is the execution ID and item index), so running the workflow again moves credits again.',
    },
    actorField(at),
  ];
};

export async function moveCredits(ctx: IExecuteFunctions, i: number, store: ledger.Ledger, kind: 'grant' | 'revoke') {
  const key = textParam(ctx, 'idempotencyKey', i) || `n8n:${ctx.getExecutionId()}:${ctx.getNode().name}:${kind}:${i}`;
  return done(
    await staff.moveCredits(store, kind, {
      ...senderRef(ctx, i),
      credits: ctx.getNodeParameter('credits', i) as number,
      idempotencyKey: key,
      actor: actorOf(ctx, i),
      note: textParam(ctx, 'note', i),
    }),
  );
}
