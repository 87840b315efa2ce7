// Hostile mail through the whole intake: normalize → pre-filter → offline classification. fast-check
// draws the shapes (test/support/adversarial-mail.ts), their sizes and what they are mixed with,
// and shrinks a failure to the smallest mail that still breaks a rule.
import fc from 'fast-check';
import { checkAuthenticity } from '../../../core/email/authenticity';
import { normalizeAny } from '../../../core/email/normalize-any';
import { normalizeRfc822 } from '../../../core/email/rfc822';
import { EmailInputError, supportEmailSchema, TEXT_CAP, type SupportEmail } from '../../../core/email/types';
import { classify } from '../../../core/triage/classify';
import { classificationSchema } from '../../../core/triage/types';
import { ADVERSARIAL_BODIES, ADVERSARIAL_RAW, BODY_SIZE, plainMail } from '../../support/adversarial-mail';

/** One mail's whole intake; the quadratic patterns took 4-7 s here, linear code a few ms. */
const BUDGET_MS = 1500;

/** Text made of the characters the old patterns choked on, mixed with a shape. */
const hostileText = fc
  .tuple(
    fc.constantFrom(...Object.values(ADVERSARIAL_BODIES)),
    fc.integer({ min: 1, max: BODY_SIZE }),
    fc.string({
      unit: fc.constantFrom(
        ' ',
        '\n',
        '\r',
        '\t',
        '.',
        '>',
        '1',
        'a',
        'On ',
        'From:',
        '*',
        '_',
        '-',
        '{{',
        '[',
        '(',
        '=',
        '"',
        'é',
        '\u00a0',
      ),
      maxLength: 200,
    }),
  )
  .map(([shape, size, noise]) => `${noise}${shape(size)}${noise}`);

async function intake(raw: string | Buffer): Promise<{ email?: SupportEmail; error?: unknown }> {
  try {
    return { email: await normalizeRfc822(raw) };
  } catch (error) {
    return { error };
  }
}

async function expectWellFormedTriage(email: SupportEmail): Promise<void> {
  expect(supportEmailSchema.safeParse(email).success).toBe(true);
  expect(email.text.length).toBeLessThanOrEqual(TEXT_CAP);
  expect(['authentic', 'unverified', 'spoofed']).toContain(checkAuthenticity(email).verdict);
  const result = await classify(email);
  expect(['support', 'not_support', 'needs_review']).toContain(result.route);
  expect(['rule', 'offline']).toContain(result.decidedBy);
  expect(classificationSchema.safeParse(result.classification).success).toBe(true);
  expect(result.classification.summary.length).toBeLessThanOrEqual(1000);
}

test('hostile bodies: a SupportEmail and a route, or an EmailInputError, within the budget', async () => {
  await fc.assert(
    fc.asyncProperty(hostileText, fc.string({ maxLength: 300 }), async (body, subject) => {
      const started = performance.now();
      const { email, error } = await intake(plainMail(body, subject.replace(/[\r\n]/g, ' ')));
      if (error) expect(error).toBeInstanceOf(EmailInputError);
      else await expectWellFormedTriage(email!);
      expect(performance.now() - started).toBeLessThan(BUDGET_MS);
    }),
    { numRuns: 40 },
  );
});

test('every named 64 KB shape on its own classifies within the budget', async () => {
  for (const [name, shape] of Object.entries(ADVERSARIAL_BODIES)) {
    const started = performance.now();
    const { email, error } = await intake(plainMail(shape(BODY_SIZE)));
    expect(error).toBeUndefined();
    await expectWellFormedTriage(email!);
    const ms = performance.now() - started;
    if (ms >= BUDGET_MS) throw new Error(`${name} took ${ms.toFixed(0)} ms`);
  }
});

test('hostile MIME (headers, parts, nesting, charsets, truncation, base64): typed errors only', async () => {
  const shapes = Object.entries(ADVERSARIAL_RAW);
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...shapes),
      fc.integer({ min: 256, max: 256 * 1024 }),
      fc.nat({ max: 1000 }),
      fc.boolean(),
      async ([, shape], size, cutAt, asBuffer) => {
        const full = shape(size);
        // Half of the cases cut the mail anywhere: a connection that dropped mid-message.
        const raw = cutAt % 2 ? full.slice(0, Math.max(1, Math.floor((full.length * cutAt) / 1000))) : full;
        const started = performance.now();
        const { email, error } = await intake(asBuffer ? Buffer.from(raw, 'latin1') : raw);
        if (error) expect(error).toBeInstanceOf(EmailInputError);
        else await expectWellFormedTriage(email!);
        expect(performance.now() - started).toBeLessThan(BUDGET_MS);
      },
    ),
    { numRuns: 30 },
  );
});

test('hostile text in the trigger items of Gmail, Outlook and IMAP: typed errors only', async () => {
  const item = fc.constantFrom(
    (t: string) => ({
      id: 'g1',
      threadId: 't1',
      snippet: t,
      payload: {
        headers: [
          { name: 'From', value: 'a@b.example' },
          { name: 'Subject', value: t.slice(0, 500) },
        ],
      },
    }),
    (t: string) => ({
      id: 'o1',
      subject: t.slice(0, 500),
      from: { emailAddress: { address: 'a@b.example' } },
      body: { contentType: 'html', content: `<p>${t}</p>` },
    }),
    (t: string) => ({ id: 'o2', subject: 'x', from: { emailAddress: { address: 'a@b.example' } }, bodyPreview: t }),
    (t: string) => ({
      textPlain: t,
      textHtml: `<div>${t}</div>`,
      from: 'a@b.example',
      subject: t.slice(0, 200),
      metadata: { 'authentication-results': `mx.example; dkim=pass header.d=${t.slice(0, 20000)}` },
    }),
  );
  await fc.assert(
    fc.asyncProperty(item, hostileText, async (make, text) => {
      const started = performance.now();
      try {
        await expectWellFormedTriage(await normalizeAny(make(text)));
      } catch (error) {
        if (!(error instanceof EmailInputError)) throw error;
      }
      expect(performance.now() - started).toBeLessThan(BUDGET_MS);
    }),
    { numRuns: 30 },
  );
});

test('an HTML-only body past the conversion cap still gives its text, headers and route', async () => {
  const email = await normalizeRfc822(ADVERSARIAL_RAW.htmlOnly(1024 * 1024));
  expect(email.from.address).toBe('client@example.com');
  expect(email.text).toContain('The site does not load.');
  expect(email.textTruncated).toBe(true);
  await expectWellFormedTriage(email);
});
