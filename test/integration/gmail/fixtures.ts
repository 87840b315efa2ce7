/** Mail fixtures and a ready server + client pair for the Gmail integration tests. */
import { gmail } from '../../../core';
import { GmailTestServer } from '../../support/gmail-server';

export const TOKEN = 'ya29.test-access-token';

export function clientMail(opts: {
  messageId: string;
  from?: string;
  subject?: string;
  references?: string;
  inReplyTo?: string;
  body?: string;
}): string {
  return [
    `From: ${opts.from ?? 'Alice Client <alice@client.test>'}`,
    'To: support@acme.test',
    `Subject: ${opts.subject ?? 'Site down'}`,
    `Message-ID: ${opts.messageId}`,
    ...(opts.inReplyTo ? [`In-Reply-To: ${opts.inReplyTo}`] : []),
    ...(opts.references ? [`References: ${opts.references}`] : []),
    'Date: Tue, 24 Nov 2026 10:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    opts.body ?? 'Hello, our site is down since this morning. Can you help?',
    '',
  ].join('\r\n');
}

export async function startGmail(): Promise<{ server: GmailTestServer; client: gmail.GmailClient }> {
  const server = await new GmailTestServer({ accessToken: TOKEN }).start();
  const client = gmail.createGmailClient({ accessToken: TOKEN }, { rootUrl: server.rootUrl, retry: false });
  return { server, client };
}
