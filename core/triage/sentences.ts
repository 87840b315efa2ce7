/**
 * Sentence splitting for the summary, in one left-to-right pass. It keeps the boundaries the
 * former regular expression /[^.!?]+[.!?]+/g gave, which backtracked quadratically on text
 * without sentence punctuation (7 s on a 64 KB body, with n8n's one event loop blocked).
 */

const isSentenceEnd = (c: string): boolean => c === '.' || c === '!' || c === '?';

/**
 * The sentences of a text: a run of other characters then a run of ".", "!" or "?".
 * Leading punctuation is skipped and trailing text without an end is dropped, as the regex did.
 * A generator, so a caller that needs only the first few stops reading there.
 */
export function* sentences(text: string): Generator<string> {
  let start = 0;
  while (start < text.length) {
    if (isSentenceEnd(text[start])) {
      start++;
      continue;
    }
    let end = start;
    while (end < text.length && !isSentenceEnd(text[end])) end++;
    if (end === text.length) return; // no end mark left: nothing further is a sentence
    while (end < text.length && isSentenceEnd(text[end])) end++;
    yield text.slice(start, end);
    start = end;
  }
}
