import * as fs from 'node:fs';
import * as path from 'node:path';
import { normalizeRfc822 } from '../../../core/email/rfc822';
import { classify } from '../../../core/triage/classify';
import { classifyOffline } from '../../../core/triage/offline';
import { buildPrompt, estimateTokens, MAX_BODY_TOKENS } from '../../../core/triage/prompt';
import { classificationSchema } from '../../../core/triage/types';

const mail = (subject: string, body: string) =>
  normalizeRfc822(
    `From: Client <c@client.example>\r\nTo: support@agency.example\r\nSubject: ${subject}\r\nMessage-ID: <o@client.example>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n`,
  );

test.each([
  [
    'Problème urgent',
    'Le paiement ne fonctionne plus sur la boutique, les clients ont une erreur 500 à la validation de la commande.',
    true,
  ],
  ['Login broken', "I can't log in to the admin anymore, the password reset email never arrives.", true],
  ['Site inaccessible', 'Notre site est complètement inaccessible depuis une heure, page blanche partout.', true],
  ['Merci', 'Merci beaucoup, tout fonctionne parfaitement maintenant !', false],
  ['Invoice', 'Could you send me a copy of the invoice for March? Our accountant needs it.', false],
  ['Rank first on Google', 'We guarantee first page of Google with our SEO backlinks package, only $49.', false],
])('%s → support=%s', async (subject, body, support) => {
  const c = classifyOffline(await mail(subject, body));
  expect(classificationSchema.safeParse(c).success).toBe(true);
  expect(c.is_support_request).toBe(support);
});

test('output carries urgency, language and a first-sentences summary', async () => {
  const c = classifyOffline(
    await mail(
      'URGENT site en panne',
      'Le site est complètement en panne, erreur 503 sur toutes les pages. Merci de regarder. Autre phrase.',
    ),
  );
  expect(c).toMatchObject({ category: 'outage', urgency: 'critical', language: 'fr' });
  expect(c.summary.startsWith('Le site est complètement en panne, erreur 503 sur toutes les pages.')).toBe(true);
});

test('classify() without an LLM uses the offline path and a threshold routes to review', async () => {
  const email = await mail('Question', 'Bonjour, comment ajouter un produit dans le back-office ?');
  expect((await classify(email)).decidedBy).toBe('offline');
  expect((await classify(email, { confidenceThreshold: 1.01 })).route).toBe('needs_review');
});

test('the held-out split never overlaps the training split', () => {
  const read = (f: string) =>
    fs
      .readFileSync(path.join(__dirname, '../../fixtures/triage', f), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { id: string; raw: string });
  const train = read('train.jsonl');
  const heldout = read('heldout.jsonl');
  const templates = (items: { id: string }[]) => new Set(items.map((i) => i.id.replace(/-\d+$/, '')));
  const trainTemplates = templates(train);
  for (const t of templates(heldout)) if (!t.startsWith('bounce') && !t.startsWith('hand')) expect(trainTemplates.has(t)).toBe(false);
  expect(train.length).toBeGreaterThan(400);
  expect(heldout.length).toBeGreaterThan(100);
});

test('the prompt body is bounded and never the raw message', async () => {
  const email = await mail('Long', 'Le site plante. '.repeat(5000));
  const p = buildPrompt(email);
  expect(p.estimatedTokens).toBeLessThan(MAX_BODY_TOKENS + 600);
  expect(p.estimatedTokens).toBe(estimateTokens(p.messages[0].content) + estimateTokens(p.messages[1].content) + 8);
  expect(p.messages[1].content).not.toContain('Message-ID');
});
