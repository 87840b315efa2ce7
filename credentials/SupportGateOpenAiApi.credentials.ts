import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * An OpenAI-compatible chat endpoint for the Classify Support Email node: OpenAI itself, Azure
 * OpenAI (v1 API), Mistral, or a local Ollama / vLLM server. Our own type rather than n8n's
 * `openAiApi`: n8n's community-node lint (no-credential-reuse) forbids a package from reading
 * credentials it does not define.
 */
export class SupportGateOpenAiApi implements ICredentialType {
  name = 'supportGateOpenAiApi';

  displayName = 'SupportGate OpenAI-Compatible API';

  icon: Icon = { light: 'file:supportgate-openai-api.svg', dark: 'file:supportgate-openai-api.dark.svg' };

  documentationUrl = 'https://github.com/supportgate/n8n-nodes-supportgate#triage';

  properties: INodeProperties[] = [
    {
      displayName: 'API Key',
      name: 'apiKey',
      type: 'string',
      typeOptions: { password: true },
      required: true,
      default: '',
      description: 'For a local server that needs none (Ollama), any non-empty text such as "ollama"',
    },
    {
      displayName: 'Base URL',
      name: 'baseUrl',
      type: 'string',
      default: 'https://api.openai.com/v1',
      placeholder: 'http://127.0.0.1:11434/v1',
      description: 'Root of the OpenAI-compatible API, up to and including /v1',
    },
    {
      displayName: 'Model',
      name: 'model',
      type: 'string',
      default: 'gpt-4o-mini',
      description: 'Chat model that supports structured output (JSON schema), e.g. gpt-4o-mini, mistral-small-latest, llama3.1',
    },
  ];

  authenticate: IAuthenticateGeneric = {
    type: 'generic',
    properties: { headers: { Authorization: '=Bearer {{$credentials.apiKey}}' } },
  };

  test: ICredentialTestRequest = {
    request: { baseURL: '={{$credentials.baseUrl}}', url: '/models' },
  };
}
