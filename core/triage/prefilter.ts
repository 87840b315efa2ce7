import type { SupportEmail } from '../email/types';
import type { Category } from './types';

export type PrefilterDecision =
  | { decided: true; isSupport: false; category: Category; rule: PrefilterRule; reason: string }
  | { decided: false };

export type PrefilterRule =
  | 'bounce_dsn'
  | 'bounce_sender'
  | 'read_receipt'
  | 'auto_submitted'
  | 'x_autoreply'
  | 'precedence_auto_reply'
  | 'precedence_bulk'
  | 'out_of_office_subject'
  | 'list_one_click_unsubscribe'
  | 'list_without_post'
  | 'noreply_sender'
  | 'spam_verdict'
  | 'bulk_mailer'
  | 'null_return_path'
  | 'empty_body';

const NOREPLY_LOCAL =
  /^(no[-_.]?reply|do[-_.]?not[-_.]?reply|donotreply|ne[-_.]?pas[-_.]?r[ée]pondre|nepasrepondre|no[-_.]?response)([-+_.].*)?$/i;
const BOUNCE_LOCAL = /^(mailer-daemon|postmaster)$/i;
/** Subject prefixes mail clients put on automatic replies (FR/EN), anchored at the start. */
const OOO_SUBJECT =
  /^\s*(automatic reply|auto[- ]?reply|autoreply|out of (the )?office|r[ée]ponse automatique|absence du bureau|absent\(e\)? du bureau|message d'absence|r[ée]ponse en cas d'absence)\s*(:|-|$)/i;

/** Mailing software that only sends campaigns and newsletters, never a person's own message. */
const BULK_MAILER =
  /\b(accucast|listmanager|mailbeamer|targetmail|mailchimp|phplist|sendinblue|brevo|mailjet|campaign monitor|constant contact|getresponse|mailpoet|sendy|acumbamail|mautic|klaviyo|listmonk|emailvision|smartfocus|exacttarget|silverpop|cheetahmail)\b/i;
/** Campaign ids the bulk senders stamp (Mailchimp, Brevo, Mailjet, Campaign Monitor). */
const CAMPAIGN_HEADERS = ['x-mc-user', 'x-mailin-campaign', 'x-mailjet-campaign', 'x-cmail-groupname', 'x-campaign-id', 'x-campaignid'];

/**
 * The receiving server's own spam verdict: SpamAssassin's X-Spam-Flag/X-Spam-Status "Yes",
 * Exchange Online's spam confidence level 5 to 9 (what it files in Junk) or its SFV:SPM verdict.
 */
function spamVerdict(h: Record<string, string | undefined>): string | undefined {
  if (/^\s*yes\b/i.test(h['x-spam-flag'] ?? '')) return 'X-Spam-Flag: YES';
  if (/^\s*yes\b/i.test(h['x-spam-status'] ?? '')) return 'X-Spam-Status: Yes';
  const scl = Number.parseInt(h['x-ms-exchange-organization-scl'] ?? '', 10);
  if (scl >= 5 && scl <= 9) return `Exchange spam confidence level ${scl}`;
  if (/\bSFV:SPM\b/.test(h['x-forefront-antispam-report'] ?? '')) return 'Exchange verdict SFV:SPM';
  return undefined;
}

function decide(category: Category, rule: PrefilterRule, reason: string): PrefilterDecision {
  return { decided: true, isSupport: false, category, rule, reason };
}

/**
 * Rules that decide without an LLM, only when certain. Anything doubtful passes on.
 *
 * Mailing lists: a client's message relayed by a discussion group (a Google Group used as a
 * support inbox, Mailman) carries List-Id, List-Post and often "Precedence: list" or "bulk". Such
 * a mail is passed on: only bulk markers decide — Precedence bulk/junk outside a discussion post, one-click unsubscribe
 * (RFC 8058 List-Unsubscribe-Post) on a list nobody posts to, or list headers without a usable
 * List-Post (announcement lists, newsletters, "List-Post: NO"). Auto-reply markers win over "Re:" subjects (RFC 3834).
 */
