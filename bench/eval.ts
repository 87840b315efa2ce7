/**
 * `npm run eval`: triage quality through the offline path (no AI key), per set and per kind:
 * - selfwritten: test/fixtures/triage/heldout.jsonl, written from this project's templates;
 * - real: the heldout side of test/fixtures/triage/real/ (public mail, see its README), which
 *   the offline model never trained on; also through each trigger's shape and relayed by lists.
 * `npm run eval -- --llm` classifies the real heldout side through an OpenAI-compatible endpoint
 * (EVAL_LLM_BASE_URL, EVAL_LLM_API_KEY, EVAL_LLM_MODEL; prices EVAL_LLM_USD_PER_MTOK_IN/_OUT).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { classifyOffline } from '../core/triage/offline';
import { prefilter } from '../core/triage/prefilter';
import { buildPrompt, estimateTokens } from '../core/triage/prompt';
import { llmConfigFromEnv, runLlmEval } from './triage/llm-eval';
import { figures, printFigures, printKinds, round, snake } from './triage/metrics';
import { parseOrNull, routeOffline, supportLostByRules, type Labelled } from './triage/offline-eval';
import { loadRealSet } from './triage/real-set';
import { LIST_WRAPPERS, relayThroughList, SHAPES } from './triage/shapes';

interface SelfWritten {
  id: string;
  category: string;
  is_support: boolean;
  raw: string;
}

const NAIVE_SYSTEM =
  'Classify this email as a support request or not. Reply with JSON: is_support_request, category, urgency, language, summary, confidence, reason.';

function selfWritten(file: string): Labelled[] {
  return fs
    .readFileSync(path.resolve(process.cwd(), file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as SelfWritten)
    .map((i) => ({ id: i.id, isSupport: i.is_support, kind: i.category, raw: i.raw }));
}

async function promptTokens(items: Labelled[]): Promise<void> {
  let ours = 0;
  let naive = 0;
  let sent = 0;
  for (const item of items) {
    const email = await parseOrNull(item.raw);
    if (!email || prefilter(email).decided) continue;
    sent++;
    ours += buildPrompt(email).estimatedTokens;
    naive += estimateTokens(NAIVE_SYSTEM) + estimateTokens(item.raw) + 8;
  }
  const ratio = ours / Math.max(1, naive);
  console.log(`figure prompt_tokens_per_email = ${Math.round(ours / Math.max(1, sent))} tokens ratio ${round(ratio)} vs naive_raw_prompt`);
}

async function modelCost(items: Labelled[]): Promise<void> {
  const file = path.resolve(process.cwd(), 'core/triage/offline-model.json');
  console.log(`figure offline_model_kb = ${round(fs.statSync(file).size / 1024)} KiB`);
  const emails = (await Promise.all(items.map((i) => parseOrNull(i.raw)))).filter((e) => e !== null);
  // Median of 7 rounds over the heldout mails: other processes share the cores.
  const perRound: number[] = [];
  for (let r = 0; r < 7; r++) {
    const started = process.hrtime.bigint();
    for (const e of emails) classifyOffline(e);
    perRound.push(Number(process.hrtime.bigint() - started) / 1e6 / Math.max(1, emails.length));
  }
  const ms = perRound.sort((a, b) => a - b)[3];
  console.log(`figure offline_ms_per_mail = ${round(ms)} ms`);
}

export async function run(args: string[] = []): Promise<void> {
  const real = loadRealSet();
  const realItems = (split: 'train' | 'heldout'): Labelled[] =>
    real.filter((i) => i.split === split).map((i) => ({ id: i.id, isSupport: i.label === 'support_request', kind: i.kind, raw: i.raw }));
  const heldout = realItems('heldout');

  if (args.includes('--llm')) {
    await runLlmEval(heldout, llmConfigFromEnv(process.env), (line) => console.log(line));
    return;
  }

  const self = selfWritten('test/fixtures/triage/heldout.jsonl');
  printFigures('selfwritten', figures(await routeOffline(self)));
  await promptTokens(self);

  // The train side, for tuning rules and model without looking at the heldout side.
  const trainFigures = figures(await routeOffline(realItems('train')));
  console.log(`figure real_train_prefilter_nonsupport_share = ${round(trainFigures.prefilterNonsupportShare)}`);

  const realOutcomes = await routeOffline(heldout);
  printFigures('real', figures(realOutcomes));
  printKinds('real', realOutcomes);
  const language = new Map(real.map((i) => [i.id, i.language]));
  for (const lang of ['en', 'fr']) {
    const f = figures(realOutcomes.filter((o) => language.get(o.id) === lang));
    console.log(`# real ${lang}: ${f.n} mails (${f.support} support)`);
    console.log(`figure real_lang_${lang}_f1 = ${round(f.f1)}`);
    console.log(`figure real_lang_${lang}_nonsupport_charged_share = ${round(f.nonsupportChargedShare)}`);
    console.log(`figure real_lang_${lang}_needs_review_share = ${round(f.needsReviewShare)}`);
  }
  const misses = realOutcomes.filter((o) => (o.route === 'support') !== o.isSupport).map((o) => `${o.id}→${o.route}`);
  if (misses.length) console.log(`# real misrouted: ${misses.join(', ')}`);

  for (const shape of SHAPES.filter((s) => s !== 'raw')) {
    const f = figures(await routeOffline(heldout, shape));
    const p = `real_${snake(shape)}`;
    console.log(`figure ${p}_f1 = ${round(f.f1)}`);
    console.log(`figure ${p}_nonsupport_charged_share = ${round(f.nonsupportChargedShare)}`);
    console.log(`figure ${p}_needs_review_share = ${round(f.needsReviewShare)}`);
    console.log(`figure ${p}_prefilter_support_lost = ${f.prefilterSupportLost}`);
  }

  // Every support mail of the real set (both sides), relayed by a discussion list: no rule may drop one.
  const allSupport = [...realItems('train'), ...heldout].filter((i) => i.isSupport);
  for (const wrapper of LIST_WRAPPERS) {
    const relayed = allSupport.map((i) => ({ ...i, raw: relayThroughList(i.raw, wrapper) }));
    const lost = await supportLostByRules(relayed);
    if (lost.length) console.log(`# ${wrapper} relay lost: ${lost.join(', ')}`);
    console.log(`figure real_list_relay_${snake(wrapper)}_support_lost = ${lost.length}`);
  }

  // The rules lose no support request on any set, train sides included.
  const everySet = [...self, ...selfWritten('test/fixtures/triage/train.jsonl'), ...realItems('train'), ...heldout];
  const lostAnywhere = await supportLostByRules(everySet);
  if (lostAnywhere.length) console.log(`# support lost by rules: ${lostAnywhere.join(', ')}`);
  console.log(`figure prefilter_support_lost_all_sets = ${lostAnywhere.length}`);

  await modelCost(heldout);
}
