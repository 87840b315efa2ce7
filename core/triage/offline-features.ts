/**
 * Features of the offline classifier: word stems (FR/EN) plus hand-chosen signal families that
 * generalize beyond phrasings (error codes, stack traces, "doesn't work", money, unsubscribe…).
 */

const STOP = new Set(
  (
    'le la les de des du un une et est en au aux a ce ces cet cette il elle on nous vous je tu ils elles ne pas que qui quoi dans sur pour par avec sans mais ou donc or ni car se sa son ses mon ma mes notre nos votre vos leur leurs y d l j m n s t c qu ' +
    'the a an and or of to in on at for with without by from is are was were be been it this that these those i you we they he she my our your their me us them as if but so do does did not no have has had will would can could should just'
  ).split(' '),
);

export function normalizeText(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** A deliberately crude FR/EN suffix stripper: groups inflections, nothing more. */
export function stem(word: string): string {
  if (word.length <= 4) return word;
  for (const suffix of [
    'issements',
    'issement',
    'ations',
    'ation',
    'ements',
    'ement',
    'ments',
    'ment',
    'ingly',
    'ities',
    'ity',
    'ions',
    'ion',
    'ing',
    'ees',
    'ies',
    'ee',
    'es',
    'ed',
    'er',
    'ez',
    'ly',
    's',
    'e',
  ]) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 4) return word.slice(0, -suffix.length);
  }
  return word;
}

