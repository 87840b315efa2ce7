import type {
  IDataObject,
  IHookFunctions,
  INodeExecutionData,
  INodeType,
  INodeTypeDescription,
  IPollFunctions,
  IWebhookFunctions,
  IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { gmail } from '../../core';
import { toNodeError } from '../shared/errors';
import { GMAIL_OAUTH2, gmailClientFor } from '../shared/gmail-connection';
import { exclusive, forget, readData, writeData, type TriggerData } from './state';

type Ctx = IPollFunctions | IWebhookFunctions | IHookFunctions;

interface Options {
  relistMax?: number;
  apiRootUrl?: string;
  certsUrl?: string;
}

/** Test endpoints (a local certificate server) are honoured only in an n8n started for tests. */
const TEST_ENDPOINTS_ENV = 'SUPPORTGATE_TEST_ENDPOINTS';

const options = (ctx: Ctx): Options => ctx.getNodeParameter('options', {}) as Options;
const keyOf = (ctx: Ctx) => `${ctx.getWorkflow().id}:${ctx.getNode().id}`;
const ownAddresses = (ctx: Ctx) =>
  String(ctx.getNodeParameter('ownAddresses', '') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const topicOf = (ctx: Ctx) => String(ctx.getNodeParameter('topicName', '') ?? '').trim();

/** One trigger item per new mail: `email` is what Check Sender Credits and Gmail Support Actions read (providerId, threadId); `gmail` the raw ids. */
const itemOf = (m: gmail.NewMessage): INodeExecutionData => ({ json: { email: m.email, gmail: m.gmail } as unknown as IDataObject });

/**
 * users.watch when the watch is due. A renewal never touches the cursor; the historyId Gmail
 * answers is returned so that a first start can take its cursor from it.
 */
async function renewIfDue(ctx: Ctx, client: gmail.GmailClient, data: TriggerData): Promise<{ data: TriggerData; watchedAt?: string }> {
  const topic = topicOf(ctx);
  if (!gmail.watchDue(data.watch, topic)) return { data };
  const { historyId, ...watch } = await gmail.startWatch(client, topic);
  ctx.logger.info(`Gmail Support Trigger: inbox watch on ${topic} renewed until ${new Date(watch.expiration).toISOString()}`);
  return { data: { ...data, watch }, ...(historyId ? { watchedAt: historyId } : {}) };
}

/**
 * A fresh cursor: the mailbox's history as of the users.watch call just made, when there was
 * one (mail arriving after it is pushed, and the next walk finds it), else as of now.
 */
async function startCursor(client: gmail.GmailClient, history: gmail.HistoryState, watchedAt?: string): Promise<gmail.HistoryState> {
  const started = await gmail.startState(client, history);
  return watchedAt ? { ...started, historyId: watchedAt } : started;
}

/** A walk from the cursor under the node's lock; the state is written only when it succeeded. */
async function walk(ctx: Ctx, renew: boolean): Promise<gmail.NewMessage[]> {
  const key = keyOf(ctx);
  const staticData = ctx.getWorkflowStaticData('node');
  return exclusive(key, async () => {
    let data = readData(staticData, key);
    const client = await gmailClientFor(ctx, options(ctx).apiRootUrl);
    let watchedAt: string | undefined;
    if (renew) {
      try {
        ({ data, watchedAt } = await renewIfDue(ctx, client, data));
      } catch (err) {
        // The walk still runs; the next poll or push tries the renewal again.
        ctx.logger.error(`Gmail Support Trigger: could not renew the inbox watch: ${(err as Error).message}`);
      }
    }
    if (!data.history.historyId) {
      // First start (n8n may run the activation poll before the webhook's create): nothing old is
      // emitted, and the cursor is never later than the watch, or mail in between would be skipped.
      writeData(staticData, key, { ...data, history: await startCursor(client, data.history, watchedAt) });
      return [];
    }
    const result = await gmail.walkHistory(client, data.history, { ownAddresses: ownAddresses(ctx), relistMax: options(ctx).relistMax });
    if (result.via === 'relist') {
      const note = `the history id had expired; re-listed "${result.relist?.query}"`;
      if (result.relist?.truncated)
        ctx.logger.warn(
          `Gmail Support Trigger: ${note}, cut at ${result.relist.max} messages: older mail in that window was not emitted; run Gmail Support Actions → List Unlabeled Recent to sweep it.`,
        );
      else ctx.logger.info(`Gmail Support Trigger: ${note}.`);
    }
    writeData(staticData, key, { ...data, history: result.state });
    return result.messages;
  });
}

/**
 * New client mail in a Gmail inbox, each message once: the cursor is Gmail's historyId, kept in
 * the node's static data. Polling mode asks Gmail every poll; push mode is woken by Gmail's
 * Pub/Sub notifications, and its poll becomes the safety sweep that also renews the watch.
 */
export class GmailSupportTrigger implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Gmail Support Trigger',
    name: 'gmailSupportTrigger',
    icon: { light: 'file:gmail-support-trigger.svg', dark: 'file:gmail-support-trigger.dark.svg' },
    group: ['trigger'],
    version: 1,
    subtitle: '={{$parameter["mode"] === "push" ? "push (Pub/Sub)" : "polling"}}',
    description: 'Starts the workflow for each new client email in a Gmail support inbox (history cursor; polling or Pub/Sub push)',
    // An http(s) URL is opened as it is; a codex link gets n8n's tracking query appended after the #.
    documentationUrl: 'https://github.com/supportgate/n8n-nodes-supportgate#gmail-support-trigger',
    defaults: { name: 'Gmail Support Trigger' },
    inputs: [],
    outputs: [NodeConnectionTypes.Main],
    credentials: [{ name: GMAIL_OAUTH2, required: true }],
    polling: true,
    // Push mode only: in polling mode the path is undefined and n8n registers no webhook, so the
    // node stays a plain poller ("Fetch Test Event" works).
    webhooks: [
      {
        name: 'default',
        httpMethod: 'POST',
        responseMode: 'onReceived',
        path: '={{$parameter["mode"] === "push" ? "gmail-push" : undefined}}',
      },
    ],
    properties: [
      {
        displayName: 'Mode',
        name: 'mode',
        type: 'options',
        noDataExpression: true,
        default: 'polling',
        options: [
          { name: 'Polling', value: 'polling', description: 'Ask Gmail for new mail at each Poll Time (every minute by default)' },
          {
            name: 'Push (Pub/Sub)',
            value: 'push',
            description: 'Gmail notifies a Pub/Sub topic whose push subscription calls this workflow; the poll is a safety sweep',
          },
        ],
      },
      {
        displayName:
          "Push: Gmail publishes to the topic, a push subscription with authentication calls this workflow's production webhook URL (public HTTPS). Set Poll Times to every hour: the poll renews the watch and sweeps what a lost push missed.",
        name: 'pushNotice',
        type: 'notice',
        default: '',
        displayOptions: { show: { mode: ['push'] } },
      },
      {
        displayName: 'Topic Name',
        name: 'topicName',
        type: 'string',
        default: '',
        required: true,
        placeholder: 'projects/my-project/topics/gmail-support',
        description: 'Pub/Sub topic Gmail publishes to; gmail-api-push@system.gserviceaccount.com needs the Pub/Sub Publisher role on it',
        displayOptions: { show: { mode: ['push'] } },
      },
      {
        displayName: 'Push Service Account',
        name: 'pushServiceAccount',
        type: 'string',
        default: '',
        required: true,
        placeholder: 'gmail-push@my-project.iam.gserviceaccount.com',
        description: 'The service account the push subscription authenticates as: only tokens issued to it are accepted',
        displayOptions: { show: { mode: ['push'] } },
      },
      {
        displayName: 'Audience',
        name: 'audience',
        type: 'string',
        default: '',
        description: "The audience set on the push subscription; empty means this webhook's production URL",
        displayOptions: { show: { mode: ['push'] } },
      },
      {
        displayName: 'Own Addresses',
        name: 'ownAddresses',
        type: 'string',
        default: '',
        placeholder: 'help@acme.com, billing@acme.com',
        description:
          "Comma-separated send-as aliases of this mailbox: mail from them is ours, never emitted (the account's own address always is)",
      },
      {
        displayName: 'Options',
        name: 'options',
        type: 'collection',
        placeholder: 'Add option',
        default: {},
        options: [
          {
            displayName: 'Re-List Limit',
            name: 'relistMax',
            type: 'number',
            typeOptions: { minValue: 1, maxValue: 500 },
            default: 100,
            description:
              'When Gmail no longer has the history of the cursor (about a week), at most this many recent inbox messages are searched and emitted',
          },
          {
            displayName: 'Gmail API Root URL',
            name: 'apiRootUrl',
            type: 'string',
            default: '',
            placeholder: 'https://gmail.googleapis.com/',
            description: 'For tests against a local Gmail server; empty uses Google',
          },
          {
            displayName: 'Google Certificates URL',
            name: 'certsUrl',
            type: 'string',
            default: '',
            description:
              'For tests only (honoured when n8n runs with SUPPORTGATE_TEST_ENDPOINTS=1): where push token certificates are fetched; empty uses Google',
          },
        ],
      },
    ],
  };

  async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
    try {
      if (this.getMode() === 'manual') {
        // "Fetch Test Event": the newest client mail, as a sample; the cursor is left alone.
        const client = await gmailClientFor(this, options(this).apiRootUrl);
        const sample = await gmail.latestInboxMessage(client, { ownAddresses: ownAddresses(this) });
        return sample ? [[itemOf(sample)]] : null;
      }
      const messages = await walk(this, this.getNodeParameter('mode', 'polling') === 'push');
      return messages.length ? [messages.map(itemOf)] : null;
    } catch (err) {
      throw toNodeError(this.getNode(), err, 0);
    }
  }

  webhookMethods = {
    default: {
      async checkExists(this: IHookFunctions): Promise<boolean> {
        const data = readData(this.getWorkflowStaticData('node'), keyOf(this));
        return !!data.history.historyId && !gmail.watchDue(data.watch, topicOf(this));
      },
      async create(this: IHookFunctions): Promise<boolean> {
        const key = keyOf(this);
        const staticData = this.getWorkflowStaticData('node');
        await exclusive(key, async () => {
          const data = readData(staticData, key);
          // n8n registers the webhook and activates the poll at the same time: when the poll got the
          // lock first it has already watched the inbox and started the cursor; keep both.
          if (data.history.historyId && !gmail.watchDue(data.watch, topicOf(this))) {
            writeData(staticData, key, data);
            return;
          }
          try {
            const client = await gmailClientFor(this, options(this).apiRootUrl);
            const { historyId, ...watch } = await gmail.startWatch(client, topicOf(this));
            // First activation: from the mailbox's history as of the watch; a reactivation resumes its cursor.
            const history = data.history.historyId ? data.history : await startCursor(client, data.history, historyId || undefined);
            writeData(staticData, key, { history, watch });
          } catch (err) {
            throw toNodeError(this.getNode(), err, 0);
          }
        });
        return true;
      },
      async delete(this: IHookFunctions): Promise<boolean> {
        const key = keyOf(this);
        const staticData = this.getWorkflowStaticData('node');
        try {
          await gmail.stopWatch(await gmailClientFor(this, options(this).apiRootUrl));
        } catch (err) {
          this.logger.warn(
            `Gmail Support Trigger: could not stop the inbox watch (${(err as Error).message}); it lapses by itself within seven days.`,
          );
          return false;
        } finally {
          const data = readData(staticData, key);
          writeData(staticData, key, { history: data.history });
          forget(key);
        }
        return true;
      },
    },
  };

  async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
    const req = this.getRequestObject();
    const res = this.getResponseObject();
    const refuse = (status: number, message: string): IWebhookResponseData => {
      res.status(status).type('text/plain').send(message);
      return { noWebhookResponse: true };
    };
    if (this.getNodeParameter('mode', 'polling') !== 'push') return refuse(404, 'push mode is off');
    const certsUrl = (options(this).certsUrl ?? '').trim();
    if (certsUrl && process.env[TEST_ENDPOINTS_ENV] !== '1')
      return refuse(500, `Google Certificates URL is a test option: it is honoured only when n8n runs with ${TEST_ENDPOINTS_ENV}=1`);
    let notification: gmail.GmailPushNotification;
    try {
      await gmail.verifyPushToken(req.headers.authorization, {
        audience: String(this.getNodeParameter('audience', '') ?? '').trim() || (this.getNodeWebhookUrl('default') as string),
        serviceAccountEmail: String(this.getNodeParameter('pushServiceAccount', '') ?? ''),
        ...(certsUrl ? { certsUrl } : {}),
      });
      notification = gmail.decodePushBody(req.body);
    } catch (err) {
      const reason = err instanceof gmail.PushVerificationError ? err.reason : 'error';
      this.logger.warn(`Gmail Support Trigger: push refused (${reason}): ${(err as Error).message}`);
      // A malformed body cannot get better by retrying: acknowledge it; an unauthenticated push is refused.
      return refuse(reason === 'bad_body' ? 204 : 401, (err as Error).message);
    }
    const known = readData(this.getWorkflowStaticData('node'), keyOf(this)).history.emailAddress;
    if (known && notification.emailAddress.toLowerCase() !== known.toLowerCase()) return refuse(204, 'another mailbox');
    // Pub/Sub wants a quick answer; the walk follows. A failed walk keeps the cursor, so the next push or poll retries.
    res.status(204).end();
    try {
      const messages = await walk(this, true);
      return { noWebhookResponse: true, ...(messages.length ? { workflowData: [messages.map(itemOf)] } : {}) };
    } catch (err) {
      this.logger.error(`Gmail Support Trigger: ${new NodeOperationError(this.getNode(), (err as Error).message).message}`);
      return { noWebhookResponse: true };
    }
  }
}
