// Generates workflows/process-mail.json, process-mail-imap.json, gmail-intake.json, gmail-reconcile.json,
// stripe-payments.json, stripe-payments-imap.json, stripe-payments-outlook.json, imap-intake.json and imap-reconcile.json. The path a mail takes after its
// trigger (pipeline()) lives once, in the sub-workflow "SupportGate — process mail"; the intake and
// the sweep only find mail and hand it over, one mail per sub-execution (callProcessMail). The IMAP
// sub-workflow is that pipeline with its Gmail nodes swapped (see toImap): one workflow holding both
// kinds would carry credential slots of a mailbox the agency does not use, and n8n refuses to publish
// a workflow with a required slot unset.
// Run: node test/n8n/e2e/generate-templates.cjs
const fs = require('node:fs');
const crypto = require('node:crypto');
const out = require('node:path').resolve(__dirname, '../../../workflows') + '/';
const uuid = (seed) => {
  const h = crypto
    .createHash('sha1')
    .update('supportgate:' + seed)
    .digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
const P = 'n8n-nodes-supportgate.';
const STAFF = 'staff@your-agency.example';

function wf(prefix) {
  const nodes = [];
  const connections = {};
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
  const sticky = (key, content, position, width, height, color) =>
    nodes.push({
      id: uuid(prefix + 'sticky' + key),
      name: `Sticky Note ${key}`,
      type: 'n8n-nodes-base.stickyNote',
      typeVersion: 1,
      position,
      parameters: { content, width, height, ...(color ? { color } : {}) },
    });
  return { nodes, connections, node, link, sticky };
}

const ifTrue = (name, field) => ({
  conditions: {
    options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
    conditions: [
      {
        id: uuid('cond' + name),
        leftValue: `={{ $json.${field} }}`,
        rightValue: '',
        operator: { type: 'boolean', operation: 'true', singleValue: true },
      },
    ],
    combinator: 'and',
  },
  looseTypeValidation: true,
  options: {},
});
/** An If on a whole expression (ifTrue compares one field). */
const ifExpr = (name, expression) => {
  const p = ifTrue(name, 'x');
  p.conditions.conditions[0].leftValue = `={{ ${expression} }}`;
  return p;
};
const label = (labels) => ({ operation: 'labelMessage', emailField: 'email', labels, messageId: '', options: {} });
const reply = () => ({ operation: 'replyInThread', emailField: 'email', replyField: 'reply', options: {} });
const send = (sendTo, subject, message, more = {}) => ({ operation: 'sendEmail', sendTo, subject, message, ...more, options: {} });

// Fixed ids: `npm start` (n8n import:workflow) keeps them, so the callers' Execute Workflow nodes
// find the sub-workflow without a person picking it; an import in the editor gets a new id and the
// person picks the sub-workflow in the node's list (README, Workflows).
const PROCESS_MAIL = { id: 'sgProcessMail001', name: 'SupportGate — process mail' };
const PROCESS_MAIL_IMAP = { id: 'sgProcessImap001', name: 'SupportGate — process mail (IMAP)' };
const SUB_TRIGGER = 'When Executed by Another Workflow';

/** The start of a sub-workflow: n8n's Execute Workflow Trigger passing the caller's items as they are. */
function subWorkflowTrigger(w) {
  return w.node(SUB_TRIGGER, 'n8n-nodes-base.executeWorkflowTrigger', 1.2, [0, 300], { inputSource: 'passthrough' });
}

/**
 * from → Each mail (Loop Over Items, one at a time) → Process mail (Execute Workflow) → back to Each
 * mail. One sub-execution per mail: a mail whose path fails fails alone, after the ones before it were
 * fully handled (its own execution shows where). "Run once for each item" would do the same but is
 * deprecated in n8n 2.x in favour of this loop. The caller waits for each sub-execution, so a failure
 * fails the caller's execution too (and stops the loop: the rest stays unlabeled for the sweep).
 * alwaysOutputData: a sub-execution whose last node put nothing on its first output (an item on
 * Failed, once a person turns continue-on-fail on) must still bring the loop to the next mail.
 */
function callProcessMail(w, from, x, target) {
  const each = w.node('Each mail', 'n8n-nodes-base.splitInBatches', 3, [x, 300], { batchSize: 1, options: {} });
  w.link(from, 0, each);
  const call = w.node(
    'Process mail',
    'n8n-nodes-base.executeWorkflow',
    1.4,
    [x + 240, 300],
    {
      source: 'database',
      workflowId: { __rl: true, mode: 'list', value: target.id, cachedResultName: target.name, cachedResultUrl: `/workflow/${target.id}` },
      mode: 'once',
      options: { waitForSubWorkflow: true },
    },
    { alwaysOutputData: true },
  );
  w.link(each, 1, call);
  w.link(call, 0, each);
  return call;
}

/** Everything after the trigger: identical in the intake and the reconcile sweep. */
function pipeline(w, entry, x0) {
  const G = 'n8n-nodes-supportgate.gmailSupportActions';
  const x = (n) => x0 + n * 240;
  const gate = w.node('Check Sender Credits', P + 'checkSenderCredits', 1, [x(0), 300], { project: '', options: {} });
  w.link(entry, 0, gate);
  const classify = w.node('Classify Support Email', P + 'classifySupportEmail', 1, [x(1), 200], {
    projectInstructions: '',
    confidenceThreshold: 0.6,
    options: {},
  });
  w.link(gate, 0, classify);
  w.link(gate, 1, classify);
  const followUp = w.node('Label Follow-up', G, 1, [x(1), 560], label('SupportGate/Follow-up'));
  w.link(gate, 2, followUp);
  const ignored = w.node('Label Ignored', G, 1, [x(1), 760], label('SupportGate/Ignored'));
  w.link(gate, 3, ignored);

  const debit = w.node('Debit Credit', P + 'debitCredit', 1, [x(2), 100], { tagFormat: '', duplicateWindowHours: 24, options: {} });
  w.link(classify, 0, debit);
  const notSupport = w.node('Label Not support', G, 1, [x(2), 300], label('SupportGate/Not support'));
  w.link(classify, 1, notSupport);
  const review = w.node(
    'Notify staff: needs review',
    G,
    1,
    [x(2), 420],
    send(
      STAFF,
      '={{ "[SupportGate] Needs review: " + $json.email.subject }}',
      '={{ "A mail needs a person to decide whether it is a support request.\\n\\nFrom: " + $json.email.from.address + "\\nSubject: " + $json.email.subject + "\\nWhy: " + ($json.reviewReason || ($json.classification && $json.classification.reason) || "low confidence") + "\\nCredit route: " + $json.route + "\\n\\n" + $json.email.text }}',
    ),
  );
  w.link(classify, 2, review);
  const reviewLabel = w.node('Label Needs review', G, 1, [x(3), 420], label('SupportGate/Needs review'));
  w.link(review, 0, reviewLabel);

  const isNew = w.node('New ticket?', 'n8n-nodes-base.if', 2.2, [x(3), 0], ifTrue('newticket', 'sendReply'));
  w.link(debit, 0, isNew);
  const ticketReply = w.node('Reply: ticket opened', G, 1, [x(4), -100], reply());
  w.link(isNew, 0, ticketReply);
  // A duplicate that joined an open ticket takes this path too (its "we already have your request" reply).
  const staffNew = w.node(
    'Notify staff: new ticket',
    G,
    1,
    [x(5), -100],
    send(
      STAFF,
      '={{ "[" + $json.project.name + "] " + ($json.outcome === "duplicate" ? "Duplicate joined " : "New ticket ") + $json.ticket.tag + ": " + $json.email.subject }}',
      '={{ ($json.outcome === "duplicate" ? "A new mail joined ticket " + $json.ticket.tag + " as a duplicate (same " + ($json.duplicateOf && $json.duplicateOf.by === "subject" ? "subject" : "problem") + "); not charged (balance " + $json.balance + "). The client was told we already have the request." : "Ticket " + $json.ticket.tag + " opened, one credit debited (balance now " + $json.balance + ").") + "\\n\\nFrom: " + $json.email.from.address + "\\nCategory: " + (($json.classification && $json.classification.category) || "-") + ", urgency: " + (($json.classification && $json.classification.urgency) || "-") + "\\nSummary: " + (($json.classification && $json.classification.summary) || "-") + "\\n\\n" + $json.email.text }}',
    ),
  );
  w.link(ticketReply, 0, staffNew);
  const paid = w.node('Label Paid', G, 1, [x(10), 0], label('SupportGate/Paid'));
  // The debit that brought the account down to the project's threshold: one top-up offer, in the thread.
  const isLow = w.node('Low balance?', 'n8n-nodes-base.if', 2.2, [x(6), -100], ifExpr('lowbalance', '!!$json.lowBalance'));
  w.link(staffNew, 0, isLow);
  const topUp = w.node('Top-up link', P + 'createPaymentLink', 1, [x(7), -100], {
    purpose: 'topUp',
    project: '={{ $json.project.id }}',
    accountId: '={{ $json.account.id }}',
    ticketId: '',
    customerEmail: '={{ $json.email ? $json.email.from.address : "" }}',
    credits: '={{ $json.lowBalance.topUpCredits }}',
    language: 'auto',
  });
  w.link(isLow, 0, topUp);
  const sendTopUp = w.node('Send top-up?', 'n8n-nodes-base.if', 2.2, [x(8), -100], ifTrue('sendtopup', 'sendReply'));
  w.link(topUp, 0, sendTopUp);
  const lowReply = w.node('Reply: low balance', G, 1, [x(9), -100], reply());
  w.link(sendTopUp, 0, lowReply);
  w.link(lowReply, 0, paid);
  w.link(sendTopUp, 1, paid);
  w.link(isLow, 1, paid);
  w.link(isNew, 1, paid);

  const link = w.node('Create Payment Link', P + 'createPaymentLink', 1, [x(3), 200], {
    project: '={{ $json.project.id }}',
    accountId: '={{ $json.account.id }}',
    ticketId: '={{ $json.ticket ? $json.ticket.id : "" }}',
    customerEmail: '={{ $json.email ? $json.email.from.address : "" }}',
    credits: 1,
    language: 'auto',
  });
  w.link(debit, 1, link);
  const sendLink = w.node('Send link?', 'n8n-nodes-base.if', 2.2, [x(4), 200], ifTrue('sendlink', 'sendReply'));
  w.link(link, 0, sendLink);
  const linkReply = w.node('Reply: payment link', G, 1, [x(5), 140], reply());
  w.link(sendLink, 0, linkReply);
  const awaiting = w.node('Label Awaiting payment', G, 1, [x(6), 220], label('SupportGate/Awaiting payment'));
  w.link(linkReply, 0, awaiting);
  w.link(sendLink, 1, awaiting);

  // Sender not authenticated (policy "require"): held uncharged; the registered address is asked to confirm.
  const sendConfirm = w.node('Send confirmation?', 'n8n-nodes-base.if', 2.2, [x(3), 320], ifTrue('sendconfirm', 'sendReply'));
  w.link(debit, 2, sendConfirm);
  const confirmReply = w.node('Reply: confirm request', G, 1, [x(4), 320], reply());
  w.link(sendConfirm, 0, confirmReply);
  const awaitingConfirm = w.node('Label Awaiting confirmation', G, 1, [x(5), 320], label('SupportGate/Awaiting confirmation'));
  w.link(confirmReply, 0, awaitingConfirm);
  w.link(sendConfirm, 1, awaitingConfirm);
  return x(7);
}

const PROCESS_EN = `## SupportGate — process mail (Gmail)
The path of one mail, called by the Gmail intake and the Gmail reconcile sweep (never started on its own): **cheap checks first** (recipient, client, authenticity, follow-up, credit), then the AI triage, then one credit per request. A sender that fails authentication is held uncharged and the registered address is asked to confirm.

**Import it before the intake and the sweep, and publish it**: they call its published version (publish again after a change).

**Credentials to pick** (shipped unset: n8n marks each node that still needs one and will not publish until it is set)
1. **Gmail OAuth2** (scopes gmail.modify, gmail.send) on every Gmail Support Actions node.
2. **SupportGate Ledger** on Check Sender Credits, Debit Credit, Create Payment Link and every *Gmail Support Actions* node (the intake journal: each reply, notification and label once per mail): \`npm start\` sets its local SQLite one; otherwise create one (SQLite file or PostgreSQL). Add the project, its support address and clients with the *setup-first-project* workflow.
3. **SupportGate Stripe** (secret key) on Create Payment Link.
4. Optional: an **OpenAI-compatible** credential on Classify Support Email; left empty, the offline classifier decides.

Then replace \`${STAFF}\` in the two *Notify staff* nodes by your team's address.

A second delivery of the same mail is never charged or answered twice (the ledger keys on Message-ID). Labels under *SupportGate/* mark mail as handled; the reconcile sweep drives again what is left unlabeled.`;
const PROCESS_FR = `## SupportGate — traitement d'un mail (Gmail)
Le chemin d'un mail, appelé par la réception Gmail et le rattrapage Gmail (jamais lancé seul) : **contrôles gratuits d'abord** (destinataire, client, authenticité, relance, crédit), puis le tri par IA, puis un crédit par demande. Un expéditeur non authentifié est mis en attente sans débit et l'adresse enregistrée doit confirmer.

**Importez-le avant la réception et le rattrapage, et publiez-le** : ils appellent sa version publiée (republiez après une modification).

**Identifiants à choisir** (livrés vides : n8n signale chaque nœud qui en attend un et refuse de publier tant qu'il manque)
1. **Gmail OAuth2** (droits gmail.modify, gmail.send) sur chaque nœud Gmail Support Actions.
2. **SupportGate Ledger** sur Check Sender Credits, Debit Credit, Create Payment Link et chaque nœud *Gmail Support Actions* (le journal de réception : chaque réponse, notification et libellé une fois par mail) : \`npm start\` y met son identifiant SQLite local ; sinon créez-en un (fichier SQLite ou PostgreSQL). Créez le projet, son adresse support et les clients avec le workflow *setup-first-project*.
3. **SupportGate Stripe** (clé secrète) sur Create Payment Link.
4. Facultatif : un identifiant **compatible OpenAI** sur Classify Support Email ; vide, le classifieur hors ligne décide.

Remplacez ensuite \`${STAFF}\` dans les deux nœuds *Notify staff* par l'adresse de votre équipe.

Un même mail reçu deux fois n'est jamais débité ni répondu deux fois (clé Message-ID). Les libellés *SupportGate/* marquent le mail comme traité ; le rattrapage reprend ce qui reste sans libellé.`;

const INTAKE_EN = `## SupportGate — Gmail intake
Every new mail of the support mailbox goes, **one at a time**, to the sub-workflow **${PROCESS_MAIL.name}** (\`process-mail.json\`), which checks, triages, charges, answers and labels it. Each mail is its own sub-execution: one that fails fails this run too (so it shows), after the mails before it were handled; the rest stays unlabeled for the reconcile sweep.

**Set up**
1. Import \`process-mail.json\` **first**, pick its credentials (its notes say which) and **publish** it: this workflow calls its published version.
2. In **Process mail** here, pick *${PROCESS_MAIL.name}* in the Workflow list. \`npm start\` imports both with the id the node already names: nothing to pick.
3. **Gmail OAuth2** (scopes gmail.modify, gmail.send) on the **Gmail Support Trigger**. It follows the inbox's Gmail history, so each new mail comes once (drafts, sent mail and our own replies never); *Push (Pub/Sub)* mode answers within a second or two (README, *Gmail Support Trigger*).

Then publish this workflow and the *Gmail reconcile sweep*, which catches what a poll missed.`;
const INTAKE_FR = `## SupportGate — réception Gmail
Chaque nouveau mail de la boîte support part, **un par un**, dans le sous-workflow **${PROCESS_MAIL.name}** (\`process-mail.json\`), qui le contrôle, le trie, le débite, y répond et le libelle. Chaque mail a sa propre sous-exécution : un mail en échec fait échouer cette exécution aussi (on le voit), après le traitement des mails d'avant ; le reste, sans libellé, va au rattrapage.

**À configurer**
1. Importez \`process-mail.json\` **d'abord**, choisissez ses identifiants (ses notes disent lesquels) et **publiez-le** : ce workflow appelle sa version publiée.
2. Dans **Process mail** ici, choisissez *${PROCESS_MAIL.name}* dans la liste Workflow. \`npm start\` importe les deux avec l'identifiant que le nœud nomme déjà : rien à choisir.
3. **Gmail OAuth2** (droits gmail.modify, gmail.send) sur le **Gmail Support Trigger**. Il suit l'historique Gmail de la boîte de réception : chaque nouveau mail arrive une fois (jamais les brouillons, les envois ni nos réponses) ; le mode *Push (Pub/Sub)* répond en une ou deux secondes (README, *Gmail Support Trigger*).

Publiez ensuite ce workflow et le *rattrapage Gmail*, qui reprend ce qu'un relevé a manqué.`;

// Notes sit above the nodes: their bottom edge stays clear of the highest node and its label.
const above = (topNodeY, height) => topNodeY - 40 - height;
const subWorkflow = (target, w, connections = w.connections) => ({
  id: target.id,
  name: target.name,
  nodes: w.nodes,
  connections,
  // Called by the intake and the sweep of the same owner (n8n's default, written out).
  settings: { executionOrder: 'v1', callerPolicy: 'workflowsFromSameOwner' },
  pinData: {},
  meta: { templateCredsSetupCompleted: false },
});

function processMail() {
  const w = wf('intake'); // the intake's seed: the nodes that moved here keep their ids
  pipeline(w, subWorkflowTrigger(w), 240);
  w.sticky('EN', PROCESS_EN, [-40, above(-100, 560)], 860, 560, 5);
  w.sticky('FR', PROCESS_FR, [860, above(-100, 560)], 860, 560, 4);
  return subWorkflow(PROCESS_MAIL, w);
}

function intake() {
  const w = wf('intake');
  // Our trigger, not n8n's Gmail Trigger (a search every minute that can repeat or miss mail): the
  // inbox's history from a stored historyId, each new mail emitted once (n8n's stays a supported input).
  w.node(
    'Gmail Support Trigger',
    P + 'gmailSupportTrigger',
    1,
    [0, 300],
    { mode: 'polling', pollTimes: { item: [{ mode: 'everyMinute' }] }, ownAddresses: '', options: {} },
    { webhookId: uuid('gmail-support-trigger') },
  );
  callProcessMail(w, 'Gmail Support Trigger', 240, PROCESS_MAIL);
  w.sticky('EN', INTAKE_EN, [-40, above(300, 520)], 700, 520, 5);
  w.sticky('FR', INTAKE_FR, [700, above(300, 520)], 700, 520, 4);
  return {
    id: 'sgGmailIntake001',
    name: 'SupportGate — Gmail intake',
    nodes: w.nodes,
    connections: w.connections,
    settings: { executionOrder: 'v1' },
    pinData: {},
    meta: { templateCredsSetupCompleted: false },
  };
}

function reconcile() {
  const w = wf('intake'); // same seed: the shared nodes keep the intake's ids
  w.node('Every 30 minutes', 'n8n-nodes-base.scheduleTrigger', 1.2, [-240, 300], {
    rule: { interval: [{ field: 'minutes', minutesInterval: 30 }] },
  });
  w.node('List Unlabeled Recent', P + 'gmailSupportActions', 1, [0, 300], {
    operation: 'listUnlabeledRecent',
    newerThanDays: 1,
    labelPrefix: 'SupportGate/',
    maxMessages: 200,
    options: {},
  });
  w.link('Every 30 minutes', 0, 'List Unlabeled Recent');
  callProcessMail(w, 'List Unlabeled Recent', 240, PROCESS_MAIL);
  w.sticky(
    'EN',
    `## SupportGate — Gmail reconcile sweep
Every 30 minutes, the inbox mail of the last day that carries **no SupportGate/ label** (missed by the trigger: downtime, a failed run) goes, one at a time, through the **same sub-workflow** as the intake, *${PROCESS_MAIL.name}*. Charging is idempotent per Message-ID, so mail the intake already charged is not charged or answered again; it just gets its label.

**Set up**: import and publish \`process-mail.json\` first (its notes list its credentials and \`${STAFF}\` to replace), then pick it in **Process mail** (\`npm start\`: already set). **Gmail OAuth2** on List Unlabeled Recent. Activate the intake and this sweep; a change to the path goes in *process mail* and applies to both.`,
    [-280, above(300, 320)],
    740,
    320,
    5,
  );
  w.sticky(
    'FR',
    `## SupportGate — rattrapage Gmail
Toutes les 30 minutes, le mail de la boîte de réception du dernier jour **sans libellé SupportGate/** (manqué par le déclencheur : arrêt, exécution en échec) passe, un par un, par **le même sous-workflow** que la réception, *${PROCESS_MAIL.name}*. Le débit est idempotent par Message-ID : un mail déjà débité n'est ni redébité ni re-répondu, il reçoit juste son libellé.

**À configurer** : importez et publiez \`process-mail.json\` d'abord (ses notes listent ses identifiants et \`${STAFF}\` à remplacer), puis choisissez-le dans **Process mail** (\`npm start\` : déjà fait). **Gmail OAuth2** sur List Unlabeled Recent. Activez la réception et ce rattrapage ; une modification du chemin se fait dans *process mail* et vaut pour les deux.`,
    [460, above(300, 320)],
    740,
    320,
    4,
  );
  return {
    id: 'sgGmailReconcile1',
    name: 'SupportGate — Gmail reconcile sweep',
    nodes: w.nodes,
    connections: w.connections,
    settings: { executionOrder: 'v1' },
    pinData: {},
    meta: { templateCredsSetupCompleted: false },
  };
}

/**
 * stripe-payments.json (Gmail), stripe-payments-imap.json (IMAP/SMTP) and stripe-payments-outlook.json
 * (Microsoft Graph): the same nodes and branches, with the mailbox nodes of one kind each, so neither carries a credential slot of a mailbox the agency
 * does not have (n8n refuses to publish a workflow with a required slot unset).
 */
const STRIPE_KINDS = {
  gmail: {
    seed: 'stripe',
    id: 'sgStripePaymnt01',
    name: 'SupportGate — Stripe payments',
    type: P + 'gmailSupportActions',
    webhook: 'stripe-webhook',
    // Gmail files the confirmation in the client's thread by its thread id.
    sendMore: (threadId) => ({ html: '={{ $json.reply.html }}', headersField: 'reply.headers', threadId }),
    // Reply in Thread on the opening mail ($json.email: its thread and message ids), claimed once per
    // mail on its intake journal entry ($json.intake, effect confirmation_mail).
    threadReply: () => ({ operation: 'replyInThread', emailField: 'email', replyField: 'reply' }),
    fromMailbox: ['From Gmail?', 'fromgmail', 'inGmail'],
    markPaid: [
      'Label Paid',
      {
        operation: 'labelMessage',
        emailField: 'email',
        labels: 'SupportGate/Paid',
        labelsToRemove: 'SupportGate/Awaiting payment',
        messageId: '={{ $json.providerMessageId }}',
        options: {},
      },
    ],
  },
  imap: {
    seed: 'stripe-imap',
    id: 'sgStripeImap0001',
    name: 'SupportGate — Stripe payments (IMAP)',
    type: P + 'imapSupportActions',
    webhook: 'stripe-imap-webhook',
    // SMTP threads by In-Reply-To/References alone (reply.headers); a copy goes to the Sent folder.
    sendMore: () => ({ html: '={{ $json.reply.html }}', headersField: 'reply.headers' }),
    // Reply in Thread on the opening mail ($json.email): threaded by the composed reply's headers, and
    // claimed once per mail on its intake journal entry ($json.intake, effect confirmation_mail).
    threadReply: () => ({
      operation: 'replyInThread',
      emailField: 'email',
      replyField: 'reply',
      subjectTag: '={{ $json.tag || "" }}',
      options: {},
    }),
    fromMailbox: ['From IMAP?', 'fromimap', 'inImap'],
    // Found again by Message-ID ($json.email of the released ticket); Paid replaces Awaiting payment.
    markPaid: ['Mark Paid', { operation: 'setMark', emailField: 'email', mark: 'paid', markMode: 'auto', options: {} }],
  },
  outlook: {
    seed: 'stripe-outlook',
    id: 'sgStripeOutlook1',
    name: 'SupportGate — Stripe payments (Outlook)',
    type: P + 'outlookSupportActions',
    webhook: 'stripe-outlook-webhook',
    // Graph takes HTML but no standard headers (only X- ones): no In-Reply-To, no Auto-Submitted.
    sendMore: () => ({ html: '={{ $json.reply.html }}' }),
    // Reply in Thread on the opening mail by its Graph id ($json.email.providerId): createReply keeps the
    // conversation; claimed once per mail on its intake journal entry ($json.intake, confirmation_mail).
    threadReply: () => ({
      operation: 'replyInThread',
      emailField: 'email',
      messageId: '',
      replyField: 'reply',
      subjectTag: '={{ $json.tag || "" }}',
    }),
    fromMailbox: ['From Outlook?', 'fromoutlook', 'inOutlook'],
    // As the Outlook intake marks mail: Set Category, which replaces Awaiting payment (one SupportGate category).
    markPaid: ['Category Paid', { operation: 'setCategory', emailField: 'email', messageId: '', category: 'paid' }],
    // The Outlook node's Send Email has no options collection.
    adapt: ({ options: _options, ...p }) => p,
  },
};

// Which of the three to import: the one of the agency's support mailbox.
const WHICH_EN = `Import **one** of the three per Stripe account, the one of your support mailbox (all three would answer the same event): \`stripe-payments.json\` for Gmail, \`stripe-payments-imap.json\` for IMAP/SMTP, \`stripe-payments-outlook.json\` for Outlook (Microsoft 365).`;
const WHICH_FR = `Importez **un seul** des trois par compte Stripe, celui de votre boîte support (les trois répondraient au même événement) : \`stripe-payments.json\` pour Gmail, \`stripe-payments-imap.json\` pour IMAP/SMTP, \`stripe-payments-outlook.json\` pour Outlook (Microsoft 365).`;
const STRIPE_NOTES = {
  gmail: {
    en: `3. Every Gmail node: **Gmail OAuth2**; replace \`${STAFF}\` by your team's address.

${WHICH_EN}`,
    fr: `3. Chaque nœud Gmail : **Gmail OAuth2** ; remplacez \`${STAFF}\` par l'adresse de votre équipe.

${WHICH_FR}`,
  },
  imap: {
    en: `3. Every *IMAP/SMTP Support Actions* node: the **SupportGate IMAP/SMTP** credential of the support mailbox (the one of \`process-mail-imap.json\`); replace \`${STAFF}\` by your team's address.

The confirmation goes by SMTP in the client's thread (In-Reply-To/References to the opening mail, ticket tag in the subject, Auto-Submitted), once per mail (the intake journal, as for the intake's replies: an event replayed after a refused send sends it then), a copy lands in the Sent folder and the mail gets \`$SupportGate_Paid\`.

${WHICH_EN}`,
    fr: `3. Chaque nœud *IMAP/SMTP Support Actions* : l'identifiant **SupportGate IMAP/SMTP** de la boîte support (celui de \`process-mail-imap.json\`) ; remplacez \`${STAFF}\` par l'adresse de votre équipe.

La confirmation part en SMTP dans le fil du client (In-Reply-To/References vers le mail d'origine, étiquette du ticket dans l'objet, Auto-Submitted), une fois par mail (le journal de réception, comme pour les réponses : un événement rejoué après un envoi refusé l'envoie alors), une copie va dans le dossier Envoyés et le mail reçoit \`$SupportGate_Paid\`.

${WHICH_FR}`,
  },
  outlook: {
    en: `3. Every *Outlook Support Actions* node: the **SupportGate Microsoft Graph** credential of the support mailbox (the one of \`outlook-intake.json\`) and **SupportGate Ledger**; replace \`${STAFF}\` by your team's address.

The confirmation is a reply to the client's opening mail, in its Outlook conversation (ticket tag in the subject, HTML body), once per mail (the intake journal, as for the intake's replies: an event replayed after a refused send sends it then), and the mail's category becomes *SupportGate: Paid*. Graph lets no app set Auto-Submitted (only X- headers).

${WHICH_EN}`,
    fr: `3. Chaque nœud *Outlook Support Actions* : l'identifiant **SupportGate Microsoft Graph** de la boîte support (celui de \`outlook-intake.json\`) et **SupportGate Ledger** ; remplacez \`${STAFF}\` par l'adresse de votre équipe.

La confirmation répond au mail d'origine du client, dans sa conversation Outlook (étiquette du ticket dans l'objet, corps HTML), une fois par mail (le journal de réception, comme pour les réponses : un événement rejoué après un envoi refusé l'envoie alors), et la catégorie du mail devient *SupportGate: Paid*. Graph ne laisse aucune application poser Auto-Submitted (seulement des en-têtes X-).

${WHICH_FR}`,
  },
};

function stripe(kind) {
  const k = STRIPE_KINDS[kind];
  const w = wf(k.seed);
  const G = k.type;
  w.node(
    'Stripe Trigger',
    'n8n-nodes-base.stripeTrigger',
    1,
    [0, 300],
    { events: ['checkout.session.completed', 'checkout.session.async_payment_succeeded', 'checkout.session.expired', 'charge.refunded'] },
    { webhookId: uuid(k.webhook) },
  );
  w.node('Process Stripe Payment', P + 'processStripePayment', 1, [240, 300], { mode: 'event' });
  w.link('Stripe Trigger', 0, 'Process Stripe Payment');
  // Above the released tickets' branch, so n8n (execution order v1: topmost branch first) tells
  // staff before it confirms in the client threads: a refused confirmation fails the run, and a
  // replay (firstTime false) would never tell staff. A failed staff mail fails nothing else.
  w.node('First time?', 'n8n-nodes-base.if', 2.2, [480, -440], ifTrue('firsttime', 'firstTime'));
  w.link('Process Stripe Payment', 0, 'First time?');
  w.node(
    'Notify staff: paid',
    G,
    1,
    [720, -520],
    send(
      STAFF,
      '={{ "[SupportGate] Payment received: " + $json.credits + " credit(s), " + $json.price.en + ($json.releasedTickets.length ? " — released " + $json.releasedTickets.map(t => t.tag).join(", ") : "") + ($json.stillHeld.length ? " — still held " + $json.stillHeld.map(t => t.tag).join(", ") : "") }}',
      '={{ "Stripe session " + $json.sessionId + " paid by " + ($json.customerEmail || "the client") + ": " + $json.credits + " credit(s) for " + $json.price.en + ". Balance now " + $json.balance + "." + ($json.releasedTickets.length ? "\\n\\nReleased (one credit each, now new): " + $json.releasedTickets.map(t => t.tag + " " + t.subject).join("; ") + "." : "") + ($json.stillHeld.length ? "\\n\\nStill waiting for payment (no credit left): " + $json.stillHeld.map(t => t.tag + " " + t.subject).join("; ") + ". Send the client a new payment link or grant credits." : "") }}',
    ),
    { onError: 'continueRegularOutput' },
  );
  w.link('First time?', 0, 'Notify staff: paid');
  w.node('Confirm to client?', 'n8n-nodes-base.if', 2.2, [720, -360], ifTrue('confirm', 'sendReply'));
  w.link('First time?', 0, 'Confirm to client?');
  w.node(
    'Confirm payment to client',
    G,
    1,
    [960, -380],
    send('={{ $json.reply.to }}', '={{ $json.reply.subject }}', '={{ $json.reply.text }}', k.sendMore('')),
  );
  w.link('Confirm to client?', 0, 'Confirm payment to client');
  // Each released ticket: the confirmation in the client's thread, and its mail relabelled Paid.
  const [fromName, fromSeed, fromField] = k.fromMailbox;
  w.node('Each released ticket', 'n8n-nodes-base.splitOut', 1, [480, -120], { fieldToSplitOut: 'releasedTickets', options: {} });
  w.link('Process Stripe Payment', 0, 'Each released ticket');
  w.node(fromName, 'n8n-nodes-base.if', 2.2, [720, -160], ifTrue(fromSeed, fromField));
  w.link('Each released ticket', 0, fromName);
  w.node('Confirm in thread?', 'n8n-nodes-base.if', 2.2, [960, -160], ifTrue('confirmthread', 'sendReply'));
  w.link(fromName, 0, 'Confirm in thread?');
  w.node('Confirm payment in thread', G, 1, [1200, -220], k.threadReply());
  w.link('Confirm in thread?', 0, 'Confirm payment in thread');
  const [paidName, paidParams] = k.markPaid;
  w.node(paidName, G, 1, [1440, -160], paidParams);
  w.link('Confirm payment in thread', 0, paidName);
  w.link('Confirm in thread?', 1, paidName);
  w.node('Link expired', 'n8n-nodes-base.noOp', 1, [480, 300], {});
  w.link('Process Stripe Payment', 1, 'Link expired');
  w.node(
    'Notify staff: refund',
    G,
    1,
    [480, 460],
    send(
      STAFF,
      '={{ "[SupportGate] Refund on Stripe session " + $json.sessionId }}',
      '={{ "Charge " + $json.chargeId + " was refunded. Unused credits were taken back; see the account history in the ledger.\\n\\n" + JSON.stringify($json, null, 2) }}',
    ),
  );
  w.link('Process Stripe Payment', 2, 'Notify staff: refund');
  w.node('Ignored event', 'n8n-nodes-base.noOp', 1, [480, 620], {});
  w.link('Process Stripe Payment', 3, 'Ignored event');
  if (k.adapt) for (const n of w.nodes) if (n.type === G) n.parameters = k.adapt(n.parameters);
  const title = { gmail: '', imap: ' (IMAP)', outlook: ' (Outlook)' }[kind];
  const noteHeight = { gmail: 600, imap: 720, outlook: 720 }[kind];
  w.sticky(
    'EN',
    `## SupportGate — Stripe payments${title}
Paid payment links grant credits (once per Checkout Session, re-fetched from Stripe: the event alone is never trusted), release the account's held tickets oldest first as far as the credits go (the one of the link first), confirm in each client thread, relabel those mails *Paid* instead of *Awaiting payment* and tell staff, listing the tickets still held. Refunds take back unused credits.

**Credentials to pick** (shipped unset; n8n marks each node that still needs one and will not publish until it is set)
1. **Stripe Trigger**: n8n's own **Stripe** credential (secret key). On activation it registers its webhook in Stripe for the 4 events listed; nothing to paste in the Stripe dashboard. Use *test mode* keys first.
2. **Process Stripe Payment**: **SupportGate Ledger** (\`npm start\` sets its local one) + **SupportGate Stripe** (same Stripe account).
${STRIPE_NOTES[kind].en}

A replayed event is harmless: credits are granted once and mails go out only the first time.`,
    [-40, above(-520, noteHeight)],
    760,
    noteHeight,
    5,
  );
  w.sticky(
    'FR',
    `## SupportGate — paiements Stripe${title}
Un lien de paiement payé crédite le compte (une fois par session Checkout, relue chez Stripe : l'événement seul ne suffit jamais), libère les tickets en attente du compte, du plus ancien au plus récent tant que les crédits suffisent (celui du lien d'abord), confirme dans chaque fil du client, remplace le libellé *Awaiting payment* par *Paid* et prévient l'équipe en listant les tickets encore en attente. Un remboursement reprend les crédits non utilisés.

**Identifiants à choisir** (livrés vides ; n8n signale chaque nœud qui en attend un et refuse de publier tant qu'il manque)
1. **Stripe Trigger** : l'identifiant **Stripe** de n8n (clé secrète). À l'activation il enregistre lui-même son webhook chez Stripe pour les 4 événements listés ; rien à coller dans le tableau de bord Stripe. Commencez en *mode test*.
2. **Process Stripe Payment** : **SupportGate Ledger** (\`npm start\` y met son identifiant local) + **SupportGate Stripe** (même compte Stripe).
${STRIPE_NOTES[kind].fr}

Un événement rejoué est sans effet : crédit accordé une seule fois, mails envoyés la première fois seulement.`,
    [760, above(-520, noteHeight)],
    760,
    noteHeight,
    4,
  );
  return {
    id: k.id,
    name: k.name,
    nodes: w.nodes,
    connections: w.connections,
    settings: { executionOrder: 'v1' },
    pinData: {},
    meta: { templateCredsSetupCompleted: false },
  };
}

// IMAP: the same pipeline, its Gmail Support Actions nodes turned into IMAP/SMTP Support Actions.
const IMAP_MARKS = {
  'SupportGate/Paid': 'paid',
  'SupportGate/Awaiting payment': 'awaitingPayment',
  'SupportGate/Awaiting confirmation': 'awaitingConfirmation',
  'SupportGate/Follow-up': 'followUp',
  'SupportGate/Needs review': 'needsReview',
  'SupportGate/Not support': 'notSupport',
  'SupportGate/Ignored': 'ignored',
};
const imapName = (name) => name.replace(/^Label /, 'Mark ');

function toImapParameters(p) {
  if (p.operation === 'labelMessage') {
    if (!IMAP_MARKS[p.labels]) throw new Error(`no IMAP keyword for label ${p.labels}`);
    return { operation: 'setMark', emailField: p.emailField, mark: IMAP_MARKS[p.labels], markMode: 'auto', options: {} };
  }
  if (p.operation === 'replyInThread')
    return { operation: 'replyInThread', emailField: p.emailField, replyField: p.replyField, options: {} };
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
  for (const [from, c] of Object.entries(w.connections))
    connections[imapName(from)] = { main: c.main.map((out) => out.map((l) => ({ ...l, node: imapName(l.node) }))) };
  return connections;
}

const IMAP_SETUP_EN = `**Set up** (then **publish** it: the IMAP intake and sweep call its published version)
1. A **SupportGate IMAP/SMTP** credential (IMAP and SMTP host, port, TLS, user, app password, From address, Sent folder) on every *IMAP/SMTP Support Actions* node; "Test" logs in to both.
2. **SupportGate Ledger** on Check Sender Credits, Debit Credit, Create Payment Link and every *IMAP/SMTP Support Actions* node (the intake journal); the project, its support address and clients.
3. **Classify Support Email**: an OpenAI-compatible credential, or none for the offline classifier. **Create Payment Link**: SupportGate Stripe.
4. Replace \`${STAFF}\` in the two *Notify staff* nodes.
5. Set the project's \`trustedAuthservId\` to your provider's MX name (README, *Sender authentication*).

Handled mail gets a keyword (\`$SupportGate_Paid\`…), or moves to a *SupportGate/…* folder where the server refuses keywords. A mail delivered twice is never charged or answered twice (Message-ID).`;
const IMAP_SETUP_FR = `**À configurer** (puis **publiez-le** : la réception et le rattrapage IMAP appellent sa version publiée)
1. Un identifiant **SupportGate IMAP/SMTP** (hôte, port, TLS, utilisateur, mot de passe d'application IMAP et SMTP, adresse d'envoi, dossier Envoyés) sur chaque nœud *IMAP/SMTP Support Actions* ; « Test » se connecte aux deux.
2. **SupportGate Ledger** sur Check Sender Credits, Debit Credit, Create Payment Link et chaque nœud *IMAP/SMTP Support Actions* (le journal de réception) ; le projet, son adresse support et les clients.
3. **Classify Support Email** : un identifiant compatible OpenAI, ou aucun pour le classifieur hors ligne. **Create Payment Link** : SupportGate Stripe.
4. Remplacez \`${STAFF}\` dans les deux nœuds *Notify staff*.
5. Réglez \`trustedAuthservId\` du projet sur le nom MX de votre hébergeur (README, *Sender authentication*).

Un mail traité reçoit un mot-clé (\`$SupportGate_Paid\`…), ou va dans un dossier *SupportGate/…* si le serveur refuse les mots-clés. Un mail reçu deux fois n'est jamais débité ni répondu deux fois (Message-ID).`;

function processMailImap() {
  const w = wf('imap-intake'); // the IMAP intake's seed: the nodes that moved here keep their ids
  pipeline(w, subWorkflowTrigger(w), 240);
  const connections = toImap(w);
  w.sticky(
    'EN',
    `## SupportGate — process mail (IMAP)\nThe path of one mail of an IMAP mailbox, called by the IMAP intake and the IMAP reconcile sweep (never started on its own): **cheap checks first** (recipient, client, authenticity, follow-up, credit), then the AI triage, then one credit per request; replies go out by SMTP in the client's thread. Import it before its callers.\n\n${IMAP_SETUP_EN}`,
    [-40, above(-100, 560)],
    700,
    560,
    5,
  );
  w.sticky(
    'FR',
    `## SupportGate — traitement d'un mail (IMAP)\nLe chemin d'un mail d'une boîte IMAP, appelé par la réception et le rattrapage IMAP (jamais lancé seul) : **contrôles gratuits d'abord** (destinataire, client, authenticité, relance, crédit), puis le tri par IA, puis un crédit par demande ; les réponses partent en SMTP dans le fil du client. Importez-le avant ceux qui l'appellent.\n\n${IMAP_SETUP_FR}`,
    [700, above(-100, 560)],
    700,
    560,
    4,
  );
  return subWorkflow(PROCESS_MAIL_IMAP, w, connections);
}

const IMAP_CALL_EN = `1. Import \`process-mail-imap.json\` **first**, set it up (its notes) and **publish** it: this workflow calls its published version.
2. In **Process mail** here, pick *${PROCESS_MAIL_IMAP.name}* in the Workflow list (\`npm start\` imports both with the id the node already names).`;
const IMAP_CALL_FR = `1. Importez \`process-mail-imap.json\` **d'abord**, configurez-le (ses notes) et **publiez-le** : ce workflow appelle sa version publiée.
2. Dans **Process mail** ici, choisissez *${PROCESS_MAIL_IMAP.name}* dans la liste Workflow (\`npm start\` importe les deux avec l'identifiant que le nœud nomme déjà).`;

function imapIntake() {
  const w = wf('imap-intake');
  // Resolved: the full message, Authentication-Results included. Left unread for the staff.
  w.node('Email Trigger (IMAP)', 'n8n-nodes-base.emailReadImap', 2.2, [0, 300], {
    mailbox: 'INBOX',
    postProcessAction: 'nothing',
    format: 'resolved',
    dataPropertyAttachmentsPrefixName: 'attachment_',
    options: { customEmailConfig: '["UNSEEN"]', trackLastMessageId: true },
  });
  callProcessMail(w, 'Email Trigger (IMAP)', 240, PROCESS_MAIL_IMAP);
  w.sticky(
    'EN',
    `## SupportGate — IMAP intake\nEvery new mail of an IMAP mailbox (OVH, Infomaniak, Fastmail, your own server) goes, **one at a time**, to the sub-workflow **${PROCESS_MAIL_IMAP.name}**: cheap checks first, then the AI triage, then one credit per request; replies by SMTP in the client's thread. A mail that fails fails this run too, after the mails before it were handled.\n\n**Set up**\n${IMAP_CALL_EN}\n3. n8n's **IMAP** credential (the same mailbox) on the Email Trigger (IMAP); it reads full messages and leaves them unread.`,
    [-40, above(300, 400)],
    700,
    400,
    5,
  );
  w.sticky(
    'FR',
    `## SupportGate — réception IMAP\nChaque nouveau mail d'une boîte IMAP (OVH, Infomaniak, Fastmail, votre serveur) part, **un par un**, dans le sous-workflow **${PROCESS_MAIL_IMAP.name}** : contrôles gratuits d'abord, puis le tri par IA, puis un crédit par demande ; les réponses partent en SMTP dans le fil du client. Un mail en échec fait échouer cette exécution aussi, après le traitement des mails d'avant.\n\n**À configurer**\n${IMAP_CALL_FR}\n3. L'identifiant **IMAP** de n8n (la même boîte) sur l'Email Trigger (IMAP) ; il lit les messages complets et les laisse non lus.`,
    [700, above(300, 400)],
    700,
    400,
    4,
  );
  return {
    id: 'sgImapIntake0001',
    name: 'SupportGate — IMAP intake',
    nodes: w.nodes,
    connections: w.connections,
    settings: { executionOrder: 'v1' },
    pinData: {},
    meta: { templateCredsSetupCompleted: false },
  };
}

function imapReconcile() {
  const w = wf('imap-intake'); // same seed: the shared nodes keep the intake's ids
  w.node('Every 30 minutes', 'n8n-nodes-base.scheduleTrigger', 1.2, [-240, 300], {
    rule: { interval: [{ field: 'minutes', minutesInterval: 30 }] },
  });
  w.node('List Unmarked Recent', P + 'imapSupportActions', 1, [0, 300], {
    operation: 'listUnmarkedRecent',
    newerThanDays: 1,
    maxMessages: 200,
    options: {},
  });
  w.link('Every 30 minutes', 0, 'List Unmarked Recent');
  callProcessMail(w, 'List Unmarked Recent', 240, PROCESS_MAIL_IMAP);
  w.sticky(
    'EN',
    `## SupportGate — IMAP reconcile sweep\nEvery 30 minutes, the INBOX mail of the last day that carries **no SupportGate keyword** (missed by the trigger: downtime, a failed run, a mail read before n8n saw it) goes, one at a time, through the **same sub-workflow** as the IMAP intake. Charging is idempotent per Message-ID: mail the intake already charged only gets its keyword.\n\n**Set up**\n${IMAP_CALL_EN}\n3. A **SupportGate IMAP/SMTP** credential on List Unmarked Recent. Activate the intake and this sweep; a change to the path goes in the sub-workflow and applies to both.`,
    [-280, above(300, 380)],
    740,
    380,
    5,
  );
  w.sticky(
    'FR',
    `## SupportGate — rattrapage IMAP\nToutes les 30 minutes, le mail de la boîte de réception du dernier jour **sans mot-clé SupportGate** (manqué par le déclencheur : arrêt, exécution en échec, mail lu avant n8n) passe, un par un, par **le même sous-workflow** que la réception IMAP. Le débit est idempotent par Message-ID : un mail déjà débité reçoit juste son mot-clé.\n\n**À configurer**\n${IMAP_CALL_FR}\n3. Un identifiant **SupportGate IMAP/SMTP** sur List Unmarked Recent. Activez la réception et ce rattrapage ; une modification du chemin se fait dans le sous-workflow et vaut pour les deux.`,
    [460, above(300, 380)],
    740,
    380,
    4,
  );
  return {
    id: 'sgImapReconcile1',
    name: 'SupportGate — IMAP reconcile sweep',
    nodes: w.nodes,
    connections: w.connections,
    settings: { executionOrder: 'v1' },
    pinData: {},
    meta: { templateCredsSetupCompleted: false },
  };
}

/** The Outlook sweep: outlook-intake.json (hand-kept) with its trigger swapped for a schedule and a listing. */
function outlookReconcile() {
  const intake = JSON.parse(fs.readFileSync(out + 'outlook-intake.json', 'utf8'));
  const keep = intake.nodes.filter((n) => n.type !== P + 'outlookSupportTrigger' && n.type !== 'n8n-nodes-base.stickyNote');
  const stickies = intake.nodes.filter((n) => n.type === 'n8n-nodes-base.stickyNote');
  const { ['Outlook Support Trigger']: first, ...rest } = intake.connections;
  const w = wf('outlook-reconcile');
  w.node('Every 30 minutes', 'n8n-nodes-base.scheduleTrigger', 1.2, [-240, 300], {
    rule: { interval: [{ field: 'minutes', minutesInterval: 30 }] },
  });
  w.node('List Uncategorized Recent', P + 'outlookSupportActions', 1, [0, 300], {
    operation: 'listUncategorizedRecent',
    folder: 'Inbox',
    newerThanDays: 1,
    maxMessages: 200,
  });
  w.link('Every 30 minutes', 0, 'List Uncategorized Recent');
  const en = `## SupportGate — Outlook reconcile sweep
Every 30 minutes, the Inbox mail of the last day that carries **no SupportGate category** (missed by the trigger: downtime, an expired subscription, a run n8n lost) goes through the **same nodes** as the Outlook intake. Charging is idempotent per Message-ID and the intake journal keeps each reply, notification and category once per mail: mail the intake already handled is not charged or answered again, it just gets its category.

**Set up**: the credentials of the Outlook intake on the same nodes (SupportGate Microsoft Graph, SupportGate Ledger, AI optional, SupportGate Stripe), \`${STAFF}\` replaced in the *Notify staff* nodes. Activate the intake and this sweep.`;
  const fr = `## SupportGate — rattrapage Outlook
Toutes les 30 minutes, le mail de la boîte de réception du dernier jour **sans catégorie SupportGate** (manqué par le déclencheur : arrêt, abonnement expiré, exécution perdue par n8n) passe par **les mêmes nœuds** que la réception Outlook. Le débit est idempotent par Message-ID et le journal de réception garde chaque réponse, notification et catégorie une fois par mail : un mail déjà traité n'est ni redébité ni re-répondu, il reçoit juste sa catégorie.

**À configurer** : les identifiants de la réception Outlook sur les mêmes nœuds (SupportGate Microsoft Graph, SupportGate Ledger, IA facultative, SupportGate Stripe), \`${STAFF}\` remplacé dans les nœuds *Notify staff*. Activez la réception et ce rattrapage.`;
  const notes = stickies.map((n, i) => ({
    ...n,
    id: uuid('outlook-reconcile-sticky' + i),
    parameters: { ...n.parameters, content: n.name.endsWith('FR') ? fr : en },
  }));
  return {
    id: 'sgOutlookReconcile1',
    name: 'SupportGate — Outlook reconcile sweep',
    nodes: [...w.nodes, ...keep, ...notes],
    connections: { ...w.connections, 'List Uncategorized Recent': first, ...rest },
    settings: { executionOrder: 'v1' },
    pinData: {},
    meta: { templateCredsSetupCompleted: false },
  };
}

const files = [
  ['process-mail.json', processMail()],
  ['gmail-intake.json', intake()],
  ['gmail-reconcile.json', reconcile()],
  ['stripe-payments.json', stripe('gmail')],
  ['stripe-payments-imap.json', stripe('imap')],
  ['stripe-payments-outlook.json', stripe('outlook')],
  ['process-mail-imap.json', processMailImap()],
  ['imap-intake.json', imapIntake()],
  ['imap-reconcile.json', imapReconcile()],
  ['outlook-reconcile.json', outlookReconcile()],
];
for (const [file, w] of files) {
  fs.writeFileSync(out + file, JSON.stringify(w, null, 2) + '\n');
  console.log(file, w.nodes.length, 'nodes');
}
