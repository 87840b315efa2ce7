/**
 * How much of a raw message goes to mailparser. Parsing is linear, but decoding 10 MB of a
 * quoted-printable or unknown-charset text body costs ~0.5 s, and only its first SCAN_CAP
 * characters are ever read. A single-part text mail carries nothing after its body, so its body is
 * cut; a multipart mail is kept whole (attachments and later parts must not be lost).
 */
import { SCAN_CAP } from './types';

/** Raw messages above this size are cut: mailparser stays linear, but we never need 30 MB. */
export const RAW_CAP = 12 * 1024 * 1024;
/** Encoded body kept of a single-part text mail: 4× what the cleaning reads (base64, "=XX"). */
export const SINGLE_PART_BODY_CAP = 4 * SCAN_CAP;
/** The header block is looked for this far (mailparser's own header limit is 1 MB). */
const HEADER_SEARCH = 1024 * 1024;

type Raw = string | Buffer;

function cut(raw: Raw, length: number): Raw {
  return typeof raw === 'string' ? raw.slice(0, length) : raw.subarray(0, length);
}

/** Offset just past the blank line that ends the top-level header block, or -1. */
function bodyStart(head: string): number {
  const crlf = head.indexOf('\r\n\r\n');
  const lf = head.indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return crlf + 4;
  return lf >= 0 ? lf + 2 : -1;
}

/** The top-level Content-Type value, lower-case ('' when absent: text/plain by RFC 2045). */
function topContentType(headerBlock: string): string {
  const lines = headerBlock.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].slice(0, 13).toLowerCase() !== 'content-type:') continue;
    let value = lines[i].slice(13);
    while (i + 1 < lines.length && (lines[i + 1].startsWith(' ') || lines[i + 1].startsWith('\t'))) value += lines[++i];
    return value.trim().toLowerCase();
  }
  return '';
}

/** The part of `raw` to parse, and whether a text body was cut (the mail's text is then truncated). */
export function boundRaw(raw: Raw): { input: Raw; bodyCut: boolean } {
  const input = raw.length <= RAW_CAP ? raw : cut(raw, RAW_CAP);
  const whole = { input, bodyCut: false };
  const head = typeof input === 'string' ? input.slice(0, HEADER_SEARCH) : input.subarray(0, HEADER_SEARCH).toString('latin1');
  const start = bodyStart(head);
  if (start < 0 || input.length - start <= SINGLE_PART_BODY_CAP) return whole;
  const type = topContentType(head.slice(0, start));
  if (type !== '' && !type.startsWith('text/')) return whole;
  return { input: cut(input, start + SINGLE_PART_BODY_CAP), bodyCut: true };
}
