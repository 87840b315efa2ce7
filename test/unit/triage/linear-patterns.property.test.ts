// The linear rewrites of the patterns that backtracked (issue 13) give the results of the former
// patterns, checked against them on short random text where the old ones are still fast; and the
// ticket and template functions that read mail stay fast on long hostile text.
import fc from 'fast-check';
import { parseAuthResults } from '../../../core/email/auth-results';
import { bodySignature, subjectFingerprint, tagRegExp } from '../../../core/tickets';
import { baseSubject, findTicketNumber, renderTemplate, replySubject } from '../../../core/templates';
import { firstSentences } from '../../../core/triage/offline';
import { extractFeatures, normalizeText } from '../../../core/triage/offline-features';
import { sentences } from '../../../core/triage/sentences';
import { BODY_SIZE, fill } from '../../support/adversarial-mail';

const RUNS = { numRuns: 300 };
const textOf = (...units: string[]) => fc.string({ unit: fc.constantFrom(...units), maxLength: 60 });

// The former patterns, kept here as the reference the rewrites must agree with.
const OLD_SENTENCES = /[^.!?]+[.!?]+/g;
const OLD_AMOUNT = /(\d+[.,]?\d*\s?(€|eur|usd|\$)|(€|\$)\s?\d)/;
const OLD_STACK = /(\n\s+at [\w.$<>]+ ?\(|traceback \(most recent|\.php on line \d|\.js:\d+:\d+|stack trace)/;
const OLD_PREFIX = /^\s*(?:re|fwd?|tr|aw|wg|sv|vs|antw|rif)\s*(?:\[\d+\]|\(\d+\))?\s*:\s*/i;

function oldFirstSentences(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  let out = '';
  for (const s of flat.match(OLD_SENTENCES) ?? [flat]) {
    if ((out + s).length > max) break;
    out += s;
  }
  return (out || flat.slice(0, max)).trim();
}

function oldSubjectFingerprint(subject: string, tag?: RegExp): string {
  let s = subject;
  for (let previous = ''; previous !== s; ) {
    previous = s;
    if (tag) s = s.replace(new RegExp(tag.source, 'gi'), ' ');
    s = s
      .replace(/\[[^\]]{0,40}\]|\(#?\d+\)/g, ' ')
      .trim()
      .replace(OLD_PREFIX, '');
  }
  return subjectFingerprint(s); // the rest (words) is unchanged
}

function oldBaseSubject(subject: string): string {
  let s = subject;
  for (let previous = ''; previous !== s; ) {
    previous = s;
    s = s
      .replace(/\[SG-(\d+)\]/gi, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(OLD_PREFIX, '');
  }
  return s;
}

describe('same results as the former patterns', () => {
  test('sentences and the summary', () => {
    fc.assert(
      fc.property(textOf('a', 'b', ' ', '.', '!', '?', '\n', 'é'), fc.integer({ min: 1, max: 40 }), (text, max) => {
        expect([...sentences(text)]).toEqual(text.match(OLD_SENTENCES) ?? []);
        expect(firstSentences(text, max)).toBe(oldFirstSentences(text, max));
      }),
      RUNS,
    );
  });

  test('the amount and stack-trace signals', () => {
    const has = (text: string, feature: string) =>
      extractFeatures({ subject: '', text, attachmentCount: 0, isReply: false }).includes(feature);
    fc.assert(
      fc.property(textOf('1', '2', '.', ',', ' ', '\n', '\t', '€', 'eur', '$', 'at ', 'a', 'f', '(', '<'), (text) => {
        const all = `\n${normalizeText(text)}`; // what extractFeatures tests: subject "" + "\n" + body
        expect(has(text, 'f:amount')).toBe(OLD_AMOUNT.test(all));
        expect(has(text, 'f:stack')).toBe(OLD_STACK.test(all));
      }),
      RUNS,
    );
  });

  test('subject fingerprints and reply subjects', () => {
    fc.assert(
      fc.property(
        textOf('Re', 'RE', 'Fwd', 'TR', 'AW', ':', ' ', '\t', '[2]', '(3)', '[SG-12]', '(#4)', 'site', 'down', '!'),
        (subject) => {
          expect(subjectFingerprint(subject)).toBe(oldSubjectFingerprint(subject));
          expect(subjectFingerprint(subject, tagRegExp('[SG-{{number}}]'))).toBe(
            oldSubjectFingerprint(subject, tagRegExp('[SG-{{number}}]')),
          );
          expect(baseSubject(subject)).toBe(oldBaseSubject(subject));
        },
      ),
      RUNS,
    );
  });

  test('Authentication-Results properties and domains', () => {
    const domain = fc.string({ unit: fc.constantFrom('a', 'b', '.', '>', '-'), minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(domain, domain, (d, pad) => {
        const parsed = parseAuthResults(`mx.example; dkim=pass header.d=${d} x${pad}y header.i=@${d}; spf=pass smtp.mailfrom=u@${d}`);
        const expected = d.toLowerCase().replace(/[>.]+$/, '') || undefined;
        expect(parsed.dkim[0]?.domain).toBe(expected);
        expect(parsed.spf?.domain).toBe(expected);
      }),
      RUNS,
    );
  });
});

describe('ticket and template functions on long hostile text', () => {
  const hostile = fc
    .tuple(fc.constantFrom('Re: ', 're ', ' ', '\n', '[SG-', '(#1', '{{ ', '1', 'a.', '>'), fc.integer({ min: 1000, max: BODY_SIZE }))
    .map(([unit, size]) => fill(unit, size));

  test('finish quickly and return strings', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const started = performance.now();
        expect(typeof subjectFingerprint(text, tagRegExp('[SG-{{number}}]'))).toBe('string');
        expect(typeof bodySignature(text)).toBe('string');
        expect(typeof replySubject(text, 12)).toBe('string');
        findTicketNumber(text);
        const reply = renderTemplate(
          'ticket_opened',
          { client_name: text, ticket: '[SG-1]', project: 'Acme', balance: '2 credits left' },
          { language: 'en' },
        );
        expect(reply.text).toContain(text);
        expect(performance.now() - started).toBeLessThan(1000);
      }),
      { numRuns: 25 },
    );
  });
});