const FAMILIES: Array<[string, RegExp]> = [
  ['f:question', /\?|\b(comment|how (do|can|to)|est-ce que|pouvez-vous|could you|can you|is it possible|est-il possible)\b/],
  [
    'f:not_working',
    /\b(faux|fausse|wrong|incorrect|au lieu de|instead of|ne (fonctionne|marche) (plus|pas)|(doesn't|does not|don't|isn't|is not|won't|stopped) work|not working|plus acces|broken|casse|en panne|ne s'affiche (plus|pas)|n'arrive pas|can't|cannot|impossible)/,
  ],
  ['f:error_code', /\b(erreur|error|err)\b[^.\n]{0,20}\b\d{3}\b|\b(500|502|503|504|404|403)\b|exception|fatal|warning:|sqlstate/],
  // A line "   at fn (": the lookbehind checks the line start only where "at " already matched;
  // "\n\s+at" retried from every newline of a long blank run.
  ['f:stack', /(\sat (?<=\n\s+at )[\w.$<>]+ ?\(|traceback \(most recent|\.php on line \d|\.js:\d+:\d+|stack trace)/],
  [
    'f:down',
    /\b(down|hors service|inaccessible|unreachable|site (est )?(down|en panne|inaccessible)|plus rien ne|nothing loads|timeout|timed out|ne repond plus)\b/,
  ],
  [
    'f:access',
    /\b(mot de passe|password|login|log in|connexion|se connecter|identifiant|2fa|sso|compte bloque|locked out|acces|access|reinitialis|reset)\b/,
  ],
  [
    'f:config',
    /\b(dns|mx|ssl|certificat|certificate|domaine|domain|redirect|redirection|smtp|cron|parametr|setting|configur|plugin|module|api key|cle api|webhook)\b/,
  ],
  [
    'f:money',
    /\b(facture|invoice|paiement|payment|rembours|refund|devis|quote|tarif|pricing|price|prix|abonnement|subscription|avoir|credit note|prelevement|virement|bank transfer|receipt|recu)\b/,
  ],
  // "12", "12.", "12,50" before a currency: only the last digit matters to a test, and \d+[.,]?\d*
  // (two digit runs side by side) backtracked cubically on a long run of digits.
  ['f:amount', /(\d[.,]?\s?(€|eur|usd|\$)|(€|\$)\s?\d)/],
  [
    'f:sales',
    /\b(nouveau projet|new project|proposal|proposition|partenariat|partnership|collaboration|offre|offer|refonte|redesign|rendez-vous|meeting|demo|budget|sous-traitance|subcontract|freelance|tarif journalier|day rate)\b/,
  ],
  ['f:job', /\b(candidature|cv|curriculum|resume|job application|poste de|position|stage|internship|recrutement|hiring)\b/],
  [
    'f:unsubscribe',
    /\b(unsubscribe|se desinscrire|desabonner|desinscription|newsletter|view (it )?in (your )?browser|voir la version en ligne|preferences|manage (your )?subscription|gerer vos preferences)\b/,
  ],
  [
    'f:promo',
    /\b(promo|% off|-\d+ ?%|offre speciale|limited time|black friday|soldes|webinar|webinaire|nouveautes|what's new|this week|cette semaine)\b/,
  ],
  [
    'f:spammy',
    /\b(seo|backlinks?|guest post|crypto|bitcoin|winner|gagnant|lottery|loterie|viagra|casino|rank (#|first|1)|first page of google|premiere page de google|investment|heritage|inheritance|click here|cliquez ici|claim your|reclamez|free gift|cadeau|congratulations|felicitations|act now|expire[sd]? (today|soon)|dernier rappel|last reminder|gift card|carte cadeau)\b/,
  ],
  ['f:thanks', /\b(merci|thanks|thank you|thx|super|parfait|perfect|great job|bravo|top|nickel)\b/],
  // The reporter's own problem is gone: a closing note, not a request (thanks after a fix).
  [
    'f:resolved',
    /\b(it('s| is) (now )?working|it works( now)?|works now|got it (to )?work|(problem|issue) (is )?(solved|fixed|resolved)|that (did|fixed) it|ca (marche|fonctionne)( maintenant| a nouveau)?|fonctionne (maintenant|a nouveau)|(probleme|souci) (est )?(resolu|regle)|c'est (bon|regle|resolu))\b/,
  ],
  [
    'f:urgent',
    /\b(urgent|urgence|asap|au plus vite|rapidement|immediately|immediatement|bloquant|blocking|critical|critique|prioritaire)\b/,
  ],
  ['f:auto', /\b(absent|out of (the )?office|vacation|conges|back on|de retour le|automatic|automatique)\b/],
  // Asking for help with one's own setup: the core of a support request in any product.
  [
    'f:help_ask',
    /\b(any (help|idea|hint|suggestion)s?|help me|please help|can (someone|anyone|you) help|need (some )?help|aidez-moi|besoin d'aide|une idee|des idees|quelqu'un (a|aurait|saurait)|what (can|should) i do|que (dois-je|faire)|comment (faire|resoudre|regler)|how (do|can|should) i|is there a way|y a-t-il un moyen|hilfe|kann mir jemand)\b/,
  ],
  // The environment a reporter describes: versions, systems, logs.
  [
    'f:env',
    /\b(version|v\d+\.\d+|\d+\.\d+\.\d+|windows( \d+| xp)?|linux|ubuntu|debian|android|ios|macos|os x|firefox|chrome|php|python|mysql|nginx|apache|docker|logs?|journal)\b/,
  ],
  ['f:url', /https?:\/\/|www\./],
  ['f:screenshot', /\b(capture|screenshot|screen shot|ci-joint|attached|en piece jointe|pj)\b/],
];

export interface EmailForFeatures {
  subject: string;
  text: string;
  attachmentCount: number;
  isReply: boolean;
}

/** The binary features of one email; the same function at training and at inference. */
export function extractFeatures(email: EmailForFeatures): string[] {
  const subject = normalizeText(email.subject.replace(/^\s*((re|fw|fwd|tr)\s*:\s*)+/i, ''));
  const body = normalizeText(email.text.slice(0, 8000));
  const all = `${subject}\n${body}`;
  const out = new Set<string>();
  for (const [name, re] of FAMILIES) if (re.test(all)) out.add(name);
  for (const word of all.match(/[a-z][a-z'-]{1,30}/g) ?? []) {
    const w = word.replace(/^[a-z]'/, '');
    if (w.length < 3 || STOP.has(w)) continue;
    out.add(`w:${stem(w)}`);
  }
  if (email.attachmentCount > 0) out.add('f:attachment');
  if (email.isReply) out.add('f:reply');
  if (body.length < 120) out.add('f:short');
  if (body.length > 2500) out.add('f:long');
  if ((all.match(/https?:\/\//g)?.length ?? 0) >= 4) out.add('f:many_links');
  out.add('bias');
  return [...out];
}

/**
 * Hand-set prior weights of the signal families (added to the learned weights at training and at
 * inference): they carry the knowledge that generalizes to phrasings the training set lacks.
 */
export const FAMILY_PRIORS: Record<string, Partial<Record<string, number>>> = {
  'f:not_working': { bug: 1.2 },
  'f:error_code': { bug: 0.8, outage: 0.4 },
  'f:stack': { bug: 1.5 },
  'f:down': { outage: 1.5 },
  'f:access': { access: 1.0 },
  'f:config': { configuration: 1.0 },
  'f:question': { how_to: 0.6 },
  'f:help_ask': { how_to: 0.5, bug: 0.3 },
  'f:env': { bug: 0.4, configuration: 0.2 },
  'f:money': { billing: 1.2 },
  'f:amount': { billing: 0.5 },
  'f:sales': { sales: 1.5 },
  'f:job': { other: 1.5 },
  'f:unsubscribe': { newsletter: 1.5 },
  'f:promo': { newsletter: 0.8 },
  'f:spammy': { spam: 1.5 },
  'f:thanks': { thanks: 0.8 },
  'f:resolved': { thanks: 1.0 },
  'f:auto': { auto_reply: 1.2 },
};
