import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/** The key the Gmail add-on sends in X-SupportGate-Key to the Credits API workflow. */
export class SupportGateAddonApi implements ICredentialType {
  name = 'supportGateAddonApi';

  displayName = 'SupportGate Add-on API';

  icon: Icon = { light: 'file:supportgate-addon-api.svg', dark: 'file:supportgate-addon-api.dark.svg' };

  documentationUrl = 'https://github.com/supportgate/n8n-nodes-supportgate#credits-api';

  properties: INodeProperties[] = [
    {
      displayName: 'API Key',
      name: 'apiKey',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      required: true,
      description: 'A long random secret (e.g. openssl rand -hex 32). Paste the same value in the Gmail add-on settings.',
    },
  ];
}
