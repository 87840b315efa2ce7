import {
  NodeConnectionTypes,
  NodeOperationError,
  type ICredentialTestFunctions,
  type ICredentialsDecrypted,
  type INodeCredentialTestResult,
  type IDataObject,
  type IExecuteFunctions,
  type INodeExecutionData,
  type INodeType,
  type INodeTypeDescription,
} from 'n8n-workflow';
import { errorJson, toNodeError } from '../shared/errors';
import { LEDGER_CREDENTIAL, getLedger, ledgerConfigFrom } from '../shared/ledger-connection';
import { fieldProperties, operationProperties, resourceProperty } from './description';
import { operations } from './operations';

export class SupportGateLedger implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'SupportGate Ledger',
    name: 'supportGateLedger',
    icon: 'file:supportgate.svg',
    group: ['transform'],
    version: 1,
    subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
    description: 'Projects, clients, prepaid support credits and tickets of SupportGate',
    defaults: { name: 'SupportGate Ledger' },
    usableAsTool: true,
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main],
    credentials: [{ name: 'supportGateLedgerApi', required: true, testedBy: 'ledgerConnectionTest' }],
    properties: [resourceProperty, ...operationProperties, ...fieldProperties],
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
    const items = this.getInputData();
    const out: INodeExecutionData[] = [];
    let store;
    try {
      store = await getLedger(ledgerConfigFrom(await this.getCredentials(LEDGER_CREDENTIAL)));
    } catch (error) {
      // The database itself is unusable: no item can be processed.
      throw toNodeError(this.getNode(), error, 0);
    }
    for (let i = 0; i < items.length; i++) {
      try {
        const resource = this.getNodeParameter('resource', i) as string;
        const operation = this.getNodeParameter('operation', i) as string;
        const run = operations[resource]?.[operation];
        if (!run) throw new NodeOperationError(this.getNode(), `Unsupported operation "${operation}" for resource "${resource}".`, { itemIndex: i });
        const result = await run(this, i, store);
        for (const json of Array.isArray(result) ? result : [result]) out.push({ json: json as IDataObject, pairedItem: { item: i } });
      } catch (error) {
        const nodeError = toNodeError(this.getNode(), error, i);
        if (!this.continueOnFail()) throw nodeError;
        out.push({ json: errorJson(nodeError), pairedItem: { item: i } });
      }
    }
    return [out];
  }
}
