/**
 * The shipped offline model: small, fast, and exactly what training on the train sides gives
 * (a feature change without retraining, or a model trained on other data, fails here).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { normalizeRfc822 } from '../../../core/email/rfc822';
import { classifyOffline } from '../../../core/triage/offline';
import { PREVIEW_WEIGHT, REAL_WEIGHT, TRAINING_OPTIONS, trainSoftmax } from '../../../core/triage/offline-train';
import { withPreviews } from '../../../core/triage/training/cross-validate';
import { loadTrainingExamples } from '../../../core/triage/training/real-examples';

const root = path.join(__dirname, '../../..');
const modelFile = path.join(root, 'core/triage/offline-model.json');

test('the model file stays under 2 MB', () => {
  expect(fs.statSync(modelFile).size).toBeLessThan(2 * 1024 * 1024);
});

test('one classification takes well under 1 ms', async () => {
  const lines = fs.readFileSync(path.join(root, 'test/fixtures/triage/real/support.jsonl'), 'utf8').split('\n').filter(Boolean);
  const emails = await Promise.all(lines.slice(0, 100).map((l) => normalizeRfc822((JSON.parse(l) as { raw: string }).raw)));
  for (const e of emails) classifyOffline(e);
  // The best of 3 rounds: other processes share the cores.
  let ms = Infinity;
  for (let r = 0; r < 3; r++) {
    const started = process.hrtime.bigint();
    for (const e of emails) classifyOffline(e);
    ms = Math.min(ms, Number(process.hrtime.bigint() - started) / 1e6 / emails.length);
  }
  expect(ms).toBeLessThan(1);
});

test('retraining on the train sides reproduces the shipped model', async () => {
  const examples = await loadTrainingExamples(root);
  expect(examples.some((e) => e.real)).toBe(true);
  const model = trainSoftmax(
    withPreviews(
      examples.map((e) => ({ ...e, weight: e.real ? REAL_WEIGHT : 1 })),
      PREVIEW_WEIGHT,
    ),
    TRAINING_OPTIONS,
  );
  expect(JSON.stringify(model) + '\n').toBe(fs.readFileSync(modelFile, 'utf8'));
}, 120_000);
