/**
 * One raw MIME message in the shapes the triggers hand to Classify Support Email, so the eval
 * scores what each trigger really gives (headers or none, full body or a preview). The shapes
 * follow the n8n outputs recorded in test/fixtures/email/n8n/ (built here with mailparser, as
 * n8n does); Outlook "Raw" carries no internet headers, as the n8n trigger returns it.
 */
import libmime from 'libmime';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { normalizeAny } from '../../core/email';
import type { SupportEmail } from '../../core/email/types';

export const SHAPES = ['raw', 'imap-simple', 'imap-resolved', 'gmail-full', 'gmail-simple', 'outlook-raw', 'outlook-simple'] as const;
export type Shape = (typeof SHAPES)[number];

function addresses(a: AddressObject | AddressObject[] | undefined): Array<{ name: string; address: string }> {
  const list = Array.isArray(a) ? a : a ? [a] : [];
  return list.flatMap((o) => o.value).map((v) => ({ name: v.name ?? '', address: v.address ?? '' }));
}

function text(a: AddressObject | AddressObject[] | undefined): string | undefined {
  return Array.isArray(a) ? a.map((o) => o.text).join(', ') : a?.text;
}

function headerLines(mail: ParsedMail): Record<string, string> {
  // n8n turns headerLines into {key: line}; a repeated header keeps its last line.
  return Object.fromEntries(mail.headerLines.map((h) => [h.key, h.line]));
}

function decodedHeaders(mail: ParsedMail): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of mail.headerLines) {
    if (['from', 'to', 'cc', 'subject', 'date'].includes(h.key) || out[h.key] !== undefined) continue;
    const value = h.line
      .slice(h.line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
    out[h.key] = libmime.decodeWords(value);
  }
  return out;
}

function preview(body: string, max: number): string {
  return body.replace(/\s+/g, ' ').trim().slice(0, max);
}

function mailparserShape(mail: ParsedMail): Record<string, unknown> {
  return {
    headers: headerLines(mail),
    text: mail.text ?? '',
    subject: mail.subject ?? '',
    date: mail.date?.toISOString(),
    from: mail.from,
    to: mail.to,
    cc: mail.cc,
    messageId: mail.messageId,
    inReplyTo: mail.inReplyTo,
    references: mail.references,
    html: mail.html || false,
  };
}

/** The item the trigger of `shape` would hand over for this raw message. */
export async function itemFor(shape: Exclude<Shape, 'raw'>, raw: string): Promise<unknown> {
  const mail = await simpleParser(raw, { skipTextToHtml: true, skipImageLinks: true, checksumAlgo: false });
  const body = mail.text ?? '';
  const hasAttachments = mail.attachments.length > 0;
  const id = 'eval-0001';
  switch (shape) {
    case 'imap-resolved':
      return { json: { ...mailparserShape(mail), attributes: { uid: 1 } } };
    case 'gmail-full':
      return { json: { id, threadId: id, labelIds: ['INBOX'], ...mailparserShape(mail) } };
    case 'imap-simple':
      return {
        json: {
          textPlain: body,
          textHtml: mail.html || '',
          metadata: decodedHeaders(mail),
          attributes: { uid: 1 },
          from: text(mail.from),
          to: text(mail.to),
          cc: text(mail.cc),
          subject: mail.subject ?? '',
          date: mail.date?.toUTCString(),
        },
      };
    case 'gmail-simple': {
      const subjectLine = mail.headerLines.find((h) => h.key === 'subject')?.line ?? 'Subject: ';
      return {
        json: {
          id,
          threadId: id,
          snippet: preview(body, 200),
          payload: {
            mimeType: mail.headers.get('content-type')
              ? String((mail.headers.get('content-type') as { value?: string }).value ?? '')
              : 'text/plain',
          },
          internalDate: String(mail.date?.getTime() ?? Date.now()),
          labels: [{ id: 'INBOX', name: 'INBOX' }],
          From: text(mail.from),
          To: text(mail.to),
          ...(mail.cc ? { Cc: text(mail.cc) } : {}),
          Subject: subjectLine.slice(subjectLine.indexOf(':') + 1).trim(),
        },
      };
    }
    case 'outlook-raw': {
      const from = addresses(mail.from)[0];
      return {
        json: {
          id,
          conversationId: 'conv-0001',
          internetMessageId: mail.messageId,
          subject: mail.subject ?? '',
          bodyPreview: preview(body, 255),
          body: mail.html ? { contentType: 'html', content: mail.html } : { contentType: 'text', content: body },
          from: { emailAddress: from },
          sender: { emailAddress: from },
          toRecipients: addresses(mail.to).map((emailAddress) => ({ emailAddress })),
          ccRecipients: addresses(mail.cc).map((emailAddress) => ({ emailAddress })),
          hasAttachments,
          receivedDateTime: mail.date?.toISOString(),
        },
      };
    }
    case 'outlook-simple':
      return {
        json: {
          id,
          conversationId: 'conv-0001',
          subject: mail.subject ?? '',
          bodyPreview: preview(body, 255),
          from: addresses(mail.from)[0]?.address,
          to: addresses(mail.to).map((a) => a.address),
          categories: [],
          hasAttachments,
        },
      };
  }
}

