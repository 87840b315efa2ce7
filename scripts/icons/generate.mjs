// Writes one icon per node kind and per credential, in a light and a dark variant, beside the
// node or credential that shows it: node run  node scripts/icons/generate.mjs
// A shared badge (rounded square, the kind's colour) and a white glyph keep the family look;
// the dark variant lightens the badge so it stands out on n8n's dark canvas.
import { writeFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const S = 'fill="none" stroke="#fff" stroke-width="4" stroke-linecap="round" stroke-linejoin="round"';

const GLYPHS = {
  // A shield with a check: the gate that lets a paid-up client through.
  shield: `<path d="M32 12 L48 18 V31 C48 42 41 49 32 53 C23 49 16 42 16 31 V18 Z" ${S}/><path d="M25 32 L30 37 L40 26" ${S}/>`,
  // A tag: triage puts one category on the mail.
  tag: `<path d="M14 30 V16 H28 L50 38 L36 52 Z" ${S}/><circle cx="22" cy="24" r="3" fill="#fff"/>`,
  // A coin with a minus: one credit taken.
  coinMinus: `<circle cx="32" cy="32" r="18" ${S}/><path d="M24 32 H40" ${S}/>`,
  // A card with a link: the Stripe Checkout link.
  cardLink: `<rect x="12" y="18" width="40" height="28" rx="4" ${S}/><path d="M12 27 H52" ${S}/><path d="M20 38 H30" ${S}/>`,
  // A receipt with a check: a payment verified and granted.
  receipt: `<path d="M20 12 H44 V52 L39 48 L34 52 L29 48 L24 52 L20 48 Z" ${S}/><path d="M26 30 L30 34 L38 25" ${S}/>`,
  // A ledger book with lines.
  book: `<path d="M16 14 H44 A4 4 0 0 1 48 18 V50 H20 A4 4 0 0 1 16 46 Z" ${S}/><path d="M24 24 H40 M24 32 H40 M24 40 H34" ${S}/>`,
  // Braces: the add-on's HTTP API.
  braces: `<path d="M26 14 C20 14 20 18 20 24 C20 29 18 31 14 32 C18 33 20 35 20 40 C20 46 20 50 26 50" ${S}/><path d="M38 14 C44 14 44 18 44 24 C44 29 46 31 50 32 C46 33 44 35 44 40 C44 46 44 50 38 50" ${S}/>`,
  // An envelope with a reply arrow: acting on the support mailbox.
  envelopeReply: `<rect x="10" y="18" width="44" height="30" rx="4" ${S}/><path d="M10 22 L32 36 L54 22" ${S}/>`,
  // An envelope with a bolt: new mail starts the workflow.
  envelopeBolt: `<rect x="10" y="20" width="36" height="26" rx="4" ${S}/><path d="M10 24 L28 36 L46 24" ${S}/><path d="M52 10 L44 26 H52 L46 40" ${S}/>`,
  // A database cylinder: where the ledger lives.
  database: `<ellipse cx="32" cy="18" rx="16" ry="6" ${S}/><path d="M16 18 V46 C16 49 23 52 32 52 C41 52 48 49 48 46 V18" ${S}/><path d="M16 32 C16 35 23 38 32 38 C41 38 48 35 48 32" ${S}/>`,
  // A key: an API secret.
  key: `<circle cx="22" cy="32" r="9" ${S}/><path d="M31 32 H52 M46 32 V40 M40 32 V38" ${S}/>`,
  // A sparkle: the AI classifier.
  sparkle: `<path d="M32 10 L36 28 L54 32 L36 36 L32 54 L28 36 L10 32 L28 28 Z" ${S}/>`,
};

// [folder, file stem, glyph, light colour, dark colour]
const ICONS = [
  ['nodes/CheckSenderCredits', 'check-sender-credits', 'shield', '#1f6feb', '#4c8ef7'],
  ['nodes/ClassifySupportEmail', 'classify-support-email', 'tag', '#8250df', '#a371f7'],
  ['nodes/DebitCredit', 'debit-credit', 'coinMinus', '#1a7f37', '#3fb950'],
  ['nodes/CreatePaymentLink', 'create-payment-link', 'cardLink', '#635bff', '#8b85ff'],
  ['nodes/ProcessStripePayment', 'process-stripe-payment', 'receipt', '#635bff', '#8b85ff'],
  ['nodes/SupportGateLedger', 'supportgate-ledger', 'book', '#9a6700', '#d29922'],
  ['nodes/SupportGateCreditsApi', 'supportgate-credits-api', 'braces', '#57606a', '#8c959f'],
  ['nodes/GmailSupportActions', 'gmail-support-actions', 'envelopeReply', '#c5221f', '#ea4335'],
  ['nodes/OutlookSupportActions', 'outlook-support-actions', 'envelopeReply', '#0a5ea8', '#2b88d8'],
  ['nodes/OutlookSupportTrigger', 'outlook-support-trigger', 'envelopeBolt', '#0a5ea8', '#2b88d8'],
  ['nodes/GmailSupportTrigger', 'gmail-support-trigger', 'envelopeBolt', '#c5221f', '#ea4335'],
  ['nodes/ImapSupportActions', 'imap-support-actions', 'envelopeReply', '#0f766e', '#2dd4bf'],
  ['credentials', 'supportgate-ledger-api', 'database', '#9a6700', '#d29922'],
  ['credentials', 'supportgate-stripe-api', 'key', '#635bff', '#8b85ff'],
  ['credentials', 'supportgate-openai-api', 'sparkle', '#8250df', '#a371f7'],
  ['credentials', 'supportgate-addon-api', 'key', '#57606a', '#8c959f'],
  ['credentials', 'supportgate-graph-app-api', 'key', '#0a5ea8', '#2b88d8'],
  ['credentials', 'supportgate-imap-smtp-api', 'key', '#0f766e', '#2dd4bf'],
];

const svg = (glyph, colour) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64"><rect x="2" y="2" width="60" height="60" rx="14" fill="${colour}"/>${GLYPHS[glyph]}</svg>\n`;

for (const dir of ['credentials', ...readdirSync(path.join(root, 'nodes')).map((d) => `nodes/${d}`)]) {
  rmSync(path.join(root, dir, 'supportgate.svg'), { force: true });
}
for (const [dir, stem, glyph, light, dark] of ICONS) {
  writeFileSync(path.join(root, dir, `${stem}.svg`), svg(glyph, light));
  writeFileSync(path.join(root, dir, `${stem}.dark.svg`), svg(glyph, dark));
}
console.log(`${ICONS.length} icons, light and dark`);
