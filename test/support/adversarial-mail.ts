/**
 * Mail built to hit the worst case of text processing: bodies that made regular expressions
 * backtrack, and MIME structures that stress the parser. Shared by the property tests
 * (test/unit/email/adversarial-mail.property.test.ts) and the benchmark (bench/mail.ts), so the
 * figure measures the same shapes the tests hold to the rules.
 */

/** The body size the worst-case figure is measured at: a large but ordinary mail. */
export const BODY_SIZE = 64 * 1024;

/** `unit` repeated to exactly `size` characters (none for a size below 1). */
export function fill(unit: string, size: number): string {
  const n = Math.max(0, Math.floor(size));
  return unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
}

/** A repeatable pseudo-random byte string (base64 payloads must not compress to one pattern). */
function bytes(size: number, seed = 1): Buffer {
  const out = Buffer.alloc(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (Math.imul(x, 1103515245) + 12345) | 0;
    out[i] = x >>> 24;
  }
  return out;
}

/**
 * Bodies by name, each `size` characters of one shape an attacker (or a broken mailer) can send.
 * Each name is a pattern that once cost quadratic time somewhere, or is close to one.
 */
export const ADVERSARIAL_BODIES: Record<string, (size: number) => string> = {
  noPunctuation: (n) => fill('lorem ipsum dolor sit amet ', n),
  oneLongLine: (n) => fill('x', n),
  punctuationOnly: (n) => fill('.!?', n),
  blankLines: (n) => `${fill('\n', n - 1)}x`,
  spacesAndNewlines: (n) => `a${fill(' \n', n - 2)}b`,
  spaceRunInLine: (n) => `a${fill(' ', n - 2)}b`,
  digitRun: (n) => fill('1', n),
  amountsWithoutCurrency: (n) => fill('12,5 ', n),
  deepQuotes: (n) => fill(`${'> '.repeat(200)}quoted\n`, n),
  attributionLines: (n) => fill('On Monday 3 June Bob Martin said\n', n),
  quoteHeaderLike: (n) => `From${fill(' ', n - 5)}x`,
  outlookSeparatorThenLongFrom: (n) => `Body\n${'_'.repeat(20)}\nFrom${fill(' ', n - 30)}x`,
  stackTraceLike: (n) => fill('\n   at ', n),
  inlineQuoteLike: (n) => fill('On ', n),
  bracketsAndTags: (n) => fill('[SG-(#1 ', n),
  placeholders: (n) => fill('{{   ', n),
  dotsAndAngles: (n) => `x${fill('.>', n - 2)}y`,
  base64Line: (n) =>
    bytes(Math.ceil((n * 3) / 4))
      .toString('base64')
      .slice(0, n),
  unicodeBlanks: (n) => fill('é\u00a0\u2028\u3000', n),
  mobileSignatureLike: (n) => `Sent from my x${fill(' ', n - 16)}y`,
};

const HEAD = 'From: Client <client@example.com>\r\nTo: support@agency.example\r\nMessage-ID: <adversarial@example.com>\r\n';

/** A plain-text mail around a body (8bit: the parser hands the body through as is). */
export function plainMail(body: string, subject = 'Help needed'): string {
  return `${HEAD}Subject: ${subject}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${body}\r\n`;
}

/** Raw mails by name, each about `size` bytes of one MIME shape that stresses the parser. */
export const ADVERSARIAL_RAW: Record<string, (size: number) => string> = {
  plainText: (n) => plainMail(fill('The site does not load since this morning. ', n)),
  htmlOnly: (n) =>
    `${HEAD}Subject: html\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${fill('<div><p>The site <b>does not</b> load.</p></div>\r\n', n)}`,
  alternative: (n) =>
    multipart('alternative', [
      ['text/plain; charset=utf-8', fill('The site does not load. ', n / 2)],
      ['text/html; charset=utf-8', fill('<p>The site does not load.</p>', n / 2)],
    ]),
  attachment: (n) =>
    multipart('mixed', [
      ['text/plain; charset=utf-8', 'Screenshot attached, the checkout fails.'],
      ['image/png; name="shot.png"', wrap76(bytes(Math.floor((n * 3) / 4)).toString('base64')), 'base64'],
    ]),
  base64TextOneLine: (n) =>
    `${HEAD}Subject: b64\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from(fill('The site does not load ', Math.floor((n * 3) / 4))).toString('base64')}\r\n`,
  thousandsOfHeaders: (n) =>
    `${Array.from({ length: Math.floor(n / 40) }, (_, i) => `X-Filler-${i}: value ${i}\r\n`).join('')}${plainMail('Body after many headers.')}`,
  manyParts: (n) =>
    multipart(
      'mixed',
      Array.from(
        { length: Math.min(900, Math.max(2, Math.floor(n / 200))) },
        (_, i) => ['text/plain; charset=utf-8', `part ${i} text`] as Part,
      ),
    ),
  deepMultipart: () => nested(60),
  truncatedMultipart: (n) =>
    multipart('mixed', [['text/plain; charset=utf-8', fill('Truncated body ', n)]]).slice(0, Math.max(200, n - 10)),
  oddCharset: (n) =>
    `${HEAD}Subject: =?x-unknown?Q?caf=E9?=\r\nContent-Type: text/plain; charset=x-nonexistent-42\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${bytes(n, 7).toString('latin1')}\r\n`,
  utf7Charset: (n) => `${HEAD}Subject: utf7\r\nContent-Type: text/plain; charset=utf-7\r\n\r\n${fill('+AGEAYgBj- abc +ZeVnLIqe-', n)}\r\n`,
  brokenQuotedPrintable: (n) =>
    `${HEAD}Subject: qp\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${fill('=E9=Z=\r\n=', n)}\r\n`,
};

type Part = [contentType: string, body: string, encoding?: string];

function multipart(kind: string, parts: Part[], boundary = `b-${kind}-${parts.length}`): string {
  const body = parts
    .map(
      ([type, content, enc]) =>
        `--${boundary}\r\nContent-Type: ${type}\r\n${enc ? `Content-Transfer-Encoding: ${enc}\r\n` : ''}\r\n${content}\r\n`,
    )
    .join('');
  return `${HEAD}Subject: ${kind}\r\nMIME-Version: 1.0\r\nContent-Type: multipart/${kind}; boundary="${boundary}"\r\n\r\n${body}--${boundary}--\r\n`;
}

/** Multiparts inside multiparts, `depth` levels deep, one text part at the bottom. */
function nested(depth: number): string {
  let inner = 'Content-Type: text/plain; charset=utf-8\r\n\r\nDeep body text.\r\n';
  for (let d = 0; d < depth; d++) inner = `Content-Type: multipart/mixed; boundary="n${d}"\r\n\r\n--n${d}\r\n${inner}--n${d}--\r\n`;
  return `${HEAD}Subject: deep\r\nMIME-Version: 1.0\r\n${inner}`;
}

function wrap76(base64: string): string {
  return base64.replace(/.{76}/g, '$&\r\n');
}
