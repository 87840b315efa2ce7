/** Sends a reply inside the client's Gmail thread (users.messages.send with raw + threadId). */
import type { GmailClient } from './client';
import { toGmailError } from './errors';
import { buildMime, buildReplyMime, type OutgoingMail, type ThreadReply } from './mime';

export interface SentReply {
  /** Gmail id of the sent message. */
  id: string;
  threadId: string;
  labelIds: string[];
}

export async function sendThreadReply(client: GmailClient, reply: ThreadReply): Promise<SentReply> {
  const mime = await buildReplyMime(reply);
  try {
    const res = await client.api.users.messages.send({
      userId: client.userId,
      requestBody: { raw: mime.toString('base64url'), threadId: reply.threadId.trim() },
    });
    return { id: res.data.id ?? '', threadId: res.data.threadId ?? reply.threadId, labelIds: res.data.labelIds ?? [] };
  } catch (err) {
    throw toGmailError(err, 'sending the reply');
  }
}

/** A new message (staff notice, payment confirmation), filed in a thread when threadId is given. */
export async function sendMail(client: GmailClient, mail: OutgoingMail & { threadId?: string }): Promise<SentReply> {
  const mime = await buildMime(mail);
  try {
    const res = await client.api.users.messages.send({
      userId: client.userId,
      requestBody: { raw: mime.toString('base64url'), ...(mail.threadId ? { threadId: mail.threadId } : {}) },
    });
    return { id: res.data.id ?? '', threadId: res.data.threadId ?? '', labelIds: res.data.labelIds ?? [] };
  } catch (err) {
    throw toGmailError(err, 'sending the email');
  }
}
