import { randomBytes } from 'node:crypto';
import type {
  ICredentialTestFunctions,
  ICredentialsDecrypted,
  INodeCredentialTestResult,
  IDataObject,
  IHookFunctions,
  INodeType,
  INodeTypeDescription,
  IWebhookFunctions,
  IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { GRAPH_CREDENTIAL, graphConnectionFrom } from '../shared/graph-connection';
import { toNodeError } from '../shared/errors';
import { connectorFor, forgetConnector, readStaticData, writeStaticData, type ConnectorEntry } from './connector-registry';
import { itemOf } from './item';

type Ctx = IHookFunctions | IWebhookFunctions;

async function open(ctx: Ctx): Promise<{ entry: ConnectorEntry; staticData: IDataObject; key: string }> {
  const staticData = ctx.getWorkflowStaticData('node');
  const node = ctx.getNode();
  const key = `${ctx.getWorkflow().id}:${node.id}`;
  const folder = ((ctx.getNodeParameter('folder', 'Inbox') as string) || 'Inbox').trim();
  const connection = graphConnectionFrom(await ctx.getCredentials(GRAPH_CREDENTIAL));
  const notificationUrl = ctx.getNodeWebhookUrl('default') as string;
  return { entry: connectorFor({ key, connection, folder, notificationUrl }, staticData), staticData, key };
}

/**
 * New mail in an Outlook / Exchange Online folder through Microsoft Graph change notifications.
 * Notifications only wake the node: each one runs a delta catch-up, so lost, duplicated or
 * late notifications neither lose nor repeat mail (see graph-connector/README.md).
 */
export class OutlookSupportTrigger implements INodeType {
  methods = {
    credentialTest: {
      /** "Test" in the credential dialog: gets an app-only token and reads the mailbox's Inbox. */
      async graphAppConnectionTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
        try {
          const { client, mailbox } = graphConnectionFrom(credential.data ?? {});
          await client
            .api(`/users/${encodeURIComponent(mailbox)}/mailFolders/inbox`)
            .select('id')
            .get();
          return { status: 'OK', message: `Connected to ${mailbox}` };
        } catch (error) {
          return { status: 'Error', message: (error as Error).message };
        }
      },
    },
  };

  description: INodeTypeDescription = {
    displayName: 'Outlook Support Trigger',
    name: 'outlookSupportTrigger',
    icon: { light: 'file:outlook-support-trigger.svg', dark: 'file:outlook-support-trigger.dark.svg' },
    group: ['trigger'],
    version: 1,
    subtitle: '={{"folder " + ($parameter["folder"] || "Inbox")}}',
    description:
      'Starts the workflow for each new email in an Outlook / Microsoft 365 support mailbox (Graph change notifications + delta)',
    // An http(s) URL is opened as it is; a codex link gets n8n's tracking query appended after the #.
    documentationUrl: 'https://github.com/supportgate/n8n-nodes-supportgate#outlook-microsoft-graph',
    defaults: { name: 'Outlook Support Trigger' },
    inputs: [],
    outputs: [NodeConnectionTypes.Main],
    credentials: [{ name: 'supportGateGraphAppApi', required: true, testedBy: 'graphAppConnectionTest' }],
    webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
    properties: [
      {
        displayName:
          "Graph calls this workflow's production webhook URL, which must be public HTTPS (set WEBHOOK_URL on n8n). Activate the workflow to subscribe.",
        name: 'notice',
        type: 'notice',
        default: '',
      },
      {
        displayName: 'Folder',
        name: 'folder',
        type: 'string',
        default: 'Inbox',
        description: 'Well-known folder name (Inbox) or folder ID to watch',
      },
    ],
  };

  webhookMethods = {
    default: {
      async checkExists(this: IHookFunctions): Promise<boolean> {
        const data = readStaticData(this.getWorkflowStaticData('node'));
        if (!data.clientState || !data.subscription || data.notificationUrl !== this.getNodeWebhookUrl('default')) return false;
        const { entry } = await open(this);
        return entry.connector.subscriptions.exists();
      },
      async create(this: IHookFunctions): Promise<boolean> {
        const staticData = this.getWorkflowStaticData('node');
        const previous = readStaticData(staticData);
        if (previous.clientState && previous.subscription) {
          // A stale subscription (e.g. the webhook URL changed): remove it so Graph stops calling the old URL.
          await (await open(this)).entry.connector.subscriptions.delete().catch(() => undefined);
        }
        // A fresh start: new secret, mail from now on; the seen window is kept (dedupe across reactivations).
        writeStaticData(staticData, {
          ...readStaticData(staticData),
          cursors: {},
          subscription: undefined,
          clientState: randomBytes(32).toString('base64url'),
          activatedAt: new Date().toISOString(),
          notificationUrl: this.getNodeWebhookUrl('default') as string,
        });
        const { entry } = await open(this);
        try {
          await entry.connector.subscriptions.create();
        } catch (err) {
          throw toNodeError(this.getNode(), err, 0);
        }
        writeStaticData(staticData, entry.data);
        return true;
      },
      async delete(this: IHookFunctions): Promise<boolean> {
        const staticData = this.getWorkflowStaticData('node');
        const { entry, key } = await open(this);
        try {
          await entry.connector.subscriptions.delete();
        } catch (err) {
          this.logger.warn(
            `Outlook Support Trigger: could not delete the Graph subscription (${(err as Error).message}); it expires by itself.`,
          );
          return false;
        } finally {
          forgetConnector(key);
        }
        writeStaticData(staticData, { ...entry.data, subscription: undefined, clientState: undefined });
        return true;
      },
    },
  };

  async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
    const req = this.getRequestObject();
    const res = this.getResponseObject();
    const query = (req.query ?? {}) as Record<string, unknown>;
    // The handshake comes while create() is still waiting for Graph: answer it without any state.
    if (typeof query.validationToken === 'string' && query.validationToken !== '') {
      res.status(200).type('text/plain').send(query.validationToken);
      return { noWebhookResponse: true };
    }
    const { entry, staticData } = await open(this);
    if (!entry.data.clientState) {
      res.status(403).type('text/plain').send('not subscribed');
      return { noWebhookResponse: true };
    }
    const { outcome, work } = entry.connector.handle({ query, body: req.body });
    // Graph wants the answer within seconds: send it first, then catch up.
    res.status(outcome.response.status).set(outcome.response.headers).send(outcome.response.body);
    if (outcome.kind !== 'accepted') return { noWebhookResponse: true };
    try {
      await work;
      const subscription = await entry.connector.subscriptions.renewIfDue();
      if (subscription)
        this.logger.info(`Outlook Support Trigger: subscription ${subscription.id} renewed until ${subscription.expirationDateTime}`);
    } catch (err) {
      // The response is already sent; the deltaLink was not advanced, so the next notification retries.
      this.logger.error(`Outlook Support Trigger: ${new NodeOperationError(this.getNode(), (err as Error).message).message}`);
    } finally {
      writeStaticData(staticData, entry.data);
    }
    const emitted = entry.buffer.splice(0);
    if (emitted.length === 0) return { noWebhookResponse: true };
    return { noWebhookResponse: true, workflowData: [emitted.map((m) => itemOf(m, entry))] };
  }
}
