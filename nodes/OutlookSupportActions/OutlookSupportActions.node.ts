import type { Client } from '@microsoft/microsoft-graph-client';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import * as outlook from '../../graph-connector';
import { FAILED_OUTPUT, failEveryItem, forEachItem, unknownOperation, type OutputLayout } from '../shared/item-loop';
import { GRAPH_CREDENTIAL, graphConnectionFrom } from '../shared/graph-connection';
import { isObject } from '../shared/is-object';

const { ensureCategories, moveMessage, replyInThread, sendMail, setCategory, SUPPORTGATE_CATEGORIES, GraphConnectorError, wrapGraphError, userPath } = outlook;
type SupportGateCategory = outlook.SupportGateCategory;


/** A domain error naming the field; toNodeError turns it into the item's NodeOperationError. */
const configInvalid = (message: string, field: string) => new GraphConnectorError('CONFIG_INVALID', message, field);

/** The Graph message id of an item: graph.id from Outlook Support Trigger, else the SupportEmail's providerId. */
function messageIdOf(json: IDataObject, emailField: string, explicit: string): string {
  const email = json[emailField];
  const graph = json.graph;
  const id = explicit || (isObject(graph) && typeof graph.id === 'string' ? graph.id : '') || (isObject(email) && typeof email.providerId === 'string' ? email.providerId : '');
  if (!id) throw configInvalid(`No Graph message ID: the item has neither graph.id nor ${emailField}.providerId. Pass the Outlook Support Trigger's item (or set Message ID).`, 'messageId');
  return id;
}

/**
 * The message's categories as Graph holds them now: the item's copy is absent after Check Sender
 * Credits and may be stale, and the PATCH replaces the whole list, so read it just before.
 */
async function currentCategories(client: Client, mailbox: string, id: string): Promise<string[]> {
  try {
    const message = (await client.api(`${userPath(mailbox)}/messages/${encodeURIComponent(id)}`).select('categories').get()) as { categories?: string[] };
    return message.categories ?? [];
  } catch (err) {
    throw wrapGraphError('ACTION_FAILED', 'Reading the message categories', err);
  }
}

const show = (...operation: string[]) => ({ show: { operation } });

const OPERATIONS = ['replyInThread', 'setCategory', 'moveMessage', 'sendEmail'];
/** Done, and Failed: a failed reply or category leaves the mail for the next sweep, never a second path. */
const LAYOUT: OutputLayout = { outputs: 2, failedOutput: 1 };

