import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { ConnectorEntry, EmittedMessage } from './connector-registry';

/**
 * One trigger item per new mail: `email` is the SupportEmail the SupportGate nodes read
 * (Check Sender Credits takes it as is); `graph` holds the ids the Outlook actions need.
 */
export function itemOf({ email, message }: EmittedMessage, entry: Pick<ConnectorEntry, 'mailbox' | 'folder'>): INodeExecutionData {
  const graph = {
    id: message.id,
    conversationId: message.conversationId,
    internetMessageId: message.internetMessageId,
    mailbox: entry.mailbox,
    folder: entry.folder,
    categories: message.categories ?? [],
    receivedDateTime: message.receivedDateTime,
  };
  return { json: { email, graph } as unknown as IDataObject };
}
