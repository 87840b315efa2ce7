import { baseSubject, findTicketNumber, formatTicketTag, replySubject, shouldSendPaymentRequest } from '../../../core/templates';

describe('replySubject', () => {
  it.each([
    ['Site down', 41, 'Re: [SG-41] Site down'],
    ['Re: Site down', 41, 'Re: [SG-41] Site down'],
    ['RE: Re: re : Site down', 41, 'Re: [SG-41] Site down'],
    ['Re: [SG-41] Site down', 41, 'Re: [SG-41] Site down'],
    ['[SG-41] Re: Site down', 41, 'Re: [SG-41] Site down'],
    ['Re: [SG-41] Re: [sg-41] Site down', 41, 'Re: [SG-41] Site down'],
    ['TR: Fwd: Facture impayée', 7, 'Re: [SG-7] Facture impayée'],
    ['AW: SV: Problem', 7, 'Re: [SG-7] Problem'],
    ['Refund request', 7, 'Re: [SG-7] Refund request'],
    ['', 7, 'Re: [SG-7]'],
    ['Re: Hello', null, 'Re: Hello'],
  ])('%j (ticket %j) → %j', (subject, ticket, expected) => {
    expect(replySubject(subject, ticket)).toBe(expected);
  });

  it('expresses Mailswap style "Re: [1527] subject" without repeating the tag', () => {
    expect(replySubject('Bounce issue', 1527, '[{{number}}]')).toBe('Re: [1527] Bounce issue');
    expect(replySubject('Re: [1527] Bounce issue', 1527, '[{{number}}]')).toBe('Re: [1527] Bounce issue');
    expect(findTicketNumber('Re: [1527] Bounce issue', '[{{number}}]')).toBe(1527);
  });

  it('reads and writes the tag, and rejects a format without {{number}}', () => {
    expect(formatTicketTag(12)).toBe('[SG-12]');
    expect(findTicketNumber('Re: [SG-12] x')).toBe(12);
    expect(findTicketNumber('no tag')).toBeNull();
    expect(baseSubject('Re: [SG-12] Re: x')).toBe('x');
    expect(() => replySubject('x', 1, '[SG]')).toThrow(/must contain \{\{number\}\}/);
  });
});

describe('shouldSendPaymentRequest', () => {
  const open = { createdAt: '2026-11-23T10:00:00Z', stripeSessionId: 'cs_1' };
  it('sends a new link, and an open link once', () => {
    expect(shouldSendPaymentRequest(null, '2026-11-23T11:00:00Z').send).toBe(true);
    expect(shouldSendPaymentRequest(open, null).send).toBe(true);
    expect(shouldSendPaymentRequest(open, '2026-11-23T09:00:00Z').send).toBe(true);
  });
  it('does not answer again (an out-of-office loop stops here)', () => {
    const d = shouldSendPaymentRequest(open, new Date('2026-11-23T10:00:05Z'));
    expect(d).toEqual({ send: false, reason: 'payment link cs_1 already sent; not answering again' });
  });
});
