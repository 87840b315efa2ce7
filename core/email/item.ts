import type { AttachmentInfo } from './build';
import { EmailInputError } from './types';

export type Json = Record<string, unknown>;

/** An n8n item ({json, binary}) or its bare json; the shape the Classify node hands over. */
export interface ItemLike {
  json?: Json;
  binary?: Record<string, { fileName?: string; mimeType?: string; fileSize?: string; bytes?: number } | undefined>;
}

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v);
}

/** Splits an n8n item into its json and the attachment summary of its binaries. */
export function unwrapItem(item: unknown, source: string): { json: Json; binaries: AttachmentInfo[] } {
  if (!isObject(item)) {
    throw new EmailInputError('json', `The ${source} item is not an object: pass the trigger's output item (its "json" part) unchanged.`);
  }
  const wrapped = isObject(item.json) ? (item as ItemLike) : undefined;
  const json = wrapped ? (wrapped.json as Json) : item;
  const binaries: AttachmentInfo[] = [];
  for (const b of Object.values(wrapped?.binary ?? {})) {
    if (!b) continue;
    binaries.push({ filename: b.fileName, contentType: b.mimeType, size: b.bytes ?? parseHumanSize(b.fileSize) });
  }
  return { json, binaries };
}

/** n8n's binary fileSize is human text ("12.3 kB"); an estimate is enough for a summary. */
function parseHumanSize(size: string | undefined): number | undefined {
  const m = size?.match(/^([\d.]+)\s*(B|kB|KB|MB|GB)?$/i);
  if (!m) return undefined;
  const unit = (m[2] ?? 'B').toUpperCase();
  const factor = unit === 'KB' ? 1000 : unit === 'MB' ? 1e6 : unit === 'GB' ? 1e9 : 1;
  return Math.round(parseFloat(m[1]) * factor);
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}
