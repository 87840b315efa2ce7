import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { ledger, staff } from '../../../../core';
import { shownAt, type At } from '../fields';

// Shown under the field: the settings a person sets first, with their defaults.
const SETTINGS_HINT =
  'Example: {"successUrl": "https://agency.com/paid", "cancelUrl": "https://agency.com/cancelled", "defaultLanguage": "fr", "ticketTagFormat": "[SG-{{number}}]", ' +
  '"senderAuthentication": "require", "confirmationExpiryHours": 72}. senderAuthentication, for mail with no aligned SPF/DKIM pass: "require" (default: nothing charged until the client replies from the registered address with the code it was mailed), ' +
  '"flag" (charged and flagged for staff) or "off" (charged like authenticated mail); confirmationExpiryHours: how long that code stays valid (default 72). ' +
  'lowBalanceThreshold: the balance at which the client is offered a top-up (default 1, 0 = off), topUpCredits: the pack it offers. ' +
  'invoiceCreation, automaticTax, allowPromotionCodes, collectBillingAddress, collectTaxId (true/false): Stripe Checkout receipts and tax. ' +
  '{} keeps every default.';

/** Price, currency and settings: what Create and Update both set. */
export const pricingFields = (at: At): INodeProperties[] => [
  {
    displayName: 'Price per Intervention',
    name: 'price',
    type: 'string',
    default: '',
    placeholder: '80',
    description:
      'What one credit costs, in currency units: 80 or 80.50 (EUR), 8000 (JPY). When set, it replaces Price per Intervention (Minor Units).',
    displayOptions: shownAt(at),
  },
  {
    displayName: 'Price per Intervention (Minor Units)',
    name: 'priceMinor',
    type: 'number',
    default: 8000,
    description: 'What one credit costs, in cents: 8000 = 80.00',
    displayOptions: shownAt(at),
  },
  { displayName: 'Currency', name: 'currency', type: 'string', default: 'EUR', displayOptions: shownAt(at) },
  {
    displayName: 'Settings (JSON)',
    name: 'settings',
    type: 'json',
    default: '{}',
    hint: SETTINGS_HINT,
    displayOptions: shownAt(at),
    description:
      'Project settings: successUrl, cancelUrl, defaultLanguage, ticketTagFormat, senderAuthentication, confirmationExpiryHours, templates…',
  },
];

function settingsParam(ctx: IExecuteFunctions, i: number): Record<string, unknown> {
  const raw = ctx.getNodeParameter('settings', i, '{}');
  if (typeof raw === 'object' && raw !== null) return raw as Record<string, unknown>;
  try {
    return JSON.parse(String(raw || '{}'));
  } catch {
    throw new ledger.LedgerError('invalid_argument', 'settings must be a JSON object, e.g. {"successUrl": "https://…"}.', 'settings');
  }
}

/**
 * Price, currency and settings of item i. A Price in currency units wins over the minor-units
 * field (kept for the workflows that set it), converted with the currency's decimals: the
 * currency given, else `currentCurrency` (Update), else EUR.
 */
export function pricingOf(ctx: IExecuteFunctions, i: number, currentCurrency = 'EUR') {
  const currency = String(ctx.getNodeParameter('currency', i, '') ?? '').trim();
  const price = String(ctx.getNodeParameter('price', i, '') ?? '').trim();
  return {
    priceMinor: price ? staff.toMinorUnits(price, currency || currentCurrency, 'price') : (ctx.getNodeParameter('priceMinor', i) as number),
    // Empty: the current currency (Update) or EUR (Create).
    currency: currency || undefined,
    settings: settingsParam(ctx, i),
  };
}
