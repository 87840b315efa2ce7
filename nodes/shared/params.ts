import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { isObject } from './is-object';

/** A string parameter of item i, trimmed ('' when unset). */
export const textParam = (ctx: IExecuteFunctions, name: string, i: number): string =>
  String(ctx.getNodeParameter(name, i, '') ?? '').trim();

/** A comma-separated parameter (addresses, label names) as its non-empty parts. */
export const listParam = (ctx: IExecuteFunctions, name: string, i: number): string[] =>
  textParam(ctx, name, i)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** A field of an item by dotted path ("email", "gate.email.providerId"). */
export function valueAt(json: IDataObject, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (isObject(v) ? v[k] : undefined), json);
}
