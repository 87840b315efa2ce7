/** The eval's trigger shapes are the shapes the normalizers recognise, and keep what each trigger keeps. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectSource } from '../../../core/email';
import { emailAs, itemFor, relayThroughList, SHAPES } from '../../../bench/triage/shapes';

const root = path.join(__dirname, '../../..');
// A real list post with its list headers (a reply on Apple's java-dev list).
const listPost = fs
  .readFileSync(path.join(root, 'test/fixtures/triage/real/not-support-a.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { id: string; raw: string })
  .find((i) => i.id === 'nsa-csdmc-00364')!;

test.each(SHAPES.filter((s) => s !== 'raw'))('%s: detected as that trigger', async (shape) => {
  expect(detectSource(await itemFor(shape, listPost.raw))).toBe(shape);
});

test('full shapes keep the list headers and the body; simplified ones keep a preview only', async () => {
  const full = await emailAs('imap-resolved', listPost.raw);
  expect(full.headers['list-post']).toMatch(/java-dev@lists\.apple\.com/);
  const simple = await emailAs('gmail-simple', listPost.raw);
  expect(simple.textIsPreview).toBe(true);
  expect(simple.headers['list-post']).toBeUndefined();
  expect(simple.text.length).toBeLessThanOrEqual(200);
});

test('a list relay adds the list headers and keeps the body', async () => {
  const gatedRaw = 'From: a@client.example\r\nSubject: Help\r\nMessage-ID: <x@client.example>\r\n\r\nThe export fails.\r\n';
  const relayed = await emailAs('raw', relayThroughList(gatedRaw, 'mailman'));
  expect(relayed.headers).toMatchObject({ precedence: 'list', 'list-post': expect.stringContaining('mailto:') });
  expect(relayed.subject).toBe('[Support] Help');
  expect(relayed.text).toContain('The export fails.');
});
