import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { operationProperties } from '../shared/router';
import { AI_CREDENTIAL, OUTPUT_NAMES } from './actions/classify.fields';
import { operations, router } from './actions/router';

/**
 * Routes an incoming email to "Support request", "Not support" or "Needs review": rules first,
 * then the AI (OpenAI-compatible, optional credential) or the embedded offline classifier.
 */
export class ClassifySupportEmail implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Classify Support Email',
    name: 'classifySupportEmail',
    icon: { light: 'file:classify-support-email.svg', dark: 'file:classify-support-email.dark.svg' },
    group: ['transform'],
    version: 1,
    subtitle:
      '={{"support or not, confidence ≥ " + ($parameter["confidenceThreshold"] !== undefined ? $parameter["confidenceThreshold"] : 0.6)}}',
    description: 'Decide whether an email is a support request (rules, then AI or the offline classifier)',
    // An http(s) URL is opened as it is; a codex link gets n8n's tracking query appended after the #.
    documentationUrl: 'https://github.com/supportgate/n8n-nodes-supportgate#triage',
    defaults: { name: 'Classify Support Email' },
    usableAsTool: true,
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main],
    outputNames: OUTPUT_NAMES,
    credentials: [{ name: AI_CREDENTIAL, required: false }],
    properties: operationProperties(operations),
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    return router(this);
  }
}
