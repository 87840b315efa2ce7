/** Header values by lower-case name, in message order (top first). */
export type HeaderBag = Map<string, string[]>;

const MAX_HEADER_VALUE = 8 * 1024;

export function unfold(value: string): string {
  const v = value.length > MAX_HEADER_VALUE ? value.slice(0, MAX_HEADER_VALUE) : value;
  return v.replace(/\r?\n[ \t]+/g, ' ').trim();
}

export function addHeader(bag: HeaderBag, name: string, value: unknown): void {
  if (value === undefined || value === null) return;
  const key = name.toLowerCase().trim();
  const values = Array.isArray(value) ? value : [value];
  for (const v of values) {
    if (typeof v !== 'string' && typeof v !== 'number') continue;
    const list = bag.get(key) ?? [];
    list.push(unfold(String(v)));
    bag.set(key, list);
  }
}

/** mailparser's headerLines: {key, line} where line is the raw "Name: value" line. */
export function bagFromHeaderLines(lines: ReadonlyArray<{ key: string; line: string }>): HeaderBag {
  const bag: HeaderBag = new Map();
  for (const { key, line } of lines) addHeader(bag, key, stripName(line));
  return bag;
}

/** n8n's parseRawEmail turns headerLines into {key: line}; the last duplicate wins. */
export function bagFromLineRecord(record: Record<string, unknown>): HeaderBag {
  const bag: HeaderBag = new Map();
  for (const [key, line] of Object.entries(record)) {
    if (typeof line === 'string') addHeader(bag, key, stripName(line));
  }
  return bag;
}

/** Name/value pairs (Gmail payload.headers, Graph internetMessageHeaders). */
export function bagFromPairs(pairs: unknown): HeaderBag {
  const bag: HeaderBag = new Map();
  if (!Array.isArray(pairs)) return bag;
  for (const p of pairs) {
    if (p && typeof p === 'object' && typeof (p as { name?: unknown }).name === 'string') {
      addHeader(bag, (p as { name: string }).name, (p as { value?: unknown }).value);
    }
  }
  return bag;
}

function stripName(line: string): string {
  const colon = line.indexOf(':');
  return colon >= 0 && colon < 100 ? line.slice(colon + 1) : line;
}

export function first(bag: HeaderBag, name: string): string | undefined {
  return bag.get(name)?.[0];
}

/** Message-IDs in a References / In-Reply-To value. */
export function messageIds(value: unknown): string[] {
  const raw = Array.isArray(value) ? value.join(' ') : typeof value === 'string' ? value : '';
  const ids = raw.slice(0, 16 * 1024).match(/<[^<>\s]+>/g);
  return ids ? [...new Set(ids)].slice(0, 100) : [];
}
