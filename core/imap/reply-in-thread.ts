/** Reply in Thread: the composed reply, to the right recipients, threaded, tagged, filed in Sent. */
import { ImapSupportError } from './errors';
import { autoReplyHeaders, replyRecipients, taggedSubject, threadingHeaders, type ComposedReply, type RepliedMail } from './reply';
import { sendMessage, type SentMessage } from './send';
import type { MailSession } from './session';

export interface ReplyInThreadInput {
  mail: RepliedMail;
  reply: ComposedReply;
  /** The ticket tag, e.g. [SG-12]; added to the subject when it is not there yet. */
  subjectTag?: string;
  appendToSent?: boolean;
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

export async function replyInThread(session: MailSession, input: ReplyInThreadInput): Promise<SentMessage> {
  const { mail, reply } = input;
  if (!mail.messageId)
    throw new ImapSupportError(
      'imap_invalid_input',
      'The mail has no Message-ID to reply to: pass the SupportEmail of Check Sender Credits.',
      { field: 'email.messageId' },
    );
  const text = reply.text ?? '';
  if (!text.trim() && !reply.html?.trim()) {
    throw new ImapSupportError(
      'imap_invalid_input',
      'The reply has no text and no HTML: pass the output of Debit Credit / Create Payment Link, or set Reply Field.',
      { field: 'reply' },
    );
  }
  const base = reply.subject?.trim() || `Re: ${mail.subject ?? ''}`.trim();
  const { inReplyTo, references } = threadingHeaders(mail, reply);
  return sendMessage(
    session,
    {
      to: replyRecipients(mail, reply),
      subject: taggedSubject(base, input.subjectTag),
      text: text || '',
      html: reply.html || (text ? `<p>${escapeHtml(text).replace(/\n/g, '<br>')}</p>` : undefined),
      inReplyTo,
      references,
      headers: autoReplyHeaders(reply),
    },
    { appendToSent: input.appendToSent !== false },
  );
}