/** The SupportEmail Classify sees when this raw message arrives through `shape`. */
export async function emailAs(shape: Shape, raw: string): Promise<SupportEmail> {
  return normalizeAny(shape === 'raw' ? raw : await itemFor(shape, raw));
}

export const LIST_WRAPPERS = ['mailman', 'google-groups', 'google-groups-one-click', 'bulk-list'] as const;
export type ListWrapper = (typeof LIST_WRAPPERS)[number];

/**
 * The same mail relayed by a discussion list: the list headers a Mailman list, a Google Group or
 * a list marking posts "Precedence: bulk" adds (and Mailman's subject prefix). The body is kept.
 */
export function relayThroughList(raw: string, wrapper: ListWrapper): string {
  const cut = raw.search(/\r?\n\r?\n/);
  const nl = raw.includes('\r\n') ? '\r\n' : '\n';
  let head = raw.slice(0, cut);
  const rest = raw.slice(cut);
  const list = 'support.lists.example.org';
  const added: Record<ListWrapper, string[]> = {
    mailman: [
      'Precedence: list',
      `List-Id: Support <${list}>`,
      `List-Post: <mailto:support@lists.example.org>`,
      `List-Unsubscribe: <https://lists.example.org/mailman/options/support>, <mailto:support-request@lists.example.org?subject=unsubscribe>`,
      `List-Archive: <https://lists.example.org/pipermail/support/>`,
      `List-Help: <mailto:support-request@lists.example.org?subject=help>`,
      'Errors-To: support-bounces@lists.example.org',
      'Sender: "Support" <support-bounces@lists.example.org>',
      'X-BeenThere: support@lists.example.org',
    ],
    'google-groups': [
      'Precedence: list',
      'Mailing-list: list support@example.org; contact support+owners@example.org',
      `List-ID: <support.example.org>`,
      'List-Post: <https://groups.google.com/a/example.org/group/support/post>, <mailto:support@example.org>',
      'List-Help: <https://support.google.com/a/example.org/bin/topic.py?topic=25838>, <mailto:support+help@example.org>',
      'List-Archive: <https://groups.google.com/a/example.org/group/support/>',
      'List-Unsubscribe: <mailto:googlegroups-manage+123+unsubscribe@googlegroups.com>, <https://groups.google.com/a/example.org/group/support/subscribe>',
      'X-Original-Sender: client@client.example',
    ],
    // A group that also adds RFC 8058 one-click unsubscribe to each post (bulk-sender rules).
    'google-groups-one-click': [
      'Precedence: list',
      'Mailing-list: list support@example.org; contact support+owners@example.org',
      'List-ID: <support.example.org>',
      'List-Post: <mailto:support@example.org>',
      'List-Unsubscribe: <mailto:googlegroups-manage+123+unsubscribe@googlegroups.com>, <https://groups.google.com/a/example.org/group/support/unsubscribe?token=x>',
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    ],
    'bulk-list': [
      'Precedence: bulk',
      `List-Id: <${list}>`,
      'List-Post: <mailto:support@lists.example.org>',
      'List-Unsubscribe: <mailto:sympa@lists.example.org?subject=unsubscribe%20support>',
    ],
  };
  if (wrapper === 'mailman') head = head.replace(/^Subject:[ \t]?/im, 'Subject: [Support] ');
  head += nl + added[wrapper].join(nl);
  return head + rest;
}
