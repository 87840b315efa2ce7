import type { Client } from '@microsoft/microsoft-graph-client';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import * as outlook from '../../graph-connector';

const { appOnlyAuthProvider, createGraphClient, GraphConnectorError, caTrustingFetch } = outlook;
type FetchLike = outlook.FetchLike;

export const GRAPH_CREDENTIAL = 'supportGateGraphAppApi';

export interface GraphConnection {
  client: Client;
  mailbox: string;
  /** Identifies the tenant/app/mailbox/endpoint: a changed credential gets a fresh connector. */
  fingerprint: string;
}

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/** A Graph client (app-only) and the mailbox from a "SupportGate Microsoft Graph (App)" credential. */
export function graphConnectionFrom(credential: ICredentialDataDecryptedObject): GraphConnection {
  const mailbox = str(credential.mailbox);
  if (!mailbox)
    throw new GraphConnectorError(
      'CONFIG_INVALID',
      'Missing "mailbox" in the Microsoft Graph credential: enter the support mailbox address, e.g. support@contoso.com.',
      'mailbox',
    );
  const custom = credential.customEndpoints === true;
  const baseUrl = (custom && str(credential.graphBaseUrl).replace(/\/+$/, '')) || 'https://graph.microsoft.com';
  const authorityHost = (custom && str(credential.authorityHost)) || undefined;
  const ca = (custom && str(credential.caPem)) || undefined;
  const fetch: FetchLike | undefined = ca ? caTrustingFetch(ca) : undefined;
  const client = createGraphClient({
    authProvider: appOnlyAuthProvider({
      tenantId: str(credential.tenantId),
      clientId: str(credential.clientId),
      clientSecret: str(credential.clientSecret),
      scopes: [(custom && str(credential.scope)) || `${baseUrl}/.default`],
      credentialOptions: {
        ...(authorityHost ? { authorityHost, disableInstanceDiscovery: true } : {}),
        ...(ca ? { tlsOptions: { ca } } : {}),
      },
    }),
    baseUrl: custom ? baseUrl : undefined,
    customHosts: custom ? new Set([new URL(baseUrl).hostname]) : undefined,
    fetch,
    retry: { maxRetries: 3, maxWaitSeconds: 20 },
  });
  const fingerprint = [str(credential.tenantId), str(credential.clientId), mailbox, baseUrl, authorityHost ?? ''].join('|');
  return { client, mailbox, fingerprint };
}
