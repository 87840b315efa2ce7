import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { tickets } from '../../core';
import { supportEmailOf, ticketJson } from '../shared/gate-json';
import { FAILED_OUTPUT, forEachItemOnLedger, type OutputLayout } from '../shared/item-loop';
import { LEDGER_CREDENTIAL } from '../shared/ledger-connection';
import { ticketOpenedReply } from './ticket-reply';
import { isObject } from '../shared/is-object';


/** The id of json[field] ({id} from Check Sender Credits, or a plain id string). */
function idOf(json: IDataObject, field: 'project' | 'account'): string {
  const v = json[field];
  const id = isObject(v) ? v.id : v;
  if (typeof id !== 'string' || !id) {
    throw Object.assign(new Error(`The item has no ${field}: connect this node to the "Has credit" output of Check Sender Credits (it sets ${field}.id).`), { code: 'invalid_argument', field });
  }
  return id;
}

/** A classification from Classify Support Email ({classification: {...}}), if the item carries one. */
function classificationOf(json: IDataObject): tickets.RequestClassification | null {
  const c = json.classification;
  if (!isObject(c)) return null;
  const text = (v: unknown) => (typeof v === 'string' && v ? v : null);
  return { category: text(c.category), urgency: text(c.urgency), summary: text(c.summary) };
}

const OUTPUT_OF: Record<tickets.DebitDecision['route'], number> = { debited: 0, no_credit: 1, needs_confirmation: 2 };
/** Debited, No credit, Needs confirmation, and Failed: a failed item never reaches a reply or a payment link. */
const LAYOUT: OutputLayout = { outputs: 4, failedOutput: 3 };

/** The gate's verdict on the mail (Check Sender Credits' authenticity.verdict); without one the core checks the mail itself. */
function verdictOf(json: IDataObject): 'authentic' | 'unverified' | 'spoofed' | undefined {
  const a = json.authenticity;
  const v = isObject(a) ? a.verdict : undefined;
  return v === 'authentic' || v === 'spoofed' || v === 'unverified' ? v : undefined;
}

/** One credit per request: opens ticket [SG-n] and debits, idempotently per project and Message-ID. */
// Moves money or sends mail: never an AI agent's tool (a client's mail could steer its arguments).
// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool
export class DebitCredit implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Debit Credit',
    name: 'debitCredit',
    icon: { light: 'file:debit-credit.svg', dark: 'file:debit-credit.dark.svg' },
    group: ['transform'],
    version: 1,
    subtitle: 'one credit per request',
    description: 'Open a ticket and debit one credit (never twice for one email; duplicates join the open ticket; an unauthenticated sender confirms first)',
    // An http(s) URL is opened as it is; a codex link gets n8n's tracking query appended after the #.
    documentationUrl: 'https://github.com/supportgate/n8n-nodes-supportgate#the-ledger',
    defaults: { name: 'Debit Credit' },
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main],
    outputNames: ['Debited', 'No credit', 'Needs confirmation', FAILED_OUTPUT],
    credentials: [{ name: LEDGER_CREDENTIAL, required: true }],
    properties: [
      { displayName: 'Ticket Tag Format', name: 'tagFormat', type: 'string', default: '', placeholder: '[SG-{{number}}]', description: 'Overrides the project setting ticketTagFormat; must contain {{number}}, e.g. [{{number}}]' },
      { displayName: 'Duplicate Window (Hours)', name: 'duplicateWindowHours', type: 'number', default: 24, typeOptions: { minValue: 0 }, description: 'The same problem from the same account within this time joins the open ticket instead of being charged again. 0 turns it off.' },
      {
        displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {},
        options: [
          { displayName: 'Body Similarity Threshold', name: 'similarityThreshold', type: 'number', default: 0.8, typeOptions: { minValue: 0.01, maxValue: 1, numberPrecision: 2 }, description: 'Jaccard similarity of word 3-shingles of the cleaned bodies from which two emails are the same problem' },
          { displayName: 'Hold Ticket Without Credit', name: 'holdWhenNoCredit', type: 'boolean', default: true, description: 'Whether to open the ticket as waiting_payment when the credit ran out (a payment then releases it)' },
          { displayName: 'Actor', name: 'actor', type: 'string', default: 'supportgate', description: 'Who is recorded in the journal and the ticket history' },
        ],
      },
    ],
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    return forEachItemOnLedger(this, LAYOUT, async (ledger, i) => {
      const json = this.getInputData()[i].json;
      if (!isObject(json.email)) {
        throw new NodeOperationError(this.getNode(), 'The item has no email', { itemIndex: i, description: 'Field: email. Connect this node to the "Has credit" output of Check Sender Credits (or Classify Support Email after it).' });
      }
      const email = await supportEmailOf(json);
      const options = this.getNodeParameter('options', i, {}) as { similarityThreshold?: number; holdWhenNoCredit?: boolean; actor?: string };
      const tagFormat = (this.getNodeParameter('tagFormat', i, '') as string).trim() || null;
      const r = await tickets.debitForRequest(ledger, email, {
        project: idOf(json, 'project'), account: idOf(json, 'account'), classification: classificationOf(json), tagFormat, authenticity: verdictOf(json),
        duplicateWindowHours: this.getNodeParameter('duplicateWindowHours', i, 24) as number, ...options,
      });
      const format = r.tag && r.ticket ? r.tag.replace(String(r.ticket.number), '{{number}}') : '';
      const out: IDataObject = {
        ...json,
        route: r.route,
        outcome: r.outcome,
        charged: r.charged,
        balance: r.balance,
        ticket: r.ticket ? (ticketJson(r.ticket, format) as unknown as IDataObject) : null,
        replySubject: r.replySubject,
        ...(r.duplicateOf ? { duplicateOf: r.duplicateOf as unknown as IDataObject } : {}),
        // The "ticket opened" (or "already have your request") reply, sent once: only on the first delivery.
        ...ticketOpenedReply(r.route !== 'no_credit' ? await ledger.getProject(idOf(json, 'project')) : null, email, r),
        ...(r.unverifiedSender ? { flagged: true } : {}),
      };
      if (isObject(json.account)) out.account = { ...json.account, balance: r.balance };
      return { output: OUTPUT_OF[r.route], json: out };
    });
  }
}
