/**
 * `npm run eval`: triage quality on the fixed held-out split (test/fixtures/triage/heldout.jsonl),
 * which the offline model never trained on. Support vs not-support is the positive class.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { normalizeRfc822 } from '../core/email/rfc822';
import { classifyOffline } from '../core/triage/offline';
import { prefilter } from '../core/triage/prefilter';
import { buildPrompt, estimateTokens } from '../core/triage/prompt';

interface Labeled {
  id: string;
  category: string;
  is_support: boolean;
  raw: string;
}

const NAIVE_SYSTEM =
  'Classify this email as a support request or not. Reply with JSON: is_support_request, category, urgency, language, summary, confidence, reason.';

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

export async function run(): Promise<void> {
  const file = path.resolve(process.cwd(), 'test/fixtures/triage/heldout.jsonl');
  const items = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Labeled);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  let nonSupport = 0;
  let nonSupportByRule = 0;
  let supportLost = 0;
  let ourTokens = 0;
  let naiveTokens = 0;
  let sentToLlm = 0;
  let lowConfidence = 0;
  const misses: string[] = [];
  for (const item of items) {
    const email = await normalizeRfc822(item.raw);
    const rule = prefilter(email);
    if (!item.is_support) nonSupport++;
    let predicted: boolean;
    if (rule.decided) {
      predicted = false;
      if (item.is_support) supportLost++;
      else nonSupportByRule++;
    } else {
      const c = classifyOffline(email);
      predicted = c.is_support_request;
      if (c.confidence < 0.6) lowConfidence++;
      sentToLlm++;
      ourTokens += buildPrompt(email).estimatedTokens;
      naiveTokens += estimateTokens(NAIVE_SYSTEM) + estimateTokens(item.raw) + 8;
    }
    if (predicted && item.is_support) tp++;
    else if (predicted) fp++;
    else if (item.is_support) fn++;
    else tn++;
    if (predicted !== item.is_support) misses.push(item.id);
  }
  const precision = tp / Math.max(1, tp + fp);
  const recall = tp / Math.max(1, tp + fn);
  const f1 = (2 * precision * recall) / Math.max(1e-9, precision + recall);
  const ratio = ourTokens / Math.max(1, naiveTokens);
  console.log(`# held-out: ${items.length} emails (${items.length - nonSupport} support), tp=${tp} fp=${fp} fn=${fn} tn=${tn}`);
  if (misses.length) console.log(`# misclassified: ${misses.join(', ')}`);
  console.log(`figure offline_precision = ${round(precision)}`);
  console.log(`figure offline_recall = ${round(recall)}`);
  console.log(`figure offline_f1 = ${round(f1)}`);
  console.log(`figure offline_accuracy = ${round((tp + tn) / items.length)}`);
  console.log(`figure offline_low_confidence_share = ${round(lowConfidence / Math.max(1, sentToLlm))}`);
  console.log(`figure prefilter_nonsupport_share = ${round(nonSupportByRule / Math.max(1, nonSupport))}`);
  console.log(`figure prefilter_support_lost = ${supportLost}`);
  console.log(
    `figure prompt_tokens_per_email = ${Math.round(ourTokens / Math.max(1, sentToLlm))} tokens ratio ${round(ratio)} vs naive_raw_prompt`,
  );
  console.log(`figure prompt_tokens_vs_naive = ${round(ratio)}`);
}
