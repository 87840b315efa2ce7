import { toMinorUnits } from '../../../core/staff/money-input';

test('amounts as people write them become minor units with the currency decimals', () => {
  expect(toMinorUnits('80', 'EUR', 'price')).toBe(8000);
  expect(toMinorUnits(80.5, 'eur', 'price')).toBe(8050);
  expect(toMinorUnits('80,50', 'EUR', 'price')).toBe(8050);
  expect(toMinorUnits('1 000.5', 'EUR', 'price')).toBe(100050);
  expect(toMinorUnits('80.500', 'EUR', 'price')).toBe(8050); // trailing zeros are not decimals
  expect(toMinorUnits('8000', 'JPY', 'price')).toBe(8000);
  expect(toMinorUnits('8.125', 'KWD', 'price')).toBe(8125);
});

test('anything else names the field and shows an amount to write in that currency', () => {
  for (const bad of ['', 'eighty', '-80', '0', '80.505', '1e3', 80.505, Number.NaN, null, {}]) {
    expect(() => toMinorUnits(bad, 'EUR', 'packs.0.price')).toThrow(
      expect.objectContaining({ field: 'packs.0.price', message: 'packs.0.price: write an amount in EUR such as 80 or 80.50.' }),
    );
  }
  expect(() => toMinorUnits('80.5', 'JPY', 'price')).toThrow('price: write an amount in JPY such as 8000 (JPY has no decimals).');
  expect(() => toMinorUnits(0.1 + 0.2, 'EUR', 'price')).toThrow(expect.objectContaining({ field: 'price' }));
});
