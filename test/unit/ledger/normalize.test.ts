import { LedgerError } from '../../../core/ledger/errors';
import { normalizeAddress, normalizeDomain, requirePositiveInt, withoutPlusTag } from '../../../core/ledger/normalize';
import { redactConnectionString } from '../../../core/ledger/redact';

describe('addresses and domains', () => {
  test('addresses are trimmed and lower-cased; plus tags are kept', () => {
    expect(normalizeAddress('  Support+ACME@Agency.FR ')).toBe('support+acme@agency.fr');
  });

  test('IDN domains become their ASCII form', () => {
    expect(normalizeAddress('Paul@Café.fr')).toBe('paul@xn--caf-dma.fr');
    expect(normalizeDomain('@Bücher.DE.')).toBe('xn--bcher-kva.de');
  });

  test.each(['', 'anna', '@client.fr', 'anna@', 'an na@client.fr', 'anna@client', 'a..b@client.fr', 'anna@-x.fr'])(
    '"%s" is refused with a typed error naming the field',
    (bad) => {
      let err: unknown;
      try {
        normalizeAddress(bad, 'sender');
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(LedgerError);
      expect(err).toMatchObject({ code: 'invalid_address', field: 'sender' });
      expect((err as Error).message).toMatch(/sender .* is not a valid e-mail address: give one like/);
    },
  );

  test('withoutPlusTag strips only the local-part tag', () => {
    expect(withoutPlusTag('support+acme@agency.fr')).toBe('support@agency.fr');
    expect(withoutPlusTag('support@agency.fr')).toBe('support@agency.fr');
  });
});

describe('credits', () => {
  test('only positive whole numbers pass', () => {
    expect(requirePositiveInt(3)).toBe(3);
    for (const bad of [0, -2, 2.5, Number.POSITIVE_INFINITY, '4', null]) {
      expect(() => requirePositiveInt(bad)).toThrow(expect.objectContaining({ code: 'invalid_credits', field: 'credits' }));
    }
  });
});

describe('connection strings in messages', () => {
  test('passwords are redacted, the host stays', () => {
    const r = redactConnectionString('postgresql://sg:p%40ss-w0rd@db.internal:5433/ledger?sslmode=require');
    expect(r).toContain('db.internal:5433');
    expect(r).not.toContain('ss-w0rd');
    expect(redactConnectionString('postgresql://db.internal/ledger?password=hunter2')).not.toContain('hunter2');
  });
});
