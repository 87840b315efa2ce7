import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/** Where the SupportGate ledger lives: a SQLite file (default) or PostgreSQL (n8n queue mode). */
export class SupportGateLedgerApi implements ICredentialType {
  name = 'supportGateLedgerApi';

  // A database, not an API: the name users look for is "SupportGate Ledger".
  // eslint-disable-next-line n8n-nodes-base/cred-class-field-display-name-missing-api
  displayName = 'SupportGate Ledger';

  icon: Icon = { light: 'file:supportgate-ledger-api.svg', dark: 'file:supportgate-ledger-api.dark.svg' };

  documentationUrl = 'https://github.com/supportgate/n8n-nodes-supportgate#the-ledger';

  properties: INodeProperties[] = [
    {
      displayName: 'Database',
      name: 'store',
      type: 'options',
      options: [
        { name: 'SQLite File (Single n8n)', value: 'sqlite', description: 'Embedded default: one file beside n8n’s own data' },
        { name: 'PostgreSQL (Queue Mode, Several Workers)', value: 'postgres', description: 'Shared by every n8n worker' },
      ],
      default: 'sqlite',
    },
    {
      displayName: 'SQLite File Path',
      name: 'sqlitePath',
      type: 'string',
      default: '',
      placeholder: 'Leave empty for the default file',
      description:
        'Leave empty for the default: supportgate-ledger.sqlite in the n8n user folder (~/.n8n; /home/node/.n8n in the n8n Docker image). Or a full path, e.g. /data/supportgate.sqlite, in a folder n8n can write to.',
      displayOptions: { show: { store: ['sqlite'] } },
    },
    // The URL carries the database password (postgresql://user:secret@host/db): masked.
    // eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password
    {
      displayName: 'Connection String',
      name: 'connectionString',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      placeholder: 'postgresql://supportgate:secret@db:5432/supportgate',
      displayOptions: { show: { store: ['postgres'] } },
    },
    {
      displayName: 'Schema',
      name: 'schema',
      type: 'string',
      default: 'public',
      description: 'PostgreSQL schema for the ledger tables (created if missing)',
      displayOptions: { show: { store: ['postgres'] } },
    },
    {
      displayName: 'SSL',
      name: 'ssl',
      type: 'options',
      options: [
        { name: 'Disable', value: 'disable' },
        { name: 'Require (Do Not Verify Certificate)', value: 'require' },
        { name: 'Verify Certificate', value: 'verify' },
      ],
      default: 'disable',
      displayOptions: { show: { store: ['postgres'] } },
    },
    {
      displayName: 'CA Certificate',
      name: 'ca',
      type: 'string',
      // A CA certificate is public: shown, not masked.
      typeOptions: { rows: 4 },
      default: '',
      description: 'PEM of the certificate authority, when the server’s certificate is not publicly trusted',
      displayOptions: { show: { store: ['postgres'], ssl: ['verify'] } },
    },
  ];
}
