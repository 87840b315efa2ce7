/// <reference path="../types/apps-script.d.ts" />
/** Reading the add-on event object (new commonEventObject first, legacy fields as fallback). */
type Event = GoogleAppsScript.Addons.EventObject;

export function formValue(e: Event, name: string): string {
  const modern = e.commonEventObject?.formInputs?.[name]?.stringInputs?.value?.[0];
  return (modern ?? e.formInput?.[name] ?? '').trim();
}

export function param(e: Event, name: string): string {
  return e.commonEventObject?.parameters?.[name] ?? e.parameters?.[name] ?? '';
}

/** "Jane Doe" <Jane@Client.fr> → jane@client.fr */
export function parseSenderAddress(from: string): string {
  const angle = /<([^<>\s]+@[^<>\s]+)>/.exec(from);
  const address = angle ? angle[1] : (/[^\s<>"]+@[^\s<>"]+/.exec(from)?.[0] ?? '');
  return address.toLowerCase();
}

/** Whole number ≥ min from a text field, or null when it is not one. */
export function wholeNumber(text: string, min: number): number | null {
  if (!/^\d+$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) && n >= min ? n : null;
}

/** A form value a person typed wrong: shown as a notification, nothing is sent. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}
