import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

const server = (prefix: 'imap' | 'smtp', label: string, port: number, portHint: string, reuse: boolean): INodeProperties[] => [
  {
    displayName: `${label} Host`,
    name: `${prefix}Host`,
    type: 'string',
    default: '',
    required: true,
    placeholder: `${prefix}.example.com`,
  },
  { displayName: `${label} Port`, name: `${prefix}Port`, type: 'number', default: port, description: portHint },
  {
    displayName: `${label} TLS`,
    name: `${prefix}Secure`,
    type: 'boolean',
    default: true,
    description:
      'Whether TLS starts with the connection (ports 993 and 465). Off: STARTTLS (143, 587), required for any host but this machine, so a password never crosses the network in clear.',
  },
  {
    displayName: `${label} User`,
    name: `${prefix}User`,
    type: 'string',
    default: '',
    required: !reuse,
    description: reuse ? 'Empty: the IMAP user' : 'Usually the full mailbox address',
  },
  {
    displayName: `${label} Password`,
    name: `${prefix}Password`,
    type: 'string',
    typeOptions: { password: true },
    default: '',
    required: !reuse,
    description: reuse
      ? 'Empty: the IMAP password'
      : 'The mailbox password, or an app password where the provider requires one (Fastmail, Gmail, iCloud, Outlook.com with 2FA)',
  },
];

/**
 * Any mailbox reachable by IMAP and SMTP (OVH, Infomaniak, Fastmail, your own server). "Test"
 * runs an IMAP login, selects INBOX and checks the SMTP login; nothing is sent or changed.
 */
export class SupportGateImapSmtpApi implements ICredentialType {
  name = 'supportGateImapSmtpApi';

  displayName = 'SupportGate IMAP/SMTP';

  icon: Icon = { light: 'file:supportgate-imap-smtp-api.svg', dark: 'file:supportgate-imap-smtp-api.dark.svg' };

  documentationUrl = 'https://github.com/supportgate/n8n-nodes-supportgate#imap-and-smtp-any-mail-provider';

  properties: INodeProperties[] = [
    ...server('imap', 'IMAP', 993, '993 with TLS, 143 with STARTTLS', false),
    ...server('smtp', 'SMTP', 465, '465 with TLS, 587 with STARTTLS', true),
    {
      displayName: 'From Address',
      name: 'fromAddress',
      type: 'string',
      default: '',
      placeholder: 'support@agency.example',
      description: 'The support address replies are sent from; empty: the IMAP user when it is an address',
    },
    {
      displayName: 'Sent Folder',
      name: 'sentFolder',
      type: 'string',
      default: 'Sent',
      description:
        'Where sent replies are filed (IMAP does not do it). Often "Sent", "Sent Items", "INBOX.Sent" or "Éléments envoyés"; empty: not filed.',
    },
    {
      displayName: 'CA Certificate',
      name: 'caCertificate',
      type: 'string',
      // Public data, but n8n's lint wants every certificate field masked; the core re-wraps a PEM pasted on one line.
      typeOptions: { password: true },
      default: '',
      placeholder: '-----BEGIN CERTIFICATE-----',
      description:
        "Your own server with a self-signed certificate: paste that certificate (PEM), or its private CA's. It is trusted besides the usual authorities, and the host name is still checked. Empty for a provider.",
    },
    {
      displayName: 'Ignore TLS Certificate Errors',
      name: 'ignoreSSLIssues',
      type: 'boolean',
      default: false,
      description:
        'Whether to accept any certificate without checking it. Last resort: anyone on the path could then read the password; prefer CA Certificate.',
    },
  ];
}
