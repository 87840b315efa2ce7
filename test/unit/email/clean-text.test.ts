import { guessLanguage, stripQuotesAndSignatures } from '../../../core/email';

const clean = (s: string) => stripQuotesAndSignatures(s).text;

test.each([
  ['English attribution', 'Please fix it.\n\nOn Mon, Jun 3, 2024 at 10:00 AM Bob <b@x.com> wrote:\n> old', 'Please fix it.'],
  ['attribution wrapped on two lines', 'Please fix it.\n\nOn Mon, Jun 3, 2024 at 10:00 AM Bob <b@x.com>\nwrote:\n> old', 'Please fix it.'],
  ['French attribution', 'Merci de corriger.\n\nLe lun. 3 juin 2024 à 10:12, Bob <b@x.com> a écrit :\n> ancien', 'Merci de corriger.'],
  ['Original Message', 'Thanks\n-----Original Message-----\nFrom: x\nSent: y', 'Thanks'],
  [
    'French Outlook block',
    'Voici le bug.\n\nDe : Support <s@a.fr>\nEnvoyé : lundi 3 juin 2024 10:00\nÀ : moi\nObjet : RE: test\n\nancien',
    'Voici le bug.',
  ],
  ['signature delimiter', 'Body line\n-- \nJohn\nCEO', 'Body line'],
  ['French mobile signature', 'Le site est en panne\n\nEnvoyé de mon iPhone', 'Le site est en panne'],
  ['interleaved > lines', 'Answer one\n> question one\nAnswer two', 'Answer one\nAnswer two'],
])('%s', (_name, input, expected) => {
  expect(clean(input)).toBe(expected);
});

test('a "From:" line in prose is not a quote header', () => {
  expect(clean('From: the checkout page, the total is wrong.\nPlease check.')).toContain('Please check.');
});

test('language guess', () => {
  expect(guessLanguage('Bonjour, le site ne fonctionne plus depuis ce matin, merci de regarder')).toBe('fr');
  expect(guessLanguage('Hello, the site is not working since this morning, please have a look')).toBe('en');
  expect(guessLanguage('12345')).toBe('other');
});
