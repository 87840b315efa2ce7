import { generateKeyPairSync } from 'node:crypto';
import { dkimSign } from 'mailauth';
import { checkAuthenticity, normalizeRfc822, parseAuthResults, verifyRawAuthenticity } from '../../../core/email';

function mail(ar: string[], from = 'claire@client.example'): string {
  return [
    ...ar.map((v) => `Authentication-Results: ${v}`),
    `From: Claire <${from}>`,
    'To: support@agency.example',
    'Subject: Test',
    'Message-ID: <t1@client.example>',
    '',
    'Body text.',
    '',
  ].join('\r\n');
}
const verdict = async (ar: string[], opts = {}, from?: string) => checkAuthenticity(await normalizeRfc822(mail(ar, from)), opts);

test('parses RFC 8601 values, comments and Microsoft 365 headers without authserv-id', () => {
  expect(
    parseAuthResults(
      'mx.google.com; dkim=pass (2048-bit key) header.i=@client.example header.s=s1; spf=pass (google.com: domain of x) smtp.mailfrom=bounce@mail.client.example; dmarc=pass (p=NONE) header.from=client.example',
    ),
  ).toEqual({
    authservId: 'mx.google.com',
    dkim: [{ result: 'pass', domain: 'client.example' }],
    spf: { result: 'pass', domain: 'mail.client.example' },
    dmarc: { result: 'pass', domain: 'client.example' },
  });
  const m365 = parseAuthResults(
    'spf=pass (sender IP is 1.2.3.4) smtp.mailfrom=client.example; dkim=pass (signature was verified) header.d=client.example;dmarc=pass action=none header.from=client.example;compauth=pass reason=100',
  );
  expect(m365.authservId).toBeUndefined();
  expect(m365.dmarc).toEqual({ result: 'pass', domain: 'client.example' });
});

test('pass: DMARC pass, or an aligned DKIM / SPF pass (relaxed, organizational domain)', async () => {
  expect((await verdict(['mx.agency.example; dmarc=pass header.from=client.example'])).verdict).toBe('authentic');
  expect(await verdict(['mx.agency.example; dkim=pass header.d=mail.client.example; spf=none'])).toMatchObject({
    verdict: 'authentic',
    dkimAligned: true,
  });
  expect(await verdict(['mx.agency.example; spf=pass smtp.mailfrom=bounces@eu.client.example'])).toMatchObject({
    verdict: 'authentic',
    spfAligned: true,
  });
  expect((await verdict(['mx; dkim=pass header.d=shop.co.uk'], {}, 'a@other.co.uk')).verdict).toBe('unverified');
});

test('fail: DMARC fail, or SPF and DKIM both failing for the From domain → spoofed', async () => {
  expect(await verdict(['mx.agency.example; dmarc=fail header.from=client.example'])).toMatchObject({
    verdict: 'spoofed',
    reason: expect.stringContaining('DMARC fail'),
  });
  expect((await verdict(['mx.agency.example; spf=fail smtp.mailfrom=client.example; dkim=fail header.d=client.example'])).verdict).toBe(
    'spoofed',
  );
  expect((await verdict(['mx.agency.example; spf=softfail smtp.mailfrom=client.example; dkim=fail header.d=client.example'])).verdict).toBe(
    'unverified',
  );
});

test('misaligned pass (DKIM of an ESP domain, SPF of another) is unverified', async () => {
  expect(await verdict(['mx.agency.example; dkim=pass header.d=sendgrid.net; spf=pass smtp.mailfrom=bounces.sendgrid.net'])).toMatchObject({
    verdict: 'unverified',
    reason: expect.stringContaining('no aligned pass'),
  });
});

test('missing headers → unverified', async () => {
  expect(await verdict([])).toMatchObject({ verdict: 'unverified', reason: 'no Authentication-Results header' });
});

test('only the topmost header (or the configured authserv-id) is trusted', async () => {
  const forgedBelow = ['mx.agency.example; dmarc=fail header.from=client.example', 'evil.example; dmarc=pass header.from=client.example'];
  expect((await verdict(forgedBelow)).verdict).toBe('spoofed');
  const forgedAbove = ['evil.example; dmarc=pass header.from=client.example', 'mx.agency.example; dmarc=fail header.from=client.example'];
  expect((await verdict(forgedAbove, { trustedAuthservId: 'mx.agency.example' })).verdict).toBe('spoofed');
  expect(await verdict(['evil.example; dmarc=pass'], { trustedAuthservId: 'mx.agency.example' })).toMatchObject({
    verdict: 'unverified',
    reason: expect.stringContaining('trusted authserv-id'),
  });
});

describe('mailauth on raw MIME with a local DNS table', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const p = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const dns: Record<string, string[][]> = {
    's1._domainkey.client.example': [[`v=DKIM1; k=rsa; p=${p}`]],
    '_dmarc.client.example': [['v=DMARC1; p=reject']],
    'client.example': [['v=spf1 ip4:192.0.2.10 -all']],
  };
  const resolver = async (name: string, type: string) => {
    const records = type === 'TXT' ? dns[name.toLowerCase()] : undefined;
    if (!records) throw Object.assign(new Error(`no ${type} for ${name}`), { code: 'ENOTFOUND' });
    return records;
  };
  const message =
    'From: Claire <claire@client.example>\r\nTo: support@agency.example\r\nSubject: Signed\r\nDate: Mon, 10 Jun 2024 09:00:00 +0000\r\nMessage-ID: <signed@client.example>\r\n\r\nLe site ne fonctionne plus.\r\n';

  test('a message signed in the test verifies as authentic; a tampered body is spoofed (DMARC fail)', async () => {
    const key = { signingDomain: 'client.example', selector: 's1', privateKey: pem };
    const signed = await dkimSign(message, { ...key, canonicalization: 'relaxed/relaxed', signatureData: [key] });
    expect(signed.errors).toEqual([]);
    expect(signed.signatures).toMatch(/^DKIM-Signature: v=1; a=rsa-sha256; c=relaxed\/relaxed; d=client.example;/);
    const raw = signed.signatures.replace(/\r?\n?$/, '\r\n') + message;
    const ok = await verifyRawAuthenticity(raw, 'claire@client.example', {
      resolver,
      ip: '203.0.113.9',
      helo: 'mail.other.example',
      sender: 'claire@client.example',
    });
    expect(ok).toMatchObject({ verdict: 'authentic', dkimAligned: true });
    expect(ok.results?.spf?.result).toBe('fail');
    const tampered = raw.replace('ne fonctionne plus', 'fonctionne très bien');
    expect(
      (await verifyRawAuthenticity(tampered, 'claire@client.example', { resolver, ip: '203.0.113.9', sender: 'claire@client.example' }))
        .verdict,
    ).toBe('spoofed');
  });
});
