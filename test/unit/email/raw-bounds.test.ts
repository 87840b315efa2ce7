import { boundRaw, SINGLE_PART_BODY_CAP } from '../../../core/email/raw-bounds';
import { normalizeRfc822 } from '../../../core/email/rfc822';
import { fill } from '../../support/adversarial-mail';

const HEAD = 'From: a@b.example\r\nTo: support@agency.example\r\nSubject: big\r\nMessage-ID: <big@b.example>\r\n';
const big = fill('Le site ne fonctionne plus. ', 2 * SINGLE_PART_BODY_CAP);

test('a single-part text body past the cap is cut before parsing, and the text says truncated', async () => {
  const raw = `${HEAD}Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${big}`;
  const { input, bodyCut } = boundRaw(Buffer.from(raw));
  expect(bodyCut).toBe(true);
  expect(input.length).toBeLessThan(raw.length);
  const email = await normalizeRfc822(raw);
  expect(email.text.startsWith('Le site ne fonctionne plus.')).toBe(true);
  expect(email.textTruncated).toBe(true);
});

test('a multipart mail is kept whole: the attachment after a large text part is not lost', async () => {
  // A folded Content-Type must still be read as multipart.
  const raw = `${HEAD}MIME-Version: 1.0\r\nContent-Type:\r\n multipart/mixed; boundary="b1"\r\n\r\n--b1\r\nContent-Type: text/plain\r\n\r\n${big}\r\n--b1\r\nContent-Type: application/pdf; name="invoice.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b1--\r\n`;
  expect(boundRaw(raw).bodyCut).toBe(false);
  const email = await normalizeRfc822(raw);
  expect(email.attachments.items.map((a) => a.filename)).toEqual(['invoice.pdf']);
});

test('a single-part attachment and a small mail are not cut', () => {
  expect(boundRaw(`${HEAD}Content-Type: application/pdf\r\n\r\n${big}`).bodyCut).toBe(false);
  expect(boundRaw(`${HEAD}\r\nshort body`)).toEqual({ input: `${HEAD}\r\nshort body`, bodyCut: false });
});
