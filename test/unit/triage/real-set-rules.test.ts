/**
 * The pre-filter may never drop a support request: every support mail of every evaluation set
 * (self-written, real, both splits) is run through it as delivered and relayed by discussion
 * lists. A rule that would lose one fails here, naming the mail and the rule.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { normalizeRfc822 } from '../../../core/email/rfc822';
import { prefilter } from '../../../core/triage/prefilter';
import { LIST_WRAPPERS, relayThroughList } from '../../../bench/triage/shapes';

const root = path.join(__dirname, '../../..');

function supportMails(): Array<{ id: string; raw: string }> {
  const out: Array<{ id: string; raw: string }> = [];
  for (const file of ['train.jsonl', 'heldout.jsonl']) {
    for (const line of fs
      .readFileSync(path.join(root, 'test/fixtures/triage', file), 'utf8')
      .split('\n')
      .filter(Boolean)) {
      const item = JSON.parse(line) as { id: string; is_support: boolean; raw: string };
      if (item.is_support) out.push({ id: item.id, raw: item.raw });
    }
  }
  const realDir = path.join(root, 'test/fixtures/triage/real');
  for (const file of fs.readdirSync(realDir).filter((f) => f.endsWith('.jsonl'))) {
    for (const line of fs.readFileSync(path.join(realDir, file), 'utf8').split('\n').filter(Boolean)) {
      const item = JSON.parse(line) as { id: string; label: string; raw: string };
      if (item.label === 'support_request') out.push({ id: item.id, raw: item.raw });
    }
  }
  return out;
}

const mails = supportMails();

test('the sets hold support mail to check (real set included)', () => {
  expect(mails.filter((m) => /^sc?-/.test(m.id)).length).toBeGreaterThanOrEqual(200);
});

test.each(['as delivered', ...LIST_WRAPPERS])('no pre-filter rule drops a support request %s', async (how) => {
  const dropped: string[] = [];
  for (const m of mails) {
    const raw = how === 'as delivered' ? m.raw : relayThroughList(m.raw, how as (typeof LIST_WRAPPERS)[number]);
    const d = prefilter(await normalizeRfc822(raw));
    if (d.decided) dropped.push(`${m.id} (${d.rule})`);
  }
  expect(dropped).toEqual([]);
});
