import {
  creditsCovered,
  currencyDecimals,
  formatPrice,
  PaymentError,
  priceFor,
  readEventRef,
  readPaymentSettings,
} from '../../../core/payments';

const project = (settings: Record<string, unknown>) => ({ id: 'p', name: 'Acme', priceMinor: 8000, currency: 'EUR', settings });
const urls = { successUrl: 'https://a.example/ok', cancelUrl: 'https://a.example/ko' };

describe('money', () => {
  it('formats prices for people in both languages, zero- and three-decimal currencies included', () => {
    expect(formatPrice(8000, 'eur', 'fr')).toBe('80,00 €');
    expect(formatPrice(8000, 'EUR', 'en')).toBe('€80.00');
    expect(formatPrice(8000, 'jpy', 'en')).toBe('¥8,000');
    expect(formatPrice(8000, 'krw', 'en')).toBe('₩8,000');
    expect(formatPrice(8000, 'jpy', 'fr')).toBe('8 000 JPY');
    expect(formatPrice(12345, 'kwd', 'en')).toBe('KWD 12.345');
    expect(formatPrice(123456, 'eur', 'fr')).toBe('1 234,56 €');
    expect([currencyDecimals('JPY'), currencyDecimals('eur'), currencyDecimals('bhd')]).toEqual([0, 2, 3]);
    expect(() => currencyDecimals('euro')).toThrow(PaymentError);
  });

  it('counts refunded credits proportionally, all of them on a full refund', () => {
    expect(creditsCovered(10, 70000, 35000)).toBe(5);
    expect(creditsCovered(10, 70000, 70000)).toBe(10);
    expect(creditsCovered(1, 8000, 4000)).toBe(0);
    expect(creditsCovered(3, 21000, 20999)).toBe(2);
  });
});

describe('payment settings', () => {
  it('names the missing or invalid setting', () => {
    expect(() => readPaymentSettings(project({}))).toThrow(/Project "Acme" has no successUrl setting/);
    expect(() => readPaymentSettings(project({ ...urls, paymentLinkHours: 48 }))).toThrow(
      /paymentLinkHours must be a number from 0.5 to 24/,
    );
    expect(() => readPaymentSettings(project({ ...urls, packs: [{ credits: 0, priceMinor: 1 }] }))).toThrow(/packs\[0\]\.credits/);
  });

  it('keeps link lifetimes inside what Stripe accepts', () => {
    expect(readPaymentSettings(project(urls)).linkLifetimeSeconds).toBe(86400 - 120);
    expect(readPaymentSettings(project({ ...urls, paymentLinkHours: 0.5 })).linkLifetimeSeconds).toBe(37 * 60);
  });

  it('prices one credit at the project price and packs at theirs', () => {
    const p = project({ ...urls, packs: [{ credits: 5, priceMinor: 35000 }] });
    const s = readPaymentSettings(p);
    expect(priceFor(p, s, 1)).toBe(8000);
    expect(priceFor(p, s, 5)).toBe(35000);
    expect(() => priceFor(p, s, 2)).toThrow(/sells no pack of 2 credits \(packs offered: 5\)/);
  });
});

describe('readEventRef', () => {
  it('takes only id, type and object id, from the event or a webhook item', () => {
    expect(readEventRef({ id: 'evt_1', type: 'charge.refunded', data: { object: { id: 'ch_1', amount: 1 } } })).toEqual({
      id: 'evt_1',
      type: 'charge.refunded',
      objectId: 'ch_1',
    });
    expect(readEventRef({ body: { type: 'checkout.session.expired', data: { object: { id: 'cs_1' } } }, headers: {} })).toEqual({
      id: null,
      type: 'checkout.session.expired',
      objectId: 'cs_1',
    });
    expect(() => readEventRef('nope')).toThrow(/not a Stripe event/);
  });
});
