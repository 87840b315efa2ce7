/**
 * Payment settings read from a project's free-form settings object:
 *   successUrl        required, page shown after paying (may contain {CHECKOUT_SESSION_ID})
 *   cancelUrl         required, page shown when the client leaves the checkout
 *   paymentLinkHours  optional, 0.5..24, default 24: how long a payment link stays open
 *   packs             optional, [{ credits: 10, priceMinor: 70000 }]: bundles sold at their own price
 * Receipts and tax, for Stripe Checkout (each optional, default off):
 *   invoiceCreation       Stripe emails the client an invoice PDF for the one-off payment
 *   automaticTax          Stripe Tax computes the tax from the client's address (taxBehavior: "exclusive", the
 *                         default, adds it to the price; "inclusive" takes it out of the price)
 *   allowPromotionCodes   the client may enter a promotion code created in the Stripe dashboard
 *   collectBillingAddress the billing address is required
 *   collectTaxId          the client may give a VAT / tax id (shown on the invoice)
 */
import { PaymentError } from './errors';
import { assertMinorAmount } from './money';
import { PaymentProject } from './ports';

export interface CreditPack {
  credits: number;
  priceMinor: number;
}

export interface PaymentSettings {
  successUrl: string;
  cancelUrl: string;
  /** Link lifetime in seconds, within what Stripe accepts. */
  linkLifetimeSeconds: number;
  packs: CreditPack[];
  checkout: CheckoutOptions;
}

export interface CheckoutOptions {
  invoiceCreation: boolean;
  automaticTax: boolean;
  taxBehavior: 'exclusive' | 'inclusive';
  allowPromotionCodes: boolean;
  collectBillingAddress: boolean;
  collectTaxId: boolean;
}

const CHECKOUT_FLAGS = ['invoiceCreation', 'automaticTax', 'allowPromotionCodes', 'collectBillingAddress', 'collectTaxId'] as const;

function checkoutOptions(project: PaymentProject): CheckoutOptions {
  const s = project.settings ?? {};
  const flags = Object.fromEntries(
    CHECKOUT_FLAGS.map((name) => {
      const v = s[name] ?? false;
      if (typeof v !== 'boolean') {
        throw new PaymentError(
          'invalid_setting',
          `Project "${project.name}" setting ${name} must be true or false, got ${JSON.stringify(v)}.`,
          name,
        );
      }
      return [name, v];
    }),
  ) as Record<(typeof CHECKOUT_FLAGS)[number], boolean>;
  const taxBehavior = s.taxBehavior ?? 'exclusive';
  if (taxBehavior !== 'exclusive' && taxBehavior !== 'inclusive') {
    throw new PaymentError(
      'invalid_setting',
      `Project "${project.name}" setting taxBehavior must be "exclusive" (tax added to the price) or "inclusive" (tax included), got ${JSON.stringify(taxBehavior)}.`,
      'taxBehavior',
    );
  }
  return { ...flags, taxBehavior };
}

/** Stripe accepts expires_at between 30 min and 24 h after creation; keep margins for clock skew. */
export const MIN_LINK_SECONDS = 30 * 60 + 5 * 60 + 120;
export const MAX_LINK_SECONDS = 24 * 3600 - 120;

function url(project: PaymentProject, name: 'successUrl' | 'cancelUrl', purpose: string): string {
  const value = project.settings[name];
  if (value === undefined || value === null || value === '') {
    throw new PaymentError(
      'missing_setting',
      `Project "${project.name}" has no ${name} setting: set it to the https:// page ${purpose}.`,
      name,
    );
  }
  if (typeof value !== 'string' || !/^https?:\/\/[^\s]+$/i.test(value)) {
    throw new PaymentError(
      'invalid_setting',
      `Project "${project.name}" setting ${name} must be an http(s) URL, got ${JSON.stringify(value)}.`,
      name,
    );
  }
  return value;
}

export function readPaymentSettings(project: PaymentProject): PaymentSettings {
  const s = project.settings ?? {};
  const hours = s.paymentLinkHours ?? 24;
  if (typeof hours !== 'number' || !(hours >= 0.5 && hours <= 24)) {
    throw new PaymentError(
      'invalid_setting',
      `Project "${project.name}" setting paymentLinkHours must be a number from 0.5 to 24 (Stripe's limits), got ${JSON.stringify(hours)}.`,
      'paymentLinkHours',
    );
  }
  const rawPacks = s.packs ?? [];
  if (!Array.isArray(rawPacks)) {
    throw new PaymentError(
      'invalid_setting',
      `Project "${project.name}" setting packs must be a list like [{"credits": 10, "priceMinor": 70000}].`,
      'packs',
    );
  }
  const packs = rawPacks.map((p: unknown, i) => {
    const pack = p as Partial<CreditPack>;
    if (!pack || !Number.isSafeInteger(pack.credits) || (pack.credits as number) < 1) {
      throw new PaymentError(
        'invalid_setting',
        `Project "${project.name}" setting packs[${i}].credits must be a whole number ≥ 1.`,
        `packs[${i}].credits`,
      );
    }
    return { credits: pack.credits as number, priceMinor: assertMinorAmount(pack.priceMinor as number, `packs[${i}].priceMinor`) };
  });
  const seconds = Math.min(MAX_LINK_SECONDS, Math.max(MIN_LINK_SECONDS, Math.round(hours * 3600)));
  return {
    successUrl: url(project, 'successUrl', 'clients see after paying'),
    cancelUrl: url(project, 'cancelUrl', 'clients see when they leave the payment page'),
    linkLifetimeSeconds: seconds,
    packs,
    checkout: checkoutOptions(project),
  };
}

/** Price of `credits` credits: 1 at the project price, or a configured pack. */
export function priceFor(project: PaymentProject, settings: PaymentSettings, credits: number): number {
  if (credits === 1) return assertMinorAmount(project.priceMinor, 'project.priceMinor');
  const pack = settings.packs.find((p) => p.credits === credits);
  if (!pack) {
    const offered = settings.packs.map((p) => p.credits).join(', ') || 'none';
    throw new PaymentError(
      'invalid_argument',
      `Project "${project.name}" sells no pack of ${credits} credits (packs offered: ${offered}); add one to the packs setting or ask for 1 credit.`,
      'credits',
    );
  }
  return pack.priceMinor;
}
