import {
  bodySignature,
  canTransition,
  decodeSignature,
  signatureSimilarity,
  SIGNATURE_SIZE,
  subjectFingerprint,
  tagRegExp,
} from '../../../core/tickets';

describe('subject fingerprints', () => {
  test.each([
    ['RE: Fwd: [SG-12] Site DOWN!!', 'site down'],
    ['TR : Réf. facture — échec', 'ref facture echec'],
    ['Re: Re: (#42) site down', 'site down'],
    ['', ''],
  ])('%s → %s', (subject, expected) => expect(subjectFingerprint(subject)).toBe(expected));

  test("the project's tag format is stripped too (Mailswap: 1527 # prefix)", () => {
    expect(subjectFingerprint('Re: #1527# site down', tagRegExp('#{{number}}#'))).toBe('site down');
    expect(subjectFingerprint('Re: #1527# site down')).toBe('1527 site down');
  });
});

describe('body signatures', () => {
  const body = 'Since this morning the invoices page shows an error 500 when I click on export to PDF for March.';

  test('keep hashes only, never the text, and at most SIGNATURE_SIZE of them', () => {
    const sig = bodySignature(body);
    expect(Buffer.from(sig, 'base64').toString('latin1')).not.toContain('invoice');
    const long = Array.from({ length: 2000 }, (_, i) => `word${i}`).join(' ');
    expect(decodeSignature(bodySignature(long))).toHaveLength(SIGNATURE_SIZE);
    expect(bodySignature(long).length).toBeLessThanOrEqual(700);
  });

  test('similarity is exact Jaccard on short bodies, order- and case-insensitive', () => {
    expect(signatureSimilarity(bodySignature(body), bodySignature(body.toUpperCase()))).toBe(1);
    // 19 words → 17 shingles; one word appended adds one shingle: 17/18.
    expect(signatureSimilarity(bodySignature(body), bodySignature(`${body} Thanks`))).toBeCloseTo(17 / 18, 10);
    expect(signatureSimilarity(bodySignature(body), bodySignature('Please create an account for Paul.'))).toBe(0);
    expect(signatureSimilarity(bodySignature(''), bodySignature(''))).toBe(0);
  });

  test('long bodies: the bottom-k estimate stays close to the true Jaccard', () => {
    const a = Array.from({ length: 1500 }, (_, i) => `w${i}`);
    const b = [...a.slice(0, 1350), ...Array.from({ length: 150 }, (_, i) => `x${i}`)];
    const est = signatureSimilarity(bodySignature(a.join(' ')), bodySignature(b.join(' ')));
    const trueJ = 1348 / (1498 + 150 + 2); // shared 3-shingles / union of 3-shingles
    expect(Math.abs(est - trueJ)).toBeLessThan(0.12);
  });
});

describe('lifecycle', () => {
  test.each([
    ['new', 'in_progress', true],
    ['waiting_payment', 'new', true],
    ['resolved', 'in_progress', true],
    ['closed', 'in_progress', false],
    ['resolved', 'new', false],
    ['waiting_payment', 'waiting_client', false],
    ['closed', 'closed', true],
  ] as const)('%s → %s: %s', (from, to, ok) => expect(canTransition(from, to)).toBe(ok));
});
