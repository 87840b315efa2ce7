/**
 * Headers every automatic reply carries, and the rate limit that keeps an out-of-office
 * responder from starting a mail loop with our payment requests.
 */

export interface OriginalMessage {
  /** Message-ID of the client's mail, with or without angle brackets. */
  messageId: string;
  references?: string[];
  inReplyTo?: string | null;
}

const bracket = (id: string): string => {
  const t = id.trim();
  return t.startsWith('<') ? t : `<${t}>`;
};

/** RFC 3834 Auto-Submitted, plus threading (RFC 5322 §3.6.4) and Exchange's auto-reply suppression. */
export function autoReplyHeaders(original: OriginalMessage): Record<string, string> {
  const parent = original.references?.length ? original.references : original.inReplyTo ? [original.inReplyTo] : [];
  const refs = [...new Set([...parent, original.messageId].filter(Boolean).map(bracket))];
  return {
    'Auto-Submitted': 'auto-replied',
    'X-Auto-Response-Suppress': 'All',
    'In-Reply-To': bracket(original.messageId),
    References: refs.join(' '),
  };
}

export interface SendDecision {
  send: boolean;
  reason: string;
}

/**
 * At most one payment request mail per open link: pass the account's open request (null when a
 * new link was just created for this mail) and when we last sent the account a payment request.
 */
export function shouldSendPaymentRequest(
  openRequest: { createdAt: string | Date; stripeSessionId?: string } | null,
  lastSentAt: string | Date | null | undefined,
): SendDecision {
  if (!openRequest) return { send: true, reason: 'new payment link' };
  if (!lastSentAt) return { send: true, reason: 'open link never sent' };
  const sent = new Date(lastSentAt).getTime();
  const created = new Date(openRequest.createdAt).getTime();
  if (sent >= created)
    return {
      send: false,
      reason: `payment link ${openRequest.stripeSessionId ?? ''} already sent; not answering again`.replace('  ', ' '),
    };
  return { send: true, reason: 'open link not sent since it was created' };
}
