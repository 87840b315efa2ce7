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
import { LEDGER_CREDENTIAL } from '../shared/ledger-connection';
import { router } from './actions/router';

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
    subtitle:
      '={{ {"authorize": "API: authorize a sender", "consolePage": "Console: the page", "fromPath": "API: operation from the path", "grant": "API: grant credits", "revoke": "API: revoke credits", "sender": "API: sender credits and tickets", "statement": "API: account statement", "ticketStatus": "API: set a ticket status", "waive": "API: waive a ticket"}[$parameter["operation"]] }}',
    description:
      'Answers the Gmail add-on and the console: balance, history, grant, revoke, authorize, ticket status, waive, statement, and the console operations',
    // An http(s) URL is opened as it is; a codex link gets n8n's tracking query appended after the #.
    documentationUrl: 'https://github.com/supportgate/n8n-nodes-supportgate#credits-api',
    defaults: { name: 'Credits API' },
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main],
    credentials: [
      // The console page is public (its calls carry the key): that node asks for no credential.
      { name: LEDGER_CREDENTIAL, required: true, displayOptions: { hide: { operation: ['consolePage'] } } },
      { name: 'supportGateAddonApi', required: true, testedBy: 'addonKeyTest', displayOptions: { hide: { operation: ['consolePage'] } } },
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
          {
            name: 'Console Page',
            value: 'consolePage',
            action: 'Serve the console page',
            description:
              'For the Webhook GET supportgate/console: the page (HTML) and its Content-Security-Policy, for a Respond to Webhook node',
          },
          {
            name: 'From Request Path',
            value: 'fromPath',
            action: 'Serve the operation named in the request path',
            description: 'For a Webhook with path supportgate/console/api/:operation (the console): every operation, the one in the path',
          },
          { name: 'Grant Credits', value: 'grant', action: 'Grant credits' },
          { name: 'Revoke Credits', value: 'revoke', action: 'Revoke credits' },
          { name: 'Sender Credits', value: 'sender', action: 'Get a sender s credits tickets and links' },
          { name: 'Set Ticket Status', value: 'ticketStatus', action: 'Set a ticket s status' },
          { name: 'Statement', value: 'statement', action: 'Get an account statement' },
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
    return router(this);
  }
}
