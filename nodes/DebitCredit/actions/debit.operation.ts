import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { tickets, type ledger } from '../../../core';
import { supportEmailOf, ticketJson } from '../../shared/gate-json';
import { intakeOf } from '../../shared/intake';
import { isObject } from '../../shared/is-object';
import { classificationOf, idOf, verdictOf } from './gate-item';

const OUTPUT_OF: Record<tickets.DebitDecision['route'], number> = { debited: 0, no_credit: 1, needs_confirmation: 2 };

export const description: INodeProperties[] = [
  {
    displayName: 'Ticket Tag Format',
    name: 'tagFormat',
    type: 'string',
    default: '',
    placeholder: '[SG-{{number}}]',
    description: 'Overrides the project setting ticketTagFormat; must contain {{number}}, e.g. [{{number}}]',
  },
  {
    displayName: 'Duplicate Window (Hours)',
    name: 'duplicateWindowHours',
    type: 'number',
    default: 24,
    typeOptions: { minValue: 0 },
    description:
      'The same problem from the same account within this time joins the open ticket instead of being charged again. 0 turns it off.',
  },
  {
    displayName: 'Options',
    name: 'options',
    type: 'collection',
    placeholder: 'Add Option',
    default: {},
    options: [
      {
        displayName: 'Body Similarity Threshold',
        name: 'similarityThreshold',
        type: 'number',
        default: 0.8,
        typeOptions: { minValue: 0.01, maxValue: 1, numberPrecision: 2 },
        description: 'Jaccard similarity of word 3-shingles of the cleaned bodies from which two emails are the same problem',
      },
      {
        displayName: 'Hold Ticket Without Credit',
        name: 'holdWhenNoCredit',
        type: 'boolean',
        default: true,
        description: 'Whether to open the ticket as waiting_payment when the credit ran out (a payment then releases it)',
      },
      {
        displayName: 'Actor',
        name: 'actor',
        type: 'string',
        default: 'supportgate',
        description: 'Who is recorded in the journal and the ticket history',
      },
    ],
  },
];

/** One credit per request (core/tickets decides); the reply of its first delivery rides along. */
export async function execute(ctx: IExecuteFunctions, i: number, store: ledger.Ledger) {
  const json = ctx.getInputData()[i].json;
  if (!isObject(json.email)) {
    throw new NodeOperationError(ctx.getNode(), 'The item has no email', {
      itemIndex: i,
      description:
        'Field: email. Connect this node to the "Has credit" output of Check Sender Credits (or Classify Support Email after it).',
    });
  }
  const email = await supportEmailOf(json);
  const options = ctx.getNodeParameter('options', i, {}) as { similarityThreshold?: number; holdWhenNoCredit?: boolean; actor?: string };
  const tagFormat = (ctx.getNodeParameter('tagFormat', i, '') as string).trim() || null;
  const r = await tickets.debitForRequest(store, email, {
    project: idOf(json, 'project'),
    account: idOf(json, 'account'),
    classification: classificationOf(json),
    tagFormat,
    authenticity: verdictOf(json),
    duplicateWindowHours: ctx.getNodeParameter('duplicateWindowHours', i, 24) as number,
    ...options,
  });
  const intake = intakeOf(json);
  if (intake) await tickets.decideIntake(store, intake.entryId, { route: r.route, ticketId: r.ticket?.id ?? null });
  // A mail seen before whose earlier run never claimed its reply (n8n lost it) is answered now.
  // A reply another run is sending right now is composed too: the mailbox node waits for that run,
  // and sends it only if the other run's send failed and gave the claim back.
  const answerAgain = Boolean(intake && (!intake.replied || intake.replyPending));
  const out: IDataObject = {
    ...json,
    route: r.route,
    outcome: r.outcome,
    charged: r.charged,
    balance: r.balance,
    ticket: r.ticket ? (ticketJson(r.ticket, r.tag ?? '') as unknown as IDataObject) : null,
    replySubject: r.replySubject,
    ...(r.duplicateOf ? { duplicateOf: r.duplicateOf as unknown as IDataObject } : {}),
    // The "ticket opened" (or "already have your request") reply, sent once: only on the first delivery.
    ...(tickets.ticketOpenedReply(r.route !== 'no_credit' ? await store.getProject(idOf(json, 'project')) : null, email, r, {
      answerAgain,
    }) as IDataObject),
    ...(r.unverifiedSender ? { flagged: true } : {}),
  };
  if (isObject(json.account)) out.account = { ...json.account, balance: r.balance };
  // Only the debit that crosses the project's threshold warns (once per crossing).
  const project = r.charged ? await store.getProject(idOf(json, 'project')) : null;
  const lowBalance = project ? tickets.lowBalanceAfterDebit(project, r.balance, 1) : null;
  out.lowBalance = lowBalance ? { ...lowBalance } : null;
  return { output: OUTPUT_OF[r.route], json: out };
}
