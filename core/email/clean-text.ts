import { convert } from 'html-to-text';
import { SCAN_CAP, TEXT_CAP } from './types';

/**
 * HTML longer than this is cut before conversion: html-to-text is linear but costs ~0.5-1 ms a
 * KB of markup. Its text is shorter than the markup, and the cleaning reads SCAN_CAP at most.
 */
export const HTML_CAP = SCAN_CAP;

export function htmlToPlainText(html: string): string {
  return convert(html.length > HTML_CAP ? html.slice(0, HTML_CAP) : html, {
    wordwrap: false,
    limits: { maxDepth: 64, maxInputLength: HTML_CAP },
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'style', format: 'skip' },
      { selector: 'script', format: 'skip' },
      // Quoted history in the usual webmail markup; the text rules catch what is left.
      { selector: 'div.gmail_quote', format: 'skip' },
      { selector: 'blockquote[type=cite]', format: 'skip' },
      { selector: 'div#divRplyFwdMsg', format: 'skip' },
    ],
  });
}

const ATTRIBUTION = [
  /^\s*On\b.{0,300}\bwrote:\s*$/i,
  /^\s*Le\b.{0,300}\ba\s+écrit\s*:\s*$/i,
  /^\s*El\b.{0,300}\bescribió:\s*$/i,
  /^\s*Am\b.{0,300}\bschrieb.{0,100}:\s*$/i,
];
const ORIGINAL_MESSAGE = /^\s*-{2,}\s*(Original Message|Message d'origine|Message original|Mensaje original)\s*-{2,}\s*$/i;
const OUTLOOK_SEPARATOR = /^\s*_{10,}\s*$/;
// "\s*(?:\*\s*)?:" rather than "\s*\*?\s*:": two whitespace runs side by side backtrack
// quadratically on a long blank run, and these run on lines of any length.
const HEADER_FROM = /^\s*\*?(From|De|Von)\s*(?:\*\s*)?:/i;
const HEADER_NEXT = /^\s*\*?(Sent|Envoyé|Date|To|À|A|Subject|Objet|Cc|Gesendet)\s*(?:\*\s*)?:/i;
const SIGNATURE_DELIMITER = /^--\s?$/;
const MOBILE_SIGNATURE = new RegExp(
  '^\\s*(' +
    [
      'Sent from my \\w[\\w \\-]{0,40}',
      'Sent from (Mail|Yahoo Mail|Outlook|Samsung|Proton Mail)\\b.{0,60}',
      'Get Outlook for (iOS|Android)',
      'Envoy[ée] (de|depuis|à partir de) (mon|ma|Courrier|Outlook|Yahoo)\\b.{0,60}',
      'Obtenir Outlook pour (iOS|Android)',
      'Téléchargez Outlook pour (iOS|Android)',
    ].join('|') +
    ')\\s*$',
  'i',
);

/** Index of the first line where quoted history starts, or -1. */
function quoteStart(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    // A blank line starts no quote (its two-line form is just the next line's); skipping it
    // keeps a body of empty lines cheap.
    if (line.length > 400 || !line.trim()) continue;
    const twoLines = i + 1 < lines.length ? `${line} ${lines[i + 1]}` : line;
    for (const re of ATTRIBUTION) {
      if (re.test(line)) return i;
      // Mail clients wrap long attributions over two lines.
      if (twoLines.length <= 400 && re.test(twoLines) && !/[.!?]\s*$/.test(line)) return i;
    }
    if (ORIGINAL_MESSAGE.test(line)) return i;
    const headerAt =
      OUTLOOK_SEPARATOR.test(line) && i + 1 < lines.length && HEADER_FROM.test(lines[i + 1]) ? i + 1 : HEADER_FROM.test(line) ? i : -1;
    if (headerAt >= 0) {
      // A "From:" line alone is prose; a block with Sent/To/Subject right after it is a quote header.
      const next = lines.slice(headerAt + 1, headerAt + 5).filter((l) => HEADER_NEXT.test(l));
      if (next.length >= 2) return i;
    }
  }
  return -1;
}

const INLINE_QUOTE =
  /\s(--\s(?=\p{Lu})|On\s[^\n]{5,200}?\swrote:|Le\s[^\n]{5,200}?\sa\s+écrit\s?:|-{2,}\s?(Original Message|Message d'origine)|(From|De)\s?:[^\n]{1,200}?(Sent|Envoyé)\s?:)/iu;

/**
 * Characters of a preview searched for a quote header. Previews are short (Gmail snippets ~200,
 * Graph bodyPreview 255); INLINE_QUOTE looks up to 200 characters ahead from each "On ", so a
 * long crafted one would cost 200 steps a character.
 */
const PREVIEW_SCAN_CAP = 4 * 1024;

/** Previews (Gmail snippet, Graph bodyPreview) are one flattened line: cut at an inline quote header. */
export function stripPreviewQuote(preview: string): string {
  const m = INLINE_QUOTE.exec(preview.slice(0, PREVIEW_SCAN_CAP));
  return (m ? preview.slice(0, m.index) : preview).trim();
}

/**
 * Removes quoted history, ">" lines and signatures from a plain-text body, French and English.
 * Bounded: looks at SCAN_CAP characters at most and keeps TEXT_CAP.
 */
export function stripQuotesAndSignatures(body: string): { text: string; truncated: boolean } {
  let truncated = body.length > SCAN_CAP;
  const scanned = truncated ? body.slice(0, SCAN_CAP) : body;
  let lines = scanned.replace(/\r\n?/g, '\n').split('\n');

  const quoteAt = quoteStart(lines);
  if (quoteAt >= 0) lines = lines.slice(0, quoteAt);

  const kept: string[] = [];
  for (const line of lines) {
    // Blank lines are neither signatures nor quotes: skip the patterns (a body can be all blanks).
    if (!line.trim()) {
      kept.push('');
      continue;
    }
    if (SIGNATURE_DELIMITER.test(line)) break;
    if (MOBILE_SIGNATURE.test(line)) break;
    if (/^\s*>/.test(line)) continue;
    kept.push(line.trimEnd()); // same characters as /\s+$/, without its quadratic backtracking
  }
  let text = kept
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (text.length > TEXT_CAP) {
    text = text.slice(0, TEXT_CAP);
    truncated = true;
  }
  return { text, truncated };
}

const FR_WORDS = new Set(
  'le la les des une un est pas je vous nous bonjour merci pour avec sur dans que qui ne mon notre votre cordialement depuis fonctionne plus il elle au aux du ce cette'.split(
    ' ',
  ),
);
const EN_WORDS = new Set(
  'the a an is are not i you we hello hi thanks thank for with on in that which my our your regards since works work it this to of and please'.split(
    ' ',
  ),
);

/** Cheap stop-word count over the first few thousand characters. */
export function guessLanguage(text: string): 'fr' | 'en' | 'other' {
  const words =
    text
      .slice(0, 4000)
      .toLowerCase()
      .match(/[a-zàâçéèêëîïôûùüÿœ']+/g) ?? [];
  let fr = 0;
  let en = 0;
  for (const w of words) {
    if (FR_WORDS.has(w)) fr++;
    if (EN_WORDS.has(w)) en++;
  }
  if (/[éèêàçù]/.test(text.slice(0, 4000))) fr += 1;
  if (fr + en < 2) return 'other';
  return fr >= en ? 'fr' : 'en';
}
