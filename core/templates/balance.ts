/** {{balance}}: the credits left on the client's account, pluralised in the reply's language. */
import { Language, TemplateError } from './types';

const PHRASES: Record<Language, { one: string; other: string }> = {
  en: { one: 'credit left', other: 'credits left' },
  fr: { one: 'crédit restant', other: 'crédits restants' },
};

/** "1 credit left" / "3 credits left"; "0 crédit restant" / "3 crédits restants" (French counts 0 as singular). */
export function formatBalance(credits: number, language: Language): string {
  if (!Number.isSafeInteger(credits) || credits < 0) {
    throw new TemplateError(
      'invalid_argument',
      `balance must be a whole number of credits, 0 or more (got ${JSON.stringify(credits)}).`,
      'balance',
    );
  }
  return counted(credits, PHRASES, language);
}

/** "n word" with the language's plural form of the word. */
function counted(n: number, words: Record<Language, { one: string; other: string }>, language: Language): string {
  return `${n} ${words[language][new Intl.PluralRules(language).select(n) === 'one' ? 'one' : 'other']}`;
}

const UNITS: Record<Language, { one: string; other: string }> = {
  en: { one: 'credit', other: 'credits' },
  fr: { one: 'crédit', other: 'crédits' },
};

/** {{credits}}: "1 credit" / "5 credits", "5 crédits". */
export function formatCredits(credits: number, language: Language): string {
  if (!Number.isSafeInteger(credits) || credits < 1) {
    throw new TemplateError(
      'invalid_argument',
      `credits must be a whole number of credits, 1 or more (got ${JSON.stringify(credits)}).`,
      'credits',
    );
  }
  return counted(credits, UNITS, language);
}
