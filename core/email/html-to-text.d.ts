// html-to-text 10.0.1 ships no types; it comes pinned with mailparser 3.14.2 (its dependency).
declare module 'html-to-text' {
  export function convert(html: string, options?: Record<string, unknown>): string;
  export function htmlToText(html: string, options?: Record<string, unknown>): string;
}

// libmime 5.6.4 ships no types; pinned by mailparser 3.14.2 (its dependency).
declare module 'libmime' {
  const libmime: { decodeWords(value: string): string };
  export default libmime;
}
