import type * as MicrosoftGraph from '@microsoft/microsoft-graph-types';
// The core barrel, not core/email: in the package the connector's bundle requires the core's.
import { email } from '../core';
import type { SupportEmail } from '../core/email';

/** The Graph message as the core normalizer's SupportEmail. */
export function toSupportEmail(message: MicrosoftGraph.Message): SupportEmail {
  return email.normalizeOutlookRaw({ json: message });
}
