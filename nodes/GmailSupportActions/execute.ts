import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { gmail, type email } from '../../core';
import { failEveryItem, forEachItem, unknownOperation, type OutputLayout } from '../shared/item-loop';
import { GMAIL_CREDENTIAL } from './description';
import { n8nAuthorizedFetch } from '../shared/n8n-fetch';
import { sendEmail } from './send-email';

interface GmailOAuth2Data {
  oauthTokenData?: { access_token?: string; refresh_token?: string };
}

interface ReplyJson {
  /** The one recipient, when the reply names it (a confirmation goes to the registered address, never to Reply-To). */
  onlyTo?: string;
  subject?: string;
  text?: string;
  html?: string;
  headers?: Record<string, string>;
}

/** A field by dotted path ("email", "gate.email"). */
function field(json: IDataObject, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), json);
}

function fieldObject<T>(json: IDataObject, path: string, what: string): T {
  const v = field(json, path);
  if (!v || typeof v !== 'object') throw new gmail.GmailError('gmail_invalid_input', `The item has no "${path}" object: connect a node that outputs ${what}, or set the field name.`, { field: path });
  return v as T;
}

/** The client for this run: one per execution so label ids are looked up once. */
async function clientFor(ctx: IExecuteFunctions): Promise<gmail.GmailClient> {
  const token = (await ctx.getCredentials<GmailOAuth2Data>(GMAIL_CREDENTIAL)).oauthTokenData;
  if (!token?.access_token) {
    throw new NodeOperationError(ctx.getNode(), 'The Gmail credential is not connected', { description: 'Field: credentials. Open the Gmail OAuth2 credential and click "Sign in with Google".' });
  }
  // Google access tokens last an hour; without a refresh token n8n cannot renew them.
  if (!token.refresh_token) {
    throw new NodeOperationError(ctx.getNode(), 'The Gmail credential has no refresh token: reconnect the Gmail credential', {
      description: 'Field: credentials. Open the Gmail OAuth2 credential and click "Sign in with Google" again, so that Google grants offline access (a refresh token).',
    });
  }
  const options = ctx.getNodeParameter('options', 0, {}) as { apiRootUrl?: string };
  const rootUrl = (options.apiRootUrl ?? '').trim() || undefined;
  // Against a local test server there is nothing to retry; against Google, 429/5xx are retried.
  return gmail.createGmailClient({ authorizedFetch: n8nAuthorizedFetch(ctx, GMAIL_CREDENTIAL) }, { rootUrl, retry: rootUrl ? false : true });
}

async function replyInThread(ctx: IExecuteFunctions, client: gmail.GmailClient, json: IDataObject, i: number): Promise<IDataObject> {
  const emailPath = ctx.getNodeParameter('emailField', i, 'email') as string;
  const replyPath = ctx.getNodeParameter('replyField', i, 'reply') as string;
  const mail = fieldObject<email.SupportEmail>(json, emailPath, 'a SupportEmail (Check Sender Credits)');
  const reply = fieldObject<ReplyJson>(json, replyPath, 'a reply {subject, text, html, headers}');
  if (!mail.threadId) {
    throw new gmail.GmailError('gmail_invalid_input', `${emailPath}.threadId is missing: the mail did not come from Gmail (Gmail Trigger or this node's List Unlabeled Recent).`, { field: `${emailPath}.threadId` });
  }
  const headers = reply.headers ?? {};
  const to = reply.onlyTo ? [{ address: reply.onlyTo, name: '' }] : mail.replyTo?.length ? mail.replyTo : mail.from ? [mail.from] : [];
  const sent = await gmail.sendThreadReply(client, {
    threadId: mail.threadId,
    to: to.map((a) => (a.name ? `"${a.name.replace(/["\\]/g, '')}" <${a.address}>` : a.address)),
    subject: reply.subject ?? '',
    text: reply.text ?? '',
    html: reply.html,
    inReplyTo: headers['In-Reply-To'] ?? mail.messageId,
    references: headers.References ?? [...(mail.references ?? []), mail.messageId],
    headers,
  });
  return { ...json, gmailReply: { id: sent.id, threadId: sent.threadId } };
}

async function labelMessage(ctx: IExecuteFunctions, client: gmail.GmailClient, json: IDataObject, i: number): Promise<IDataObject> {
  const names = (ctx.getNodeParameter('labels', i, '') as string).split(',').map((s) => s.trim()).filter(Boolean);
  if (!names.length) throw new gmail.GmailError('gmail_invalid_input', 'No label names: give at least one, e.g. "SupportGate/Paid".', { field: 'labels' });
  let messageId = (ctx.getNodeParameter('messageId', i, '') as string).trim();
  if (!messageId) {
    const emailPath = ctx.getNodeParameter('emailField', i, 'email') as string;
    messageId = String(field(json, `${emailPath}.providerId`) ?? '');
    if (!messageId) throw new gmail.GmailError('gmail_invalid_input', `No message to label: ${emailPath}.providerId is empty; set Message ID.`, { field: 'messageId' });
  }
  const removeNames = (ctx.getNodeParameter('labelsToRemove', i, '') as string).split(',').map((s) => s.trim()).filter(Boolean).filter((n) => !names.includes(n));
  // Only labels that exist can be on the message: never create a label just to remove it.
  if (removeNames.some((n) => !client.labelIds.has(n))) await gmail.listLabels(client);
  const removed = removeNames.filter((n) => client.labelIds.has(n));
  const labelIds = await gmail.applyLabels(client, messageId, names, removed.map((n) => client.labelIds.get(n) as string));
  return { ...json, gmailLabels: { messageId, added: names, removed, labelIds } };
}

async function listUnlabeled(ctx: IExecuteFunctions, client: gmail.GmailClient): Promise<INodeExecutionData[]> {
  const result = await gmail.listUnlabeledRecent(client, {
    newerThanDays: ctx.getNodeParameter('newerThanDays', 0, 1) as number,
    excludeLabelPrefix: ctx.getNodeParameter('labelPrefix', 0, 'SupportGate/') as string,
    maxMessages: ctx.getNodeParameter('maxMessages', 0, 200) as number,
  });
  // Items in Gmail's format=raw shape: Check Sender Credits normalizes them like a trigger's.
  return result.messages.map((m) => ({ json: { ...m } as unknown as IDataObject, pairedItem: { item: 0 } }));
}

/** Done, and Failed: a failed reply or label leaves the mail unlabelled for the next sweep. */
export const LAYOUT: OutputLayout = { outputs: 2, failedOutput: 1 };

type ItemOperation = (ctx: IExecuteFunctions, client: gmail.GmailClient, json: IDataObject, i: number) => Promise<IDataObject>;
const ITEM_OPERATIONS: Record<string, ItemOperation> = { replyInThread, sendEmail, labelMessage };
const OPERATIONS = [...Object.keys(ITEM_OPERATIONS), 'listUnlabeledRecent'];

export async function executeGmailActions(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
  const operation = this.getNodeParameter('operation', 0) as string;
  if (!OPERATIONS.includes(operation)) throw unknownOperation(this, operation, OPERATIONS);
  let client: gmail.GmailClient;
  try {
    client = await clientFor(this);
    // The sweep runs once per execution, whatever triggered it (Schedule gives one item).
    if (operation === 'listUnlabeledRecent') return [await listUnlabeled(this, client), []];
  } catch (err) {
    return failEveryItem(this, LAYOUT, err);
  }
  const run = ITEM_OPERATIONS[operation];
  return forEachItem(this, LAYOUT, async (i) => ({ output: 0, json: await run(this, client, this.getInputData()[i].json, i) }));
}
