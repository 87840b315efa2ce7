import { ClientSecretCredential, type ClientSecretCredentialOptions } from '@azure/identity';
import type { AuthenticationProvider } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import { GraphConnectorError } from './errors';

export const GRAPH_DEFAULT_SCOPE = 'https://graph.microsoft.com/.default';

export interface AppOnlyAuthOptions {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Passed to ClientSecretCredential (authorityHost for sovereign clouds, tlsOptions in tests). */
  credentialOptions?: ClientSecretCredentialOptions;
  /** Defaults to https://graph.microsoft.com/.default (application permissions). */
  scopes?: string[];
}

function required(value: string | undefined, field: string, hint: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new GraphConnectorError('CONFIG_INVALID', `Missing "${field}": ${hint}`, field);
  }
  return value.trim();
}

/** App-only (client credentials) auth for shared mailboxes: tenant + app id + client secret. */
export function appOnlyAuthProvider(options: AppOnlyAuthOptions): AuthenticationProvider {
  const tenantId = required(options.tenantId, 'tenantId', 'copy the Directory (tenant) ID from the Entra app overview.');
  const clientId = required(options.clientId, 'clientId', 'copy the Application (client) ID from the Entra app overview.');
  const secret = required(options.clientSecret, 'clientSecret', 'create one under Certificates & secrets and paste its Value.');
  const credential = new ClientSecretCredential(tenantId, clientId, secret, options.credentialOptions);
  return new TokenCredentialAuthenticationProvider(credential, { scopes: options.scopes ?? [GRAPH_DEFAULT_SCOPE] });
}

/**
 * Delegated auth from an access token someone else refreshes (n8n's Microsoft Outlook OAuth2
 * credential). Pass a function to read the current token on every request.
 */
export function delegatedAuthProvider(token: string | (() => string | Promise<string>)): AuthenticationProvider {
  if (typeof token === 'string') required(token, 'accessToken', 'connect the Microsoft Outlook OAuth2 credential.');
  return {
    getAccessToken: async () => {
      const value = typeof token === 'string' ? token : await token();
      return required(value, 'accessToken', 'the OAuth2 credential returned no access token; reconnect it.');
    },
  };
}
