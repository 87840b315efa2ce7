/**
 * The Outlook reconcile sweep: mail of the last days in a folder that carries no SupportGate
 * category (no run finished it: the trigger missed it, or n8n lost the execution), fetched whole
 * so it goes through the intake path again. The path is idempotent per Message-ID (debits, the
 * intake journal), so a mail swept twice is charged and answered once.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import type * as MicrosoftGraph from '@microsoft/microsoft-graph-types';
import { SUPPORTGATE_CATEGORIES } from './actions';
import { wrapGraphError } from './errors';
import { fetchMessage, userPath } from './messages';
import { toSupportEmail } from './normalize';

export interface SweepOptions {
  folder?: string;
  newerThanDays: number;
  maxMessages: number;
  now?: Date;
}

const OURS = new Set<string>(Object.values(SUPPORTGATE_CATEGORIES).map((c) => c.displayName));
const handled = (m: MicrosoftGraph.Message) => (m.categories ?? []).some((c) => OURS.has(c));

interface Page {
  value?: Array<MicrosoftGraph.Message & { '@removed'?: unknown }>;
  '@odata.nextLink'?: string;
}

export async function listUncategorizedRecent(client: Client, mailbox: string, options: SweepOptions) {
  const folder = options.folder ?? 'Inbox';
  const since = new Date((options.now ?? new Date()).getTime() - options.newerThanDays * 86_400_000).toISOString();
  // A fresh delta query (no stored token): every message of the folder received since the floor.
  let url: string | undefined =
    `${userPath(mailbox)}/mailFolders/${encodeURIComponent(folder)}/messages/delta?$select=id,internetMessageId,receivedDateTime,categories&$filter=${encodeURIComponent(`receivedDateTime ge ${since}`)}`;
  const ids: string[] = [];
  while (url && ids.length < options.maxMessages) {
    let page: Page;
    try {
      page = (await client.api(url).header('Prefer', 'odata.maxpagesize=50').get()) as Page;
    } catch (err) {
      throw wrapGraphError('DELTA_FAILED', `Listing recent mail of folder ${folder} for ${mailbox}`, err);
    }
    for (const m of page.value ?? []) if (m.id && m['@removed'] === undefined && !handled(m)) ids.push(m.id);
    url = page['@odata.nextLink'];
  }
  const found: Array<{ email: ReturnType<typeof toSupportEmail>; message: MicrosoftGraph.Message }> = [];
  for (const id of ids.slice(0, options.maxMessages)) {
    const message = await fetchMessage(client, mailbox, id);
    // Categories again from the full message (the delta's may lag); our own sent copies never count.
    if (!message || handled(message) || message.from?.emailAddress?.address?.toLowerCase() === mailbox.toLowerCase()) continue;
    found.push({ email: toSupportEmail(message), message });
  }
  return { messages: found, truncated: ids.length > options.maxMessages };
}
