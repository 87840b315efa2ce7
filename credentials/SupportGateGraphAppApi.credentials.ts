import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * Microsoft Graph, app-only (client credentials), for one shared support mailbox. Not n8n's
 * "Microsoft Outlook OAuth2 API": that token is refreshed only inside n8n's own request helpers
 * (our Graph SDK client could not refresh it), and community nodes may not reuse other packages'
 * credentials. Entra app: application permissions Mail.ReadWrite + Mail.Send with admin consent,
 * restricted to the mailbox by an application access policy (see the README).
 */
export class SupportGateGraphAppApi implements ICredentialType {
  name = 'supportGateGraphAppApi';

  displayName = 'SupportGate Microsoft Graph App API';

  icon: Icon = { light: 'file:supportgate-graph-app-api.svg', dark: 'file:supportgate-graph-app-api.dark.svg' };

  documentationUrl = 'https://github.com/supportgate/n8n-nodes-supportgate#outlook-microsoft-graph';

  properties: INodeProperties[] = [
    {
      displayName: 'Directory (Tenant) ID',
      name: 'tenantId',
      type: 'string',
      default: '',
      required: true,
      placeholder: '00000000-0000-0000-0000-000000000000',
      description: 'Entra admin center → App registrations → your app → Overview → Directory (tenant) ID',
    },
    {
      displayName: 'Application (Client) ID',
      name: 'clientId',
      type: 'string',
      default: '',
      required: true,
      description: 'Entra admin center → App registrations → your app → Overview → Application (client) ID',
    },
    {
      displayName: 'Client Secret',
      name: 'clientSecret',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      required: true,
      description: 'Certificates & secrets → New client secret → copy its Value (shown once; note its expiry)',
    },
    {
      displayName: 'Mailbox',
      name: 'mailbox',
      type: 'string',
      default: '',
      required: true,
      placeholder: 'support@contoso.com',
      description: 'The support mailbox (user principal name or SMTP address) the app reads and replies from',
    },
    {
      displayName: 'Custom Endpoints',
      name: 'customEndpoints',
      type: 'boolean',
      default: false,
      description: 'Whether to override the Graph and sign-in endpoints (sovereign clouds, a proxy, a local test server)',
    },
    {
      displayName: 'Graph Base URL',
      name: 'graphBaseUrl',
      type: 'string',
      default: 'https://graph.microsoft.com',
      description: 'e.g. https://graph.microsoft.us (US Gov L4), https://microsoftgraph.chinacloudapi.cn (21Vianet)',
      displayOptions: { show: { customEndpoints: [true] } },
    },
    {
      displayName: 'Authority Host',
      name: 'authorityHost',
      type: 'string',
      default: 'https://login.microsoftonline.com',
      description: 'Sign-in endpoint, e.g. https://login.microsoftonline.us or https://login.chinacloudapi.cn',
      displayOptions: { show: { customEndpoints: [true] } },
    },
    {
      displayName: 'Token Scope',
      name: 'scope',
      type: 'string',
      default: '',
      placeholder: 'https://graph.microsoft.us/.default',
      description: 'Empty: <Graph Base URL>/.default',
      displayOptions: { show: { customEndpoints: [true] } },
    },
    {
      displayName: 'Trusted CA Certificate (PEM)',
      name: 'caPem',
      type: 'string',
      typeOptions: { rows: 4 },
      default: '',
      placeholder: '-----BEGIN CERTIFICATE-----',
      description: 'Only when the endpoints above use a private CA: the only CA trusted for Graph and sign-in requests',
      displayOptions: { show: { customEndpoints: [true] } },
    },
  ];
}
