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
import { FAILED_OUTPUT } from '../shared/item-loop';
import { getLedger, ledgerConfigFrom } from '../shared/ledger-connection';
import { properties, router } from './actions/router';

// "create project", "authorize sender (client)", "grant credits"… under the node on the canvas.
const SUBTITLE = `={{ ${JSON.stringify({
  project: { create: 'create project', get: 'get project', list: 'list projects', update: 'update project' },
  recipient: { add: 'add support address', list: 'list support addresses', remove: 'remove support address' },
  account: {
    authorizeDomain: 'authorize client domain',
    authorizeSender: 'authorize client sender',
    getBySender: 'get client by sender',
    list: 'list clients',
    removeDomain: 'remove client domain',
    removeSender: 'remove client sender',
  },
  credits: {
    balance: 'credit balance',
    exportJournal: 'export journal (CSV)',
    grant: 'grant credits',
    history: 'credit history',
    revoke: 'revoke credits',
    verify: 'verify ledger',
  },
  intake: { listUnfinished: 'list unfinished mail', listStuck: 'list stuck replies' },
  ticket: {
    get: 'get ticket',
    list: 'list tickets',
    listByProject: 'list project tickets',
    history: 'ticket history',
    setStatus: 'set ticket status',
    waive: 'waive ticket',
    expireUnconfirmed: 'expire unconfirmed requests',
  },
})}[$parameter["resource"]][$parameter["operation"]] }}`;

// Moves money or sends mail: never an AI agent's tool (a client's mail could steer its arguments).
// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool
export class SupportGateLedger implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'SupportGate Ledger',
    name: 'supportGateLedger',
    icon: { light: 'file:supportgate-ledger.svg', dark: 'file:supportgate-ledger.dark.svg' },
    group: ['transform'],
    version: 1,
    subtitle: SUBTITLE,
    description: 'Projects, clients, prepaid support credits and tickets of SupportGate',
    // An http(s) URL is opened as it is; a codex link gets n8n's tracking query appended after the #.
    documentationUrl: 'https://github.com/supportgate/n8n-nodes-supportgate#the-ledger',
    defaults: { name: 'SupportGate Ledger' },
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
    outputNames: ['Done', FAILED_OUTPUT],
    credentials: [{ name: 'supportGateLedgerApi', required: true, testedBy: 'ledgerConnectionTest' }],
    properties,
  };

  methods = {
    credentialTest: {
      /** "Test" in the credential dialog: opens (and migrates) the ledger, then reads it. */
      async ledgerConnectionTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
        try {
          const store = await getLedger(ledgerConfigFrom(credential.data ?? {}));
          const projects = await store.listProjects();
          return { status: 'OK', message: `Ledger ready (${store.kind}, ${projects.length} project${projects.length === 1 ? '' : 's'})` };
        } catch (error) {
          return { status: 'Error', message: (error as Error).message };
        }
      },
    },
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    return router(this);
  }
}
