import {
  NodeConnectionTypes,
  type ICredentialTestFunctions,
  type ICredentialsDecrypted,
  type INodeCredentialTestResult,
  type IExecuteFunctions,
  type INodeExecutionData,
  type INodeType,
  type INodeTypeDescription,
} from 'n8n-workflow';
import { creditsApi } from '../../core';
import { toNodeError } from '../shared/errors';
import { LEDGER_CREDENTIAL, getLedger, ledgerConfigFrom } from '../shared/ledger-connection';

/**
 * Serves one Credits API call per item: the item is a Webhook node's output ({headers, body}),
 * the result is {statusCode, body} for a Respond to Webhook node. Errors become HTTP answers
 * (400 naming the field, 401, 404) rather than failed executions, so the add-on can explain them.
 */
// Moves money or sends mail: never an AI agent's tool (a client's mail could steer its arguments).
// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool
export class SupportGateCreditsApi implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'SupportGate Credits API',
    name: 'supportGateCreditsApi',
    icon: { light: 'file:supportgate-credits-api.svg', dark: 'file:supportgate-credits-api.dark.svg' },
    group: ['transform'],
    version: 1,
    subtitle: '={{ {"authorize": "API: authorize a sender", "grant": "API: grant credits", "revoke": "API: revoke credits", "sender": "API: sender credits and tickets", "ticketStatus": "API: set a ticket status", "waive": "API: waive a ticket"}[$parameter["operation"]] }}',
    description: 'Answers the Gmail add-on: balance, history, grant, revoke, authorize sender, ticket status, waive',
    // An http(s) URL is opened as it is; a codex link gets n8n's tracking query appended after the #.
    documentationUrl: 'https://github.com/supportgate/n8n-nodes-supportgate#credits-api',
    defaults: { name: 'Credits API' },
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main],
    credentials: [
      { name: LEDGER_CREDENTIAL, required: true },
      { name: 'supportGateAddonApi', required: true, testedBy: 'addonKeyTest' },
    ],
    properties: [
      // One operation per endpoint of the add-on's API (workflows/credits-api.json): a flat list
      // mirrors the URLs; resources would only add a second choice to each endpoint node.
      // eslint-disable-next-line @n8n/community-nodes/resource-operation-pattern
      {
        displayName: 'Operation',
        name: 'operation',
        type: 'options',
        noDataExpression: true,
        options: [
          { name: 'Authorize Sender', value: 'authorize', action: 'Authorize a sender' },
          { name: 'Grant Credits', value: 'grant', action: 'Grant credits' },
          { name: 'Revoke Credits', value: 'revoke', action: 'Revoke credits' },
          { name: 'Sender Credits', value: 'sender', action: 'Get a sender s credits tickets and links' },
          { name: 'Set Ticket Status', value: 'ticketStatus', action: 'Set a ticket s status' },
          { name: 'Waive Ticket', value: 'waive', action: 'Give back the credit of a ticket' },
        ],
        default: 'sender',
      },
    ],
  };

  methods = {
    credentialTest: {
      /** A guessable key would open the ledger to anyone who finds the webhook URL. */
      async addonKeyTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
        const key = String(credential.data?.apiKey ?? '');
        return key.length >= 24
          ? { status: 'OK', message: 'Key accepted' }
          : { status: 'Error', message: `The key has ${key.length} characters: use at least 24 random ones (openssl rand -hex 32).` };
      },
    },
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    const items = this.getInputData();
    const { apiKey } = await this.getCredentials('supportGateAddonApi');
    const out: INodeExecutionData[] = [];
    for (let i = 0; i < items.length; i++) {
      const operation = this.getNodeParameter('operation', i) as creditsApi.CreditsApiOperation;
      const headers = (items[i].json.headers ?? {}) as Record<string, unknown>;
      try {
        // The key is checked before the database is even opened.
        if (!creditsApi.apiKeyMatches(headers[creditsApi.API_KEY_HEADER], String(apiKey ?? ''))) {
          out.push({ json: { statusCode: 401, body: { error: { code: 'unauthorized', message: `Missing or wrong ${creditsApi.API_KEY_HEADER} header.` } } }, pairedItem: { item: i } });
          continue;
        }
        const store = await getLedger(ledgerConfigFrom(await this.getCredentials(LEDGER_CREDENTIAL)));
        const response = await creditsApi.handleCreditsApi(store, { operation, headers, body: items[i].json.body, expectedKey: String(apiKey) });
        out.push({ json: { ...response }, pairedItem: { item: i } });
      } catch (error) {
        const nodeError = toNodeError(this.getNode(), error, i);
        if (!this.continueOnFail()) throw nodeError;
        out.push({ json: { statusCode: 503, body: { error: { code: 'unavailable', message: nodeError.message } } }, pairedItem: { item: i } });
      }
    }
    return [out];
  }
}
