/** What Debit Credit reads from the gate's item: ids, the classification, the authenticity verdict. */
import type { IDataObject } from 'n8n-workflow';
import type { tickets } from '../../../core';
import { isObject } from '../../shared/is-object';

/** The id of json[field] ({id} from Check Sender Credits, or a plain id string). */
export function idOf(json: IDataObject, field: 'project' | 'account'): string {
  const v = json[field];
  const id = isObject(v) ? v.id : v;
  if (typeof id !== 'string' || !id) {
    throw Object.assign(
      new Error(`The item has no ${field}: connect this node to the "Has credit" output of Check Sender Credits (it sets ${field}.id).`),
      { code: 'invalid_argument', field },
    );
  }
  return id;
}

/** A classification from Classify Support Email ({classification: {...}}), if the item carries one. */
export function classificationOf(json: IDataObject): tickets.RequestClassification | null {
  const c = json.classification;
  if (!isObject(c)) return null;
  const text = (v: unknown) => (typeof v === 'string' && v ? v : null);
  return { category: text(c.category), urgency: text(c.urgency), summary: text(c.summary) };
}

/** The gate's verdict on the mail (Check Sender Credits' authenticity.verdict); without one the core checks the mail itself. */
export function verdictOf(json: IDataObject): 'authentic' | 'unverified' | 'spoofed' | undefined {
  const a = json.authenticity;
  const v = isObject(a) ? a.verdict : undefined;
  return v === 'authentic' || v === 'spoofed' || v === 'unverified' ? v : undefined;
}
