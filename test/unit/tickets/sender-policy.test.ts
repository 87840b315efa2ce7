import {
  confirmationCodesIn,
  confirmationCodeText,
  needsConfirmation,
  newConfirmationCode,
  senderAuthenticationOf,
} from '../../../core/tickets';

describe('sender authentication policy', () => {
  test('require is the default; only an authentic mail skips the confirmation under it', () => {
    const project = { name: 'acme', settings: {} };
    expect(senderAuthenticationOf(project)).toBe('require');
    expect(['authentic', 'unverified', 'spoofed', undefined].map((v) => needsConfirmation('require', v as never))).toEqual([
      false,
      true,
      true,
      true,
    ]);
    expect(needsConfirmation('flag', 'unverified')).toBe(false);
    expect(needsConfirmation('off', 'unverified')).toBe(false);
    expect(() => senderAuthenticationOf({ name: 'acme', settings: { senderAuthentication: 'yes' } })).toThrow(
      /senderAuthentication.*"require" \(default\), "flag" or "off"/,
    );
  });

  test('codes are random, unambiguous, and found again in a reply subject or quoted body', () => {
    const codes = new Set(Array.from({ length: 2000 }, newConfirmationCode));
    expect(codes.size).toBe(2000);
    for (const c of codes) expect(c).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
    const code = [...codes][0]!;
    expect(confirmationCodesIn({ subject: `RE: Re: [SG-4] Printer (${confirmationCodeText(code)})`, text: '' })).toEqual([code]);
    expect(
      confirmationCodesIn({
        subject: 'Re: yes',
        text: `Yes.\n\n> keep the code ${confirmationCodeText(code).toLowerCase()} in the subject`,
      }),
    ).toEqual([code]);
    expect(confirmationCodesIn({ subject: 'SG-12 and [SG-1234-5678]', text: 'no code here' })).toEqual([]);
  });

  test('the code scan reads a bounded prefix of the body', () => {
    const code = newConfirmationCode();
    expect(confirmationCodesIn({ subject: 'x', text: 'a'.repeat(70_000) + confirmationCodeText(code) })).toEqual([]);
  });
});