export function prefilter(email: SupportEmail): PrefilterDecision {
  const h = email.headers;
  const local = email.from.address.split('@')[0];
  const contentType = (h['content-type'] ?? '').toLowerCase();

  if (contentType.startsWith('multipart/report') && /report-type\s*=\s*"?delivery-status/.test(contentType)) {
    return decide('auto_reply', 'bounce_dsn', 'delivery status notification (multipart/report; report-type=delivery-status)');
  }
  if (contentType.startsWith('multipart/report') && /report-type\s*=\s*"?disposition-notification/.test(contentType)) {
    return decide('auto_reply', 'read_receipt', 'read receipt (report-type=disposition-notification)');
  }
  if (BOUNCE_LOCAL.test(local)) return decide('auto_reply', 'bounce_sender', `sender ${email.from.address} is a mail system`);

  const autoSubmitted = h['auto-submitted']?.trim().toLowerCase();
  if (autoSubmitted && !autoSubmitted.startsWith('no')) {
    return decide('auto_reply', 'auto_submitted', `Auto-Submitted: ${autoSubmitted}`);
  }
  if (h['x-autoreply'] !== undefined || h['x-autorespond'] !== undefined) {
    return decide('auto_reply', 'x_autoreply', 'X-Autoreply / X-Autorespond header');
  }
  const precedence = h['precedence']?.trim().toLowerCase();
  if (precedence === 'auto_reply') return decide('auto_reply', 'precedence_auto_reply', 'Precedence: auto_reply');
  // Many list servers mark every relayed post "Precedence: bulk" or "list": a discussion-list post
  // (a client's question relayed by a group) is never decided by that header alone. "List-Post: NO"
  // (RFC 2369) is an announcement list: nobody can post to it.
  const listPost = h['list-post'] !== undefined && !/^\s*no\b/i.test(h['list-post']);
  const discussionPost = listPost || (h['list-id'] !== undefined && h['list-unsubscribe-post'] === undefined && !NOREPLY_LOCAL.test(local));
  if ((precedence === 'bulk' || precedence === 'junk') && !discussionPost)
    return decide('newsletter', 'precedence_bulk', `Precedence: ${precedence}`);
  if (OOO_SUBJECT.test(email.subject))
    return decide('auto_reply', 'out_of_office_subject', `out-of-office subject "${email.subject.slice(0, 80)}"`);

  // A group may add one-click unsubscribe to every post too: a list one can post to is a discussion.
  if (h['list-unsubscribe-post'] !== undefined && h['list-unsubscribe'] !== undefined && !listPost) {
    return decide('newsletter', 'list_one_click_unsubscribe', 'one-click List-Unsubscribe (RFC 8058): bulk sender');
  }
  if ((h['list-unsubscribe'] !== undefined || h['list-id'] !== undefined) && !listPost) {
    return decide('newsletter', 'list_without_post', 'list headers without List-Post: announcement list or newsletter');
  }
  if (NOREPLY_LOCAL.test(local)) return decide('other', 'noreply_sender', `no-reply sender ${email.from.address}`);
  const verdict = spamVerdict(h);
  if (verdict) return decide('spam', 'spam_verdict', `the receiving server filed it as spam (${verdict})`);
  const mailer = h['x-mailer'] ?? '';
  if (BULK_MAILER.test(mailer)) return decide('newsletter', 'bulk_mailer', `sent by campaign software (X-Mailer: ${mailer.slice(0, 60)})`);
  const campaign = CAMPAIGN_HEADERS.find((name) => h[name] !== undefined);
  if (campaign) return decide('newsletter', 'bulk_mailer', `campaign header ${campaign}`);
  if (h['return-path']?.replace(/\s/g, '') === '<>')
    return decide('auto_reply', 'null_return_path', 'null envelope sender (Return-Path: <>)');

  if (
    email.attachments.count === 0 &&
    !meaningful(email.subject.replace(/^\s*((re|fw|fwd|tr|réf)\s*:\s*)+/i, '')) &&
    !meaningful(email.text)
  ) {
    return decide('other', 'empty_body', 'no readable text in subject or body and no attachment');
  }
  return { decided: false };
}

/** At least a few letters, and not mostly replacement characters (undecodable charset). */
function meaningful(text: string): boolean {
  const sample = text.slice(0, 2000);
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  // Replacement characters and C0 controls are what an undecodable body turns into.
  // eslint-disable-next-line no-control-regex
  const garbage = sample.match(/[\uFFFD\u0000-\u0008]/g)?.length ?? 0;
  return letters >= 3 && garbage * 3 < letters;
}