/** Acts on Outlook mail through Microsoft Graph (app-only): threaded reply, SupportGate category, move, send. */
// Moves money or sends mail: never an AI agent's tool (a client's mail could steer its arguments).
// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool
export class OutlookSupportActions implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Outlook Support Actions',
    name: 'outlookSupportActions',
    icon: { light: 'file:outlook-support-actions.svg', dark: 'file:outlook-support-actions.dark.svg' },
    group: ['output'],
    version: 1,
    subtitle: '={{ {"replyInThread": "reply in the client thread", "setCategory": "set the SupportGate category", "moveMessage": "move the message", "sendEmail": "send an email"}[$parameter["operation"]] }}',
    description: 'Reply in the thread with the ticket tag, set a SupportGate category, move or send mail in an Outlook support mailbox',
    // An http(s) URL is opened as it is; a codex link gets n8n's tracking query appended after the #.
    documentationUrl: 'https://github.com/supportgate/n8n-nodes-supportgate#outlook-microsoft-graph',
    defaults: { name: 'Outlook Support Actions' },
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
    outputNames: ['Done', FAILED_OUTPUT],
    credentials: [{ name: GRAPH_CREDENTIAL, required: true }],
    properties: [
      {
        displayName: 'Operation', name: 'operation', type: 'options', noDataExpression: true, default: 'replyInThread',
        options: [
          { name: 'Reply in Thread', value: 'replyInThread', action: 'Reply in the client thread', description: 'Reply to the message (Graph createReply keeps the thread), with the item reply HTML and the ticket tag in the subject' },
          { name: 'Set Category', value: 'setCategory', action: 'Set a support gate category', description: 'Put one SupportGate category on the message (creating the master categories when missing), keeping its other categories' },
          { name: 'Move Message', value: 'moveMessage', action: 'Move a message', description: 'Move the message to a folder (its Graph ID changes)' },
          { name: 'Send Email', value: 'sendEmail', action: 'Send an email', description: 'Send a new message from the mailbox, e.g. a staff notification' },
        ],
      },
      { displayName: 'Email Field', name: 'emailField', type: 'string', default: 'email', description: 'Item field holding the SupportEmail', displayOptions: show('replyInThread', 'setCategory', 'moveMessage') },
      { displayName: 'Message ID', name: 'messageId', type: 'string', default: '', description: 'Graph message ID; empty uses the trigger item graph ID, else the SupportEmail provider ID', displayOptions: show('replyInThread', 'setCategory', 'moveMessage') },
      { displayName: 'Reply Field', name: 'replyField', type: 'string', default: 'reply', description: 'Item field holding the reply {subject, text, html} (as the reply templates compose it)', displayOptions: show('replyInThread') },
      { displayName: 'Subject Tag', name: 'subjectTag', type: 'string', default: '={{ $json.ticket ? $json.ticket.tag : "" }}', description: 'Added to the reply subject once, e.g. [SG-12]', displayOptions: show('replyInThread') },
      {
        displayName: 'Category', name: 'category', type: 'options', default: 'paid', displayOptions: show('setCategory'),
        options: (Object.entries(SUPPORTGATE_CATEGORIES) as Array<[SupportGateCategory, { displayName: string }]>).map(([value, c]) => ({ name: c.displayName, value })),
      },
      { displayName: 'Destination Folder', name: 'destinationId', type: 'string', default: 'archive', description: 'Folder ID or well-known name (archive, deleteditems, junkemail…)', displayOptions: show('moveMessage') },
      { displayName: 'To', name: 'sendTo', type: 'string', default: '', required: true, placeholder: 'support-team@agency.example', description: 'Comma-separated recipient addresses', displayOptions: show('sendEmail') },
      { displayName: 'Subject', name: 'subject', type: 'string', default: '', required: true, displayOptions: show('sendEmail') },
      { displayName: 'Message', name: 'message', type: 'string', typeOptions: { rows: 5 }, default: '', required: true, description: 'Plain-text body', displayOptions: show('sendEmail') },
    ],
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    let connection;
    try {
      connection = graphConnectionFrom(await this.getCredentials(GRAPH_CREDENTIAL));
    } catch (err) {
      return failEveryItem(this, LAYOUT, err);
    }
    const { client, mailbox } = connection;
    let categoriesReady = false;
    return forEachItem(this, LAYOUT, async (i) => {
      const json = this.getInputData()[i].json;
      const operation = this.getNodeParameter('operation', i) as string;
      if (!OPERATIONS.includes(operation)) throw unknownOperation(this, operation, OPERATIONS, i);
      let result: IDataObject;
      if (operation === 'sendEmail') {
        const to = (this.getNodeParameter('sendTo', i) as string).split(',').map((s) => s.trim()).filter(Boolean);
        const text = this.getNodeParameter('message', i) as string;
        const html = text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] as string).replace(/\n/g, '<br>');
        await sendMail(client, mailbox, { to, subject: this.getNodeParameter('subject', i) as string, html });
        result = { sent: true, to };
      } else {
        const emailField = this.getNodeParameter('emailField', i, 'email') as string;
        const id = messageIdOf(json, emailField, (this.getNodeParameter('messageId', i, '') as string).trim());
        if (operation === 'replyInThread') {
          const replyField = this.getNodeParameter('replyField', i, 'reply') as string;
          const reply = json[replyField];
          const html = isObject(reply) ? (typeof reply.html === 'string' ? reply.html : typeof reply.text === 'string' ? reply.text.replace(/\n/g, '<br>') : '') : '';
          if (!html) throw configInvalid(`The item's "${replyField}" has no html or text: pass the output of Debit Credit / Create Payment Link, or set Reply Field.`, replyField);
          // A reply that names its recipient (a confirmation goes to the registered address only) keeps it, and its subject.
          const recipient = isObject(reply) && typeof reply.onlyTo === 'string' && reply.onlyTo ? [reply.onlyTo] : undefined;
          const subject = recipient && isObject(reply) && typeof reply.subject === 'string' ? reply.subject : undefined;
          const draftId = await replyInThread(client, mailbox, id, { html, subjectTag: (this.getNodeParameter('subjectTag', i, '') as string) || undefined, to: recipient, subject });
          result = { replied: true, draftId };
        } else if (operation === 'setCategory') {
          if (!categoriesReady) await ensureCategories(client, mailbox);
          categoriesReady = true;
          const current = await currentCategories(client, mailbox, id);
          result = { categories: await setCategory(client, mailbox, id, this.getNodeParameter('category', i) as SupportGateCategory, current) };
        } else {
          result = { movedTo: this.getNodeParameter('destinationId', i) as string, newId: await moveMessage(client, mailbox, id, this.getNodeParameter('destinationId', i) as string) };
        }
      }
      return { output: 0, json: { ...json, outlook: result } };
    });
  }
}
