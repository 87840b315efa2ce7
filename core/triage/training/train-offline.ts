/* eslint-disable no-console -- a build-time command-line script: it reports on stdout */
/**
 * Build-time training of the offline classifier from test/fixtures/triage/train.jsonl (never the
 * held-out file). Writes core/triage/offline-model.json. Run from the repo root:
 * bash scripts/node24.sh node -e "require('esbuild').buildSync({entryPoints:['core/triage/training/train-offline.ts'],bundle:true,platform:'node',target:'node24',outfile:'.tmp/train.js',format:'cjs'}); require('./.tmp/train.js').main()"
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { normalizeRfc822 } from '../../email/rfc822';
import { extractFeatures } from '../offline-features';
import { trainSoftmax, type TrainingExample } from '../offline-train';
import type { Category } from '../types';

export async function main(root = process.cwd()): Promise<void> {
  const lines = fs.readFileSync(path.join(root, 'test/fixtures/triage/train.jsonl'), 'utf8').split('\n').filter(Boolean);
  const examples: TrainingExample[] = [];
  for (const line of lines) {
    const item = JSON.parse(line) as { raw: string; category: Category };
    const email = await normalizeRfc822(item.raw);
    examples.push({
      category: item.category,
      features: extractFeatures({
        subject: email.subject,
        text: email.text,
        attachmentCount: email.attachments.count,
        isReply: email.inReplyTo !== undefined,
      }),
    });
  }
  const model = trainSoftmax(examples);
  fs.writeFileSync(path.join(root, 'core/triage/offline-model.json'), JSON.stringify(model) + '\n');
  console.log(`trained on ${examples.length} examples, ${Object.keys(model.weights).length} features`);
}
