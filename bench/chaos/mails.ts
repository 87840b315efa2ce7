/**
 * The chaos run's mailbox: N distinct support requests from the seeded clients, each a real RFC 822
 * mail (Gmail's Authentication-Results, its own Message-ID, subject and body), so that every one is
 * a new request: subjects never match once normalized and bodies share few word 3-shingles, so no
 * mail joins another's ticket as a duplicate and each one has exactly one expected outcome.
 */
import { createHash } from 'node:crypto';

export interface ChaosClient {
  name: string;
  address: string;
  domain: string;
  /** Credits granted at seeding: 0 sends the client down the payment-link path. */
  credits: number;
}

export interface ChaosMail {
  index: number;
  client: ChaosClient;
  /** Gmail ids, fixed so the regular-mode run gets the very same items. */
  id: string;
  threadId: string;
  messageId: string;
  subject: string;
  raw: Buffer;
}

const TOPICS_FR = [
  ['le formulaire de contact', 'renvoie une erreur 500 quand on clique sur Envoyer'],
  ['la page de paiement', 'affiche une page blanche depuis la mise à jour'],
  ['le back-office', 'refuse notre mot de passe alors qu’il est correct'],
  ['l’export des commandes', 'sort un fichier vide'],
  ['la newsletter du site', 'ne part plus vers nos abonnés'],
  ['le panier', 'se vide tout seul quand on ajoute un produit'],
  ['la recherche du catalogue', 'ne trouve plus aucun article'],
  ['le certificat SSL', 'est signalé comme expiré par Chrome'],
  ['la synchronisation du stock', 'bloque depuis cette nuit'],
  ['le module de réservation', 'plante au moment de valider'],
];
const TOPICS_EN = [
  ['the checkout page', 'throws an error when customers pay by card'],
  ['our admin login', 'rejects every password since this morning'],
  ['the booking form', 'stopped sending confirmation emails'],
  ['the product import', 'fails halfway with a timeout'],
  ['the mobile menu', 'does not open on iPhones anymore'],
  ['the image upload', 'fails for every file we try'],
  ['the search bar', 'returns no results at all'],
  ['the contact page', 'shows a server error after the last deploy'],
  ['the password reset link', 'leads to a 404 page'],
  ['the shipping calculator', 'charges the wrong amount'],
];
const EXTRA_FR = [
  'Nos clients nous appellent pour s’en plaindre.',
  'Nous avons essayé avec Firefox et Chrome, même résultat.',
  'Le problème est apparu après votre intervention de mardi.',
  'Pouvez-vous regarder rapidement ?',
  'Merci de nous dire quand ce sera corrigé.',
  'Je vous joins la référence de la commande concernée.',
  'C’est bloquant pour notre équipe commerciale.',
  'Nous n’avons rien changé de notre côté.',
];
const EXTRA_EN = [
  'Several customers have complained already.',
  'We tried Firefox and Chrome with the same result.',
  'It started after your update on Tuesday.',
  'Could you please take a look soon?',
  'Please let us know when it is fixed.',
  'The order number is below for reference.',
  'This is blocking our sales team.',
  'We did not change anything on our side.',
];

/** A small seeded generator: the same mails in every run and in both modes. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

export function chaosClients(count: number, unpaid: number): ChaosClient[] {
  return Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(2, '0');
    const domain = `client${n}.example`;
    // The last `unpaid` clients start without credit: payment link path.
    return { name: `Client ${n}`, address: `contact@${domain}`, domain, credits: i < count - unpaid ? 1000 : 0 };
  });
}

export function chaosMails(clients: ChaosClient[], count: number, supportAddress: string, runTag: string): ChaosMail[] {
  const random = rng(12);
  return Array.from({ length: count }, (_, index) => {
    const client = clients[index % clients.length];
    const en = index % 3 === 2;
    // A client's successive mails take successive topics: no two of its requests look alike.
    const topics = en ? TOPICS_EN : TOPICS_FR;
    const [thing, issue] = topics[(Math.floor(index / clients.length) + index) % topics.length];
    const ref = 1000 + index;
    const extras = [...(en ? EXTRA_EN : EXTRA_FR)].sort(() => random() - 0.5).slice(0, 3);
    const subject = en ? `Problem with ${thing} (request ${ref})` : `Problème avec ${thing} (demande ${ref})`;
    const body = en
      ? `Hello,\n\nSince this morning ${thing} ${issue}. ${extras.join(' ')}\nOrder ${ref}-${Math.floor(random() * 9000 + 1000)}.\n\nBest regards,\n${client.name}\n`
      : `Bonjour,\n\nDepuis ce matin ${thing} ${issue}. ${extras.join(' ')}\nCommande ${ref}-${Math.floor(random() * 9000 + 1000)}.\n\nCordialement,\n${client.name}\n`;
    const messageId = `<chaos-${runTag}-${index}@${client.domain}>`;
    const id = `19c${createHash('sha1').update(`${runTag}:${index}`).digest('hex').slice(0, 13)}`;
    const date = new Date(Date.now() - (count - index) * 1000).toUTCString().replace('GMT', '+0000');
    const raw = Buffer.from(
      [
        `Authentication-Results: mx.google.com; spf=pass smtp.mailfrom=${client.domain}; dkim=pass header.d=${client.domain}; dmarc=pass header.from=${client.domain}`,
        `From: ${client.name} <${client.address}>`,
        `To: ${supportAddress}`,
        `Subject: ${subject}`,
        `Date: ${date}`,
        `Message-ID: ${messageId}`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: 8bit',
        '',
        body,
      ].join('\r\n'),
    );
    return { index, client, id, threadId: id, messageId, subject, raw };
  });
}
