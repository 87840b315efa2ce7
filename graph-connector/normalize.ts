import type * as MicrosoftGraph from '@microsoft/microsoft-graph-types';
import { normalizeOutlookRaw, type SupportEmail } from '../core/email';

/** The Graph message as the core normalizer's SupportEmail. */
export function toSupportEmail(message: MicrosoftGraph.Message): SupportEmail {
  return normalizeOutlookRaw({ json: message });
}
