import type {
  ICredentialsDecrypted,
  ICredentialTestFunctions,
  IExecuteFunctions,
  INodeCredentialTestResult,
  INodeExecutionData,
  INodeType,
  INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { imap } from '../../core';
import { FAILED_OUTPUT } from '../shared/item-loop';
import { LEDGER_CREDENTIAL } from '../shared/ledger-connection';
import { properties, router } from './actions/router';

/** Any IMAP/SMTP support mailbox: threaded replies, SupportGate keywords (or folders), move, send, reconcile sweep. */
// Moves money or sends mail: never an AI agent's tool (a client's mail could steer its arguments).
// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool
export class ImapSupportActions implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'IMAP/SMTP Support Actions',
    name: 'imapSupportActions',
    icon: { light: 'file:imap-support-actions.svg', dark: 'file:imap-support-actions.dark.svg' },
    group: ['output'],
    version: 1,
    subtitle: '={{$parameter["operation"]}}',
    description:
      "Reply in the client's thread by SMTP, mark mail with SupportGate keywords, move, send, list unhandled mail of an IMAP mailbox",
    // An http(s) URL is opened as it is; a codex link gets n8n's tracking query appended after the #.
    documentationUrl: 'https://github.com/supportgate/n8n-nodes-supportgate#imap-and-smtp-any-mail-provider',
    defaults: { name: 'IMAP/SMTP Support Actions' },
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
    outputNames: ['Done', FAILED_OUTPUT],
    credentials: [
      { name: 'supportGateImapSmtpApi', required: true, testedBy: 'supportGateImapSmtpTest' },
      { name: LEDGER_CREDENTIAL, required: true },
    ],
    properties,
  };

  methods = {
    credentialTest: {
      /** IMAP login + INBOX select + SMTP login: what every operation needs, with nothing sent. */
      async supportGateImapSmtpTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
        try {
          await imap.verifyImapSmtp(imap.imapSmtpConfigFrom(credential.data ?? {}));
          return { status: 'OK', message: 'IMAP login, INBOX and SMTP login succeeded' };
        } catch (err) {
          return { status: 'Error', message: (err as Error).message };
        }
      },
    },
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    return router(this);
  }
}
