import type { INodeProperties } from 'n8n-workflow';

export const AI_CREDENTIAL = 'supportGateOpenAiApi';

export const OUTPUT_NAMES = ['Support request', 'Not support', 'Needs review'];

export const properties: INodeProperties[] = [
  {
    displayName:
      'Without an AI credential the embedded offline classifier decides. Automatic replies, bounces and newsletters are always decided by rules first, without any AI call.',
    name: 'offlineNotice',
    type: 'notice',
    default: '',
  },
  {
    displayName: 'Project Instructions',
    name: 'projectInstructions',
    type: 'string',
    typeOptions: { rows: 4 },
    default: '',
    placeholder: 'Questions about invoices count as support. Feature requests do not.',
    description: 'What this agency counts as support. Sent to the AI as policy, kept apart from the email itself.',
  },
  {
    displayName: 'Confidence Threshold',
    name: 'confidenceThreshold',
    type: 'number',
    typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
    default: 0.6,
    description: 'Below this confidence an email goes to "Needs review"',
  },
  {
    displayName: 'Options',
    name: 'options',
    type: 'collection',
    placeholder: 'Add Option',
    default: {},
    options: [
      {
        displayName: 'Max Retries',
        name: 'maxRetries',
        type: 'number',
        typeOptions: { minValue: 0, maxValue: 10 },
        default: 2,
        description: 'Retries of a failed AI call (rate limit, server error, timeout) before the email goes to "Needs review"',
      },
      {
        displayName: 'Timeout (Seconds)',
        name: 'timeoutSeconds',
        type: 'number',
        typeOptions: { minValue: 1, maxValue: 600 },
        default: 30,
        description: 'How long to wait for each AI call',
      },
    ],
  },
];
