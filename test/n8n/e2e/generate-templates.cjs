// Generates workflows/gmail-intake.json, gmail-reconcile.json, stripe-payments.json, imap-intake.json and
// imap-reconcile.json: every intake and sweep shares one pipeline() definition, so their downstream
// nodes cannot drift apart (the IMAP ones are that pipeline with its Gmail nodes swapped, see toImap).
// Run: node test/n8n/e2e/generate-templates.cjs
const fs = require('node:fs');
const crypto = require('node:crypto');
const out = require('node:path').resolve(__dirname, '../../../workflows') + '/';
const uuid = (seed) => { const h = crypto.createHash('sha1').update('supportgate:' + seed).digest('hex'); return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`; };
const P = 'n8n-nodes-supportgate.';
const STAFF = 'staff@your-agency.example';

function wf(prefix) {
  const nodes = []; const connections = {};
  // No `credentials`: n8n then flags each unset slot on its node and refuses to publish (issue 19);
  // `npm start` fills the local SupportGate Ledger, a person picks the rest.
  const node = (name, type, typeVersion, position, parameters, extra = {}) => {
    nodes.push({ id: uuid(prefix + name), name, type, typeVersion, position, parameters, ...extra });
    return name;
  };
  const link = (from, output, to) => {
    const c = (connections[from] ??= { main: [] });
    while (c.main.length <= output) c.main.push([]);
    c.main[output].push({ node: to, type: 'main', index: 0 });
  };
  const sticky = (key, content, position, width, height, color) => nodes.push({ id: uuid(prefix + 'sticky' + key), name: `Sticky Note ${key}`, type: 'n8n-nodes-base.stickyNote', typeVersion: 1, position, parameters: { content, width, height, ...(color ? { color } : {}) } });
  return { nodes, connections, node, link, sticky };
}

const ifTrue = (name, field) => ({
  conditions: {
    options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
    conditions: [{ id: uuid('cond' + name), leftValue: `={{ $json.${field} }}`, rightValue: '', operator: { type: 'boolean', operation: 'true', singleValue: true } }],
    combinator: 'and',
  },
  looseTypeValidation: true,
  options: {},
});
const label = (labels) => ({ operation: 'labelMessage', emailField: 'email', labels, messageId: '', options: {} });
const reply = () => ({ operation: 'replyInThread', emailField: 'email', replyField: 'reply', options: {} });
const send = (sendTo, subject, message, more = {}) => ({ operation: 'sendEmail', sendTo, subject, message, ...more, options: {} });

/** Everything after the trigger: identical in the intake and the reconcile sweep. */
function pipeline(w, entry, x0) {
  const G = 'n8n-nodes-supportgate.gmailSupportActions';
  const x = (n) => x0 + n * 240;
  const gate = w.node('Check Sender Credits', P + 'checkSenderCredits', 1, [x(0), 300], { project: '', options: {} });
  w.link(entry, 0, gate);
  const classify = w.node('Classify Support Email', P + 'classifySupportEmail', 1, [x(1), 200], { projectInstructions: '', confidenceThreshold: 0.6, options: {} });
  w.link(gate, 0, classify); w.link(gate, 1, classify);
  const followUp = w.node('Label Follow-up', G, 1, [x(1), 560], label('SupportGate/Follow-up'));
  w.link(gate, 2, followUp);
  const ignored = w.node('Label Ignored', G, 1, [x(1), 760], label('SupportGate/Ignored'));
  w.link(gate, 3, ignored);

  const debit = w.node('Debit Credit', P + 'debitCredit', 1, [x(2), 100], { tagFormat: '', duplicateWindowHours: 24, options: {} });
  w.link(classify, 0, debit);
  const notSupport = w.node('Label Not support', G, 1, [x(2), 300], label('SupportGate/Not support'));
  w.link(classify, 1, notSupport);
  const review = w.node('Notify staff: needs review', G, 1, [x(2), 420], send(STAFF,
    '={{ "[SupportGate] Needs review: " + $json.email.subject }}',
    '={{ "A mail needs a person to decide whether it is a support request.\\n\\nFrom: " + $json.email.from.address + "\\nSubject: " + $json.email.subject + "\\nWhy: " + ($json.reviewReason || ($json.classification && $json.classification.reason) || "low confidence") + "\\nCredit route: " + $json.route + "\\n\\n" + $json.email.text }}'));
  w.link(classify, 2, review);
  const reviewLabel = w.node('Label Needs review', G, 1, [x(3), 420], label('SupportGate/Needs review'));
  w.link(review, 0, reviewLabel);

  const isNew = w.node('New ticket?', 'n8n-nodes-base.if', 2.2, [x(3), 0], ifTrue('newticket', 'sendReply'));
  w.link(debit, 0, isNew);
  const ticketReply = w.node('Reply: ticket opened', G, 1, [x(4), -100], reply());
  w.link(isNew, 0, ticketReply);
  // A duplicate that joined an open ticket takes this path too (its "we already have your request" reply).
  const staffNew = w.node('Notify staff: new ticket', G, 1, [x(5), -100], send(STAFF,
    '={{ "[" + $json.project.name + "] " + ($json.outcome === "duplicate" ? "Duplicate joined " : "New ticket ") + $json.ticket.tag + ": " + $json.email.subject }}',
    '={{ ($json.outcome === "duplicate" ? "A new mail joined ticket " + $json.ticket.tag + " as a duplicate (same " + ($json.duplicateOf && $json.duplicateOf.by === "subject" ? "subject" : "problem") + "); not charged (balance " + $json.balance + "). The client was told we already have the request." : "Ticket " + $json.ticket.tag + " opened, one credit debited (balance now " + $json.balance + ").") + "\\n\\nFrom: " + $json.email.from.address + "\\nCategory: " + (($json.classification && $json.classification.category) || "-") + ", urgency: " + (($json.classification && $json.classification.urgency) || "-") + "\\nSummary: " + (($json.classification && $json.classification.summary) || "-") + "\\n\\n" + $json.email.text }}'));
  w.link(ticketReply, 0, staffNew);
  const paid = w.node('Label Paid', G, 1, [x(6), 0], label('SupportGate/Paid'));
  w.link(staffNew, 0, paid); w.link(isNew, 1, paid);

  const link = w.node('Create Payment Link', P + 'createPaymentLink', 1, [x(3), 200], {
    project: '={{ $json.project.id }}', accountId: '={{ $json.account.id }}', ticketId: '={{ $json.ticket ? $json.ticket.id : "" }}',
    customerEmail: '={{ $json.email ? $json.email.from.address : "" }}', credits: 1, language: 'auto',
  });
  w.link(debit, 1, link);
  const sendLink = w.node('Send link?', 'n8n-nodes-base.if', 2.2, [x(4), 200], ifTrue('sendlink', 'sendReply'));
  w.link(link, 0, sendLink);
  const linkReply = w.node('Reply: payment link', G, 1, [x(5), 140], reply());
  w.link(sendLink, 0, linkReply);
  const awaiting = w.node('Label Awaiting payment', G, 1, [x(6), 220], label('SupportGate/Awaiting payment'));
  w.link(linkReply, 0, awaiting); w.link(sendLink, 1, awaiting);

  // Sender not authenticated (policy "require"): held uncharged; the registered address is asked to confirm.
  const sendConfirm = w.node('Send confirmation?', 'n8n-nodes-base.if', 2.2, [x(3), 320], ifTrue('sendconfirm', 'sendReply'));
  w.link(debit, 2, sendConfirm);
  const confirmReply = w.node('Reply: confirm request', G, 1, [x(4), 320], reply());
  w.link(sendConfirm, 0, confirmReply);
  const awaitingConfirm = w.node('Label Awaiting confirmation', G, 1, [x(5), 320], label('SupportGate/Awaiting confirmation'));
  w.link(confirmReply, 0, awaitingConfirm); w.link(sendConfirm, 1, awaitingConfirm);
  return x(7);
}

const INTAKE_EN = `## SupportGate — Gmail intake
Every new mail of the support mailbox: **cheap checks first** (recipient, client, authenticity, follow-up, credit), then the AI triage, then one credit per request. A sender that fails authentication is held uncharged and the registered address is asked to confirm.

**Credentials to pick** (shipped unset: n8n marks each node that still needs one and will not publish until it is set)
1. **Gmail OAuth2** (scopes gmail.modify, gmail.send) on the Gmail Trigger and every Gmail Support Actions node. The trigger's search \`in:inbox -in:drafts -from:me\` keeps our own replies out.
2. **SupportGate Ledger** on Check Sender Credits, Debit Credit, Create Payment Link: \`npm start\` sets its local SQLite one; otherwise create one (SQLite file or PostgreSQL). Add the project, its support address and clients with the *setup-first-project* workflow.
3. **SupportGate Stripe** (secret key) on Create Payment Link.
4. Optional: an **OpenAI-compatible** credential on Classify Support Email; left empty, the offline classifier decides.

Then replace \`${STAFF}\` in the two *Notify staff* nodes by your team's address.

A second delivery of the same mail is never charged or answered twice (the ledger keys on Message-ID). Labels under *SupportGate/* mark mail as handled; the reconcile workflow sweeps what is left unlabeled.`;
const INTAKE_FR = `## SupportGate — réception Gmail
Chaque nouveau mail de la boîte support : **contrôles gratuits d'abord** (destinataire, client, authenticité, relance, crédit), puis le tri par IA, puis un crédit par demande. Un expéditeur non authentifié est mis en attente sans débit et l'adresse enregistrée doit confirmer.

**Identifiants à choisir** (livrés vides : n8n signale chaque nœud qui en attend un et refuse de publier tant qu'il manque)
1. **Gmail OAuth2** (droits gmail.modify, gmail.send) sur le Gmail Trigger et chaque nœud Gmail Support Actions. La recherche \`in:inbox -in:drafts -from:me\` ignore nos propres réponses.
2. **SupportGate Ledger** sur Check Sender Credits, Debit Credit, Create Payment Link : \`npm start\` y met son identifiant SQLite local ; sinon créez-en un (fichier SQLite ou PostgreSQL). Créez le projet, son adresse support et les clients avec le workflow *setup-first-project*.
3. **SupportGate Stripe** (clé secrète) sur Create Payment Link.
4. Facultatif : un identifiant **compatible OpenAI** sur Classify Support Email ; vide, le classifieur hors ligne décide.

Remplacez ensuite \`${STAFF}\` dans les deux nœuds *Notify staff* par l'adresse de votre équipe.

Un même mail reçu deux fois n'est jamais débité ni répondu deux fois (clé Message-ID). Les libellés *SupportGate/* marquent le mail comme traité ; le workflow de rattrapage reprend ce qui reste sans libellé.`;

// Notes sit above the nodes: their bottom edge stays clear of the highest node (y = -100) and its label.
const above = (topNodeY, height) => topNodeY - 40 - height;

function intake() {
  const w = wf('intake');
  w.node('Gmail Trigger', 'n8n-nodes-base.gmailTrigger', 1.4, [0, 300], {
    authentication: 'oAuth2', pollTimes: { item: [{ mode: 'everyMinute' }] }, event: 'messageReceived', simple: false, maxResults: 10,
    filters: { q: 'in:inbox -in:drafts -from:me', readStatus: 'both', includeDrafts: false }, options: { downloadAttachments: false },
  });
  pipeline(w, 'Gmail Trigger', 240);
  w.sticky('EN', INTAKE_EN, [-40, above(-100, 540)], 860, 540, 5);
  w.sticky('FR', INTAKE_FR, [860, above(-100, 540)], 860, 540, 4);
  return { id: 'sgGmailIntake001', name: 'SupportGate — Gmail intake', nodes: w.nodes, connections: w.connections, settings: { executionOrder: 'v1' }, pinData: {}, meta: { templateCredsSetupCompleted: false } };
}

function reconcile() {
  const w = wf('intake'); // same seed: the shared nodes keep the intake's ids
  w.node('Every 30 minutes', 'n8n-nodes-base.scheduleTrigger', 1.2, [-240, 300], { rule: { interval: [{ field: 'minutes', minutesInterval: 30 }] } });
  w.node('List Unlabeled Recent', P + 'gmailSupportActions', 1, [0, 300], { operation: 'listUnlabeledRecent', newerThanDays: 1, labelPrefix: 'SupportGate/', maxMessages: 200, options: {} });
  w.link('Every 30 minutes', 0, 'List Unlabeled Recent');
  pipeline(w, 'List Unlabeled Recent', 240);
  w.sticky('EN', `## SupportGate — Gmail reconcile sweep
Every 30 minutes, the inbox mail of the last day that carries **no SupportGate/ label** (missed by the trigger: downtime, a failed run) goes through the **same path** as the intake. Charging is idempotent per Message-ID, so mail the intake already charged is not charged or answered again; it just gets its label.

**Credentials to pick** (shipped unset; n8n marks each node that still needs one): the same as the Gmail intake — **Gmail OAuth2** on List Unlabeled Recent and every Gmail node, **SupportGate Ledger** on Check Sender Credits, Debit Credit, Create Payment Link (\`npm start\` sets its local one), **SupportGate Stripe** on Create Payment Link, optionally **OpenAI** on Classify Support Email (empty: offline classifier). Replace \`${STAFF}\` by your team's address. Activate both workflows.

The downstream nodes are a copy of the intake's (not an Execute Workflow call): the template imports on its own, with no workflow id to wire. Change both when you change one.`, [-280, above(-100, 440)], 760, 440, 5);
  w.sticky('FR', `## SupportGate — rattrapage Gmail
Toutes les 30 minutes, le mail de la boîte de réception du dernier jour **sans libellé SupportGate/** (manqué par le déclencheur : arrêt, exécution en échec) suit **le même chemin** que la réception. Le débit est idempotent par Message-ID : un mail déjà débité n'est ni redébité ni re-répondu, il reçoit juste son libellé.

**Identifiants à choisir** (livrés vides ; n8n signale chaque nœud qui en attend un) : les mêmes que la réception Gmail — **Gmail OAuth2** sur List Unlabeled Recent et chaque nœud Gmail, **SupportGate Ledger** sur Check Sender Credits, Debit Credit, Create Payment Link (\`npm start\` y met son identifiant local), **SupportGate Stripe** sur Create Payment Link, facultatif **OpenAI** sur Classify Support Email (vide : classifieur hors ligne). Remplacez \`${STAFF}\` par l'adresse de votre équipe. Activez les deux workflows.

Les nœuds en aval sont une copie de ceux de la réception (pas d'appel Execute Workflow) : le modèle s'importe seul, sans identifiant de workflow à relier. Modifiez les deux ensemble.`, [500, above(-100, 440)], 760, 440, 4);
  return { id: 'sgGmailReconcile1', name: 'SupportGate — Gmail reconcile sweep', nodes: w.nodes, connections: w.connections, settings: { executionOrder: 'v1' }, pinData: {}, meta: { templateCredsSetupCompleted: false } };
}

function stripe() {
  const w = wf('stripe');
  const G = P + 'gmailSupportActions';
  w.node('Stripe Trigger', 'n8n-nodes-base.stripeTrigger', 1, [0, 300], { events: ['checkout.session.completed', 'checkout.session.async_payment_succeeded', 'checkout.session.expired', 'charge.refunded'] }, { webhookId: uuid('stripe-webhook') });
  w.node('Process Stripe Payment', P + 'processStripePayment', 1, [240, 300], { mode: 'event' });
  w.link('Stripe Trigger', 0, 'Process Stripe Payment');
  w.node('First time?', 'n8n-nodes-base.if', 2.2, [480, 100], ifTrue('firsttime', 'firstTime'));
  w.link('Process Stripe Payment', 0, 'First time?');
  w.node('Notify staff: paid', G, 1, [720, 40], send(STAFF,
    '={{ "[SupportGate] Payment received: " + $json.credits + " credit(s), " + $json.price.en + ($json.releasedTickets.length ? " — released " + $json.releasedTickets.map(t => t.tag).join(", ") : "") + ($json.stillHeld.length ? " — still held " + $json.stillHeld.map(t => t.tag).join(", ") : "") }}',
    '={{ "Stripe session " + $json.sessionId + " paid by " + ($json.customerEmail || "the client") + ": " + $json.credits + " credit(s) for " + $json.price.en + ". Balance now " + $json.balance + "." + ($json.releasedTickets.length ? "\\n\\nReleased (one credit each, now new): " + $json.releasedTickets.map(t => t.tag + " " + t.subject).join("; ") + "." : "") + ($json.stillHeld.length ? "\\n\\nStill waiting for payment (no credit left): " + $json.stillHeld.map(t => t.tag + " " + t.subject).join("; ") + ". Send the client a new payment link or grant credits." : "") }}'));
  w.link('First time?', 0, 'Notify staff: paid');
  w.node('Confirm to client?', 'n8n-nodes-base.if', 2.2, [960, 40], ifTrue('confirm', 'sendReply'));
  w.link('Notify staff: paid', 0, 'Confirm to client?');
  w.node('Confirm payment to client', G, 1, [1200, 0], send('={{ $json.reply.to }}', '={{ $json.reply.subject }}', '={{ $json.reply.text }}', { html: '={{ $json.reply.html }}', headersField: 'reply.headers', threadId: '' }));
  w.link('Confirm to client?', 0, 'Confirm payment to client');
  // Each released ticket: the confirmation in the client's Gmail thread, and its mail relabelled Paid.
  w.node('Each released ticket', 'n8n-nodes-base.splitOut', 1, [480, -120], { fieldToSplitOut: 'releasedTickets', options: {} });
  w.link('Process Stripe Payment', 0, 'Each released ticket');
  w.node('From Gmail?', 'n8n-nodes-base.if', 2.2, [720, -160], ifTrue('fromgmail', 'inGmail'));
  w.link('Each released ticket', 0, 'From Gmail?');
  w.node('Confirm in thread?', 'n8n-nodes-base.if', 2.2, [960, -160], ifTrue('confirmthread', 'sendReply'));
  w.link('From Gmail?', 0, 'Confirm in thread?');
  w.node('Confirm payment in thread', G, 1, [1200, -220], send('={{ $json.reply.to }}', '={{ $json.reply.subject }}', '={{ $json.reply.text }}', { html: '={{ $json.reply.html }}', headersField: 'reply.headers', threadId: '={{ $json.threadId }}' }));
  w.link('Confirm in thread?', 0, 'Confirm payment in thread');
  w.node('Label Paid', G, 1, [1440, -160], { operation: 'labelMessage', emailField: 'email', labels: 'SupportGate/Paid', labelsToRemove: 'SupportGate/Awaiting payment', messageId: '={{ $json.providerMessageId }}', options: {} });
  w.link('Confirm payment in thread', 0, 'Label Paid'); w.link('Confirm in thread?', 1, 'Label Paid');
  w.node('Link expired', 'n8n-nodes-base.noOp', 1, [480, 300], {});
  w.link('Process Stripe Payment', 1, 'Link expired');
  w.node('Notify staff: refund', G, 1, [480, 460], send(STAFF,
    '={{ "[SupportGate] Refund on Stripe session " + $json.sessionId }}',
    '={{ "Charge " + $json.chargeId + " was refunded. Unused credits were taken back; see the account history in the ledger.\\n\\n" + JSON.stringify($json, null, 2) }}'));
  w.link('Process Stripe Payment', 2, 'Notify staff: refund');
  w.node('Ignored event', 'n8n-nodes-base.noOp', 1, [480, 620], {});
  w.link('Process Stripe Payment', 3, 'Ignored event');
  w.sticky('EN', `## SupportGate — Stripe payments
Paid payment links grant credits (once per Checkout Session, re-fetched from Stripe: the event alone is never trusted), release the account's held tickets oldest first as far as the credits go (the one of the link first), confirm in each client thread, relabel those mails *Paid* instead of *Awaiting payment* and tell staff, listing the tickets still held. Refunds take back unused credits.

**Credentials to pick** (shipped unset; n8n marks each node that still needs one and will not publish until it is set)
1. **Stripe Trigger**: n8n's own **Stripe** credential (secret key). On activation it registers its webhook in Stripe for the 4 events listed; nothing to paste in the Stripe dashboard. Use *test mode* keys first.
2. **Process Stripe Payment**: **SupportGate Ledger** (\`npm start\` sets its local one) + **SupportGate Stripe** (same Stripe account).
3. Every Gmail node: **Gmail OAuth2**; replace \`${STAFF}\` by your team's address.

A replayed event is harmless: credits are granted once and mails go out only the first time.`, [-40, above(-220, 520)], 760, 520, 5);
  w.sticky('FR', `## SupportGate — paiements Stripe
Un lien de paiement payé crédite le compte (une fois par session Checkout, relue chez Stripe : l'événement seul ne suffit jamais), libère les tickets en attente du compte, du plus ancien au plus récent tant que les crédits suffisent (celui du lien d'abord), confirme dans chaque fil du client, remplace le libellé *Awaiting payment* par *Paid* et prévient l'équipe en listant les tickets encore en attente. Un remboursement reprend les crédits non utilisés.

**Identifiants à choisir** (livrés vides ; n8n signale chaque nœud qui en attend un et refuse de publier tant qu'il manque)
1. **Stripe Trigger** : l'identifiant **Stripe** de n8n (clé secrète). À l'activation il enregistre lui-même son webhook chez Stripe pour les 4 événements listés ; rien à coller dans le tableau de bord Stripe. Commencez en *mode test*.
2. **Process Stripe Payment** : **SupportGate Ledger** (\`npm start\` y met son identifiant local) + **SupportGate Stripe** (même compte Stripe).
3. Chaque nœud Gmail : **Gmail OAuth2** ; remplacez \`${STAFF}\` par l'adresse de votre équipe.

Un événement rejoué est sans effet : crédit accordé une seule fois, mails envoyés la première fois seulement.`, [760, above(-220, 520)], 760, 520, 4);
  return { id: 'sgStripePaymnt01', name: 'SupportGate — Stripe payments', nodes: w.nodes, connections: w.connections, settings: { executionOrder: 'v1' }, pinData: {}, meta: { templateCredsSetupCompleted: false } };
}

// IMAP: the same pipeline, its Gmail Support Actions nodes turned into IMAP/SMTP Support Actions.
const IMAP_MARKS = {
  'SupportGate/Paid': 'paid', 'SupportGate/Awaiting payment': 'awaitingPayment', 'SupportGate/Awaiting confirmation': 'awaitingConfirmation',
  'SupportGate/Follow-up': 'followUp', 'SupportGate/Needs review': 'needsReview', 'SupportGate/Not support': 'notSupport', 'SupportGate/Ignored': 'ignored',
};
const imapName = (name) => name.replace(/^Label /, 'Mark ');

function toImapParameters(p) {
  if (p.operation === 'labelMessage') {
    if (!IMAP_MARKS[p.labels]) throw new Error(`no IMAP keyword for label ${p.labels}`);
    return { operation: 'setMark', emailField: p.emailField, mark: IMAP_MARKS[p.labels], markMode: 'auto', options: {} };
  }
  if (p.operation === 'replyInThread') return { operation: 'replyInThread', emailField: p.emailField, replyField: p.replyField, options: {} };
  if (p.operation === 'sendEmail') return { operation: 'sendEmail', sendTo: p.sendTo, subject: p.subject, message: p.message, options: {} };
  throw new Error(`no IMAP operation for ${p.operation}`);
}

/** No credentials at all: n8n flags each node whose credential is still to be chosen. */
function toImap(w) {
  for (const n of w.nodes) {
    delete n.credentials;
    if (n.type !== P + 'gmailSupportActions') continue;
    n.type = P + 'imapSupportActions';
    n.parameters = toImapParameters(n.parameters);
  }
  for (const n of w.nodes) n.name = imapName(n.name);
  const connections = {};
  for (const [from, c] of Object.entries(w.connections)) connections[imapName(from)] = { main: c.main.map((out) => out.map((l) => ({ ...l, node: imapName(l.node) }))) };
  return connections;
}

const IMAP_SETUP_EN = `**Set up**
1. A **SupportGate IMAP/SMTP** credential (IMAP and SMTP host, port, TLS, user, app password, From address, Sent folder) on every *IMAP/SMTP Support Actions* node; "Test" logs in to both.
2. **SupportGate Ledger** on Check Sender Credits, Debit Credit, Create Payment Link; the project, its support address and clients.
3. **Classify Support Email**: an OpenAI-compatible credential, or none for the offline classifier. **Create Payment Link**: SupportGate Stripe.
4. Replace \`${STAFF}\` in the two *Notify staff* nodes.
5. Set the project's \`trustedAuthservId\` to your provider's MX name (README, *Sender authentication*).

Handled mail gets a keyword (\`$SupportGate_Paid\`…), or moves to a *SupportGate/…* folder where the server refuses keywords. A mail delivered twice is never charged or answered twice (Message-ID).`;
const IMAP_SETUP_FR = `**À configurer**
1. Un identifiant **SupportGate IMAP/SMTP** (hôte, port, TLS, utilisateur, mot de passe d'application IMAP et SMTP, adresse d'envoi, dossier Envoyés) sur chaque nœud *IMAP/SMTP Support Actions* ; « Test » se connecte aux deux.
2. **SupportGate Ledger** sur Check Sender Credits, Debit Credit, Create Payment Link ; le projet, son adresse support et les clients.
3. **Classify Support Email** : un identifiant compatible OpenAI, ou aucun pour le classifieur hors ligne. **Create Payment Link** : SupportGate Stripe.
4. Remplacez \`${STAFF}\` dans les deux nœuds *Notify staff*.
5. Réglez \`trustedAuthservId\` du projet sur le nom MX de votre hébergeur (README, *Sender authentication*).

Un mail traité reçoit un mot-clé (\`$SupportGate_Paid\`…), ou va dans un dossier *SupportGate/…* si le serveur refuse les mots-clés. Un mail reçu deux fois n'est jamais débité ni répondu deux fois (Message-ID).`;

function imapIntake() {
  const w = wf('imap-intake');
  // Resolved: the full message, Authentication-Results included. Left unread for the staff.
  w.node('Email Trigger (IMAP)', 'n8n-nodes-base.emailReadImap', 2.2, [0, 300], {
    mailbox: 'INBOX', postProcessAction: 'nothing', format: 'resolved', dataPropertyAttachmentsPrefixName: 'attachment_', options: { customEmailConfig: '["UNSEEN"]', trackLastMessageId: true },
  });
  pipeline(w, 'Email Trigger (IMAP)', 240);
  const connections = toImap(w);
  w.sticky('EN', `## SupportGate — IMAP intake\nEvery new mail of an IMAP mailbox (OVH, Infomaniak, Fastmail, your own server): **cheap checks first** (recipient, client, authenticity, follow-up, credit), then the AI triage, then one credit per request; replies go out by SMTP in the client's thread.\n\n${IMAP_SETUP_EN}`, [-40, -720], 700, 580, 5);
  w.sticky('FR', `## SupportGate — réception IMAP\nChaque nouveau mail d'une boîte IMAP (OVH, Infomaniak, Fastmail, votre serveur) : **contrôles gratuits d'abord** (destinataire, client, authenticité, relance, crédit), puis le tri par IA, puis un crédit par demande ; les réponses partent en SMTP dans le fil du client.\n\n${IMAP_SETUP_FR}`, [700, -720], 700, 580, 4);
  return { id: 'sgImapIntake0001', name: 'SupportGate — IMAP intake', nodes: w.nodes, connections, settings: { executionOrder: 'v1' }, pinData: {}, meta: { templateCredsSetupCompleted: false } };
}

function imapReconcile() {
  const w = wf('imap-intake'); // same seed: the shared nodes keep the intake's ids
  w.node('Every 30 minutes', 'n8n-nodes-base.scheduleTrigger', 1.2, [-240, 300], { rule: { interval: [{ field: 'minutes', minutesInterval: 30 }] } });
  w.node('List Unmarked Recent', P + 'imapSupportActions', 1, [0, 300], { operation: 'listUnmarkedRecent', newerThanDays: 1, maxMessages: 200, options: {} });
  w.link('Every 30 minutes', 0, 'List Unmarked Recent');
  pipeline(w, 'List Unmarked Recent', 240);
  const connections = toImap(w);
  w.sticky('EN', `## SupportGate — IMAP reconcile sweep\nEvery 30 minutes, the INBOX mail of the last day that carries **no SupportGate keyword** (missed by the trigger: downtime, a failed run, a mail read before n8n saw it) goes through the **same path** as the IMAP intake. Charging is idempotent per Message-ID: mail the intake already charged only gets its keyword.\n\n**Set up**: the same credentials as the IMAP intake, and your team's address instead of \`${STAFF}\`. Activate both workflows; change both when you change one.`, [-280, -560], 700, 420, 5);
  w.sticky('FR', `## SupportGate — rattrapage IMAP\nToutes les 30 minutes, le mail de la boîte de réception du dernier jour **sans mot-clé SupportGate** (manqué par le déclencheur : arrêt, exécution en échec, mail lu avant n8n) suit **le même chemin** que la réception IMAP. Le débit est idempotent par Message-ID : un mail déjà débité reçoit juste son mot-clé.\n\n**À configurer** : les mêmes identifiants que la réception IMAP, et l'adresse de votre équipe à la place de \`${STAFF}\`. Activez les deux workflows ; modifiez les deux ensemble.`, [460, -560], 700, 420, 4);
  return { id: 'sgImapReconcile1', name: 'SupportGate — IMAP reconcile sweep', nodes: w.nodes, connections, settings: { executionOrder: 'v1' }, pinData: {}, meta: { templateCredsSetupCompleted: false } };
}

for (const [file, w] of [['gmail-intake.json', intake()], ['gmail-reconcile.json', reconcile()], ['stripe-payments.json', stripe()], ['imap-intake.json', imapIntake()], ['imap-reconcile.json', imapReconcile()]]) {
  fs.writeFileSync(out + file, JSON.stringify(w, null, 2) + '\n');
  console.log(file, w.nodes.length, 'nodes');
}
