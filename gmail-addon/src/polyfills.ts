/**
 * Apps Script's V8 has no WHATWG URL class, and zod's .url() check calls `new URL(...)`:
 * without this every payment link would fail validation there. Absolute-URL check only.
 */
const scope = globalThis as unknown as { URL?: unknown };
if (typeof scope.URL === 'undefined') {
  scope.URL = class URL {
    readonly href: string;
    constructor(input: string) {
      if (!/^[a-z][a-z0-9+.-]*:\/\/[^\s/?#]+[^\s]*$/i.test(String(input))) throw new TypeError(`Invalid URL: ${input}`);
      this.href = String(input);
    }
    toString(): string {
      return this.href;
    }
  };
}
export {};
