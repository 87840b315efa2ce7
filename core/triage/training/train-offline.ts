/* eslint-disable no-console -- a build-time command-line script: it reports on stdout */
/**
 * Build-time training of the offline classifier from the self-written train set and the train
 * side of the real set (never a heldout file). Writes core/triage/offline-model.json.
 * `--cv` instead reports grouped 5-fold cross-validation on the real train side, for tuning.
 * Run from the repo root: bash scripts/node24.sh node scripts/run-ts.mjs core/triage/training/train-offline.ts [--cv]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PREVIEW_WEIGHT, REAL_WEIGHT, TRAINING_OPTIONS, trainSoftmax } from '../offline-train';
import { crossValidate, sourceOf, withPreviews } from './cross-validate';
import { loadTrainingExamples } from './real-examples';

export async function main(args: string[] = [], root = process.cwd()): Promise<void> {
  const examples = await loadTrainingExamples(root);
  const real = examples.filter((e) => e.real).length;
  if (args.includes('--cv')) {
    // A grid as JSON (--grid '[{"l2":1e-3,"previewWeight":1}]'), else the shipped options.
    const shipped = { ...TRAINING_OPTIONS, realWeight: REAL_WEIGHT, previewWeight: PREVIEW_WEIGHT };
    const gridArg = args[args.indexOf('--grid') + 1];
    const grid = args.includes('--grid') ? (JSON.parse(gridArg) as Array<Partial<typeof shipped>>) : [{}];
    for (const opts of grid) crossValidate(examples, { ...shipped, ...opts }, (line) => console.log(line));
    // Leave one source out: each corpus scored by a model that never saw any of its mail.
    const sources = [...new Set(examples.filter((e) => e.real).map(sourceOf))].sort();
    console.log(`leave-one-source-out over ${sources.length} sources: ${sources.join(', ')}`);
    crossValidate(
      examples,
      shipped,
      (line) => console.log(line),
      sources.length,
      (e) => sources.indexOf(sourceOf(e)),
    );
    return;
  }
  const model = trainSoftmax(
    withPreviews(
      examples.map((e) => ({ ...e, weight: e.real ? REAL_WEIGHT : 1 })),
      PREVIEW_WEIGHT,
    ),
    TRAINING_OPTIONS,
  );
  fs.writeFileSync(path.join(root, 'core/triage/offline-model.json'), JSON.stringify(model) + '\n');
  console.log(`trained on ${examples.length} examples (${real} real), ${Object.keys(model.weights).length} features`);
}
