import { simpleParser, type ParsedMail } from 'mailparser';
import { buildSupportEmail } from './build';
import { HTML_CAP } from './clean-text';
import { bagFromHeaderLines } from './headers';
import { partsFromParsedMail } from './parsed-mail';
import { boundRaw } from './raw-bounds';
import { EmailInputError, type EmailSource, type SupportEmail } from './types';

/** mailparser with the options every normalizer uses; `input` is already bounded (boundRaw). */
export async function parseMime(input: string | Buffer): Promise<ParsedMail> {
  return simpleParser(input, {
    skipTextToHtml: true,
    skipImageLinks: true,
    skipTextLinks: true,
    // Longer HTML-only bodies are left to htmlToPlainText, which converts their first HTML_CAP
    // characters: mailparser converts a body whole (about 0.3 s for 2 MB of markup).
    maxHtmlLengthToParse: HTML_CAP,
    checksumAlgo: false,
  });
}

/** A raw RFC 822 message (text or Buffer), parsed with mailparser's simpleParser. */
export async function normalizeRfc822(
  raw: string | Buffer,
  source: EmailSource = 'rfc822',
  extra: { providerId?: string; threadId?: string; expectedAuthservId?: string } = {},
): Promise<SupportEmail> {
  if ((typeof raw !== 'string' && !Buffer.isBuffer(raw)) || raw.length === 0) {
    throw new EmailInputError('raw', 'The raw message is empty: pass the full RFC 822 source (headers and body) as text or a Buffer.');
  }
  const { input, bodyCut } = boundRaw(raw);
  let mail: ParsedMail;
  try {
    mail = await parseMime(input);
  } catch (err) {
    throw new EmailInputError(
      'raw',
      `The raw message could not be parsed as MIME (${(err as Error).message}); pass the unmodified RFC 822 source.`,
    );
  }
  if (mail.headerLines.length === 0) {
    throw new EmailInputError('raw', 'The raw message has no header section: pass the full RFC 822 source, headers included.');
  }
  const parts = partsFromParsedMail(mail as unknown as Record<string, unknown>, source, bagFromHeaderLines(mail.headerLines), 'all', {
    ...extra,
    bodyCut,
  });
  return buildSupportEmail(parts);
}
