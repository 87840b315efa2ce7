/**
 * Grouped k-fold cross-validation on the real train side: each fold's groups are scored by a
 * model trained on everything else (self-written train set always included), through the same
 * route as Classify (pre-filter, model, 0.6 threshold). Tuning looks only at these figures.
 */
import { createHash } from 'node:crypto';
import { inconsistency } from '../classify';
import { classifyWithModel } from '../offline';
import { trainSoftmax, type TrainingOptions } from '../offline-train';
import { prefilter } from '../prefilter';
import { featuresOf, previewOf, type Example } from './real-examples';

export interface CvFigures {
  f1: number;
  charged: number;
  review: number;
  recall: number;
  precision: number;
}

/** Adds, for each real example, its preview copy at `weight` (0: none). */
export function withPreviews<T extends Example>(examples: T[], weight: number): Example[] {
  if (!weight) return examples;
  const previews = examples
    .filter((e) => e.real)
    .map((e) => {
      const email = previewOf(e.email);
      return { ...e, email, features: featuresOf(email), weight: (e.weight ?? 1) * weight };
    });
  return [...examples, ...previews];
}

function fold(group: string, k: number): number {
  return parseInt(createHash('sha1').update(group).digest('hex').slice(0, 8), 16) % k;
}

export function routeWith(model: ReturnType<typeof trainSoftmax>, e: Example, threshold = 0.6): 'support' | 'not_support' | 'needs_review' {
  if (prefilter(e.email).decided) return 'not_support';
  const c = classifyWithModel(e.email, model);
  if (inconsistency(c) || c.confidence < threshold) return 'needs_review';
  return c.is_support_request ? 'support' : 'not_support';
}

/**
 * The corpus an example comes from (one GitHub-issue pool, one repository of a corpus), for a
 * leave-one-source-out estimate of mail from sources the model never saw.
 */
export function sourceOf(e: Example): string {
  if (e.group.startsWith('gh:') || e.group.startsWith('url:')) return 'web:' + (e.isSupport ? 'support' : 'not_support');
  return e.group.split(':').slice(0, 2).join(':');
}

export function crossValidate(
  examples: Example[],
  opts: TrainingOptions & { realWeight?: number; previewWeight?: number },
  log: (line: string) => void = () => {},
  k = 5,
  foldOf: (e: Example) => number = (e) => fold(e.group, k),
): CvFigures {
  const real = examples.filter((e) => e.real);
  let tp = 0;
  let fp = 0;
  let review = 0;
  let support = 0;
  let nonSupport = 0;
  let previewTp = 0;
  let previewFp = 0;
  let previewReview = 0;
  const misses: string[] = [];
  for (let f = 0; f < k; f++) {
    const test = real.filter((e) => foldOf(e) === f);
    const train = withPreviews(
      examples.filter((e) => !e.real || foldOf(e) !== f).map((e) => ({ ...e, weight: e.real ? (opts.realWeight ?? 1) : 1 })),
      opts.previewWeight ?? 0,
    );
    const model = trainSoftmax(train, opts);
    for (const e of test) {
      const p = previewOf(e.email);
      const route = routeWith(model, { ...e, email: p, features: featuresOf(p) });
      if (route === 'needs_review') previewReview++;
      if (route === 'support' && e.isSupport) previewTp++;
      if (route === 'support' && !e.isSupport) previewFp++;
    }
    const foldRoutes = test.map((e) => [e, routeWith(model, e)] as const);
    if (process.env.CV_PER_FOLD && test.length) {
      const sup = foldRoutes.filter(([e]) => e.isSupport);
      const non = foldRoutes.filter(([e]) => !e.isSupport);
      log(
        `  fold ${f}: ${test.length} mails; support→Support ${sup.filter(([, r]) => r === 'support').length}/${sup.length}, non-support→Support ${non.filter(([, r]) => r === 'support').length}/${non.length}, review ${foldRoutes.filter(([, r]) => r === 'needs_review').length}`,
      );
    }
    for (const e of test) {
      const route = routeWith(model, e);
      if (e.isSupport) support++;
      else nonSupport++;
      if (route === 'needs_review') review++;
      if (route === 'support' && e.isSupport) tp++;
      if (route === 'support' && !e.isSupport) fp++;
      if ((route === 'support') !== e.isSupport) misses.push(`${e.id}:${e.category}→${route}`);
    }
  }
  const precision = tp / Math.max(1, tp + fp);
  const recall = tp / Math.max(1, support);
  const out = {
    f1: (2 * precision * recall) / Math.max(1e-9, precision + recall),
    charged: fp / Math.max(1, nonSupport),
    review: review / Math.max(1, support + nonSupport),
    recall,
    precision,
  };
  log(
    `cv ${JSON.stringify(opts)}: f1 ${out.f1.toFixed(3)} precision ${precision.toFixed(3)} recall ${recall.toFixed(3)} charged ${out.charged.toFixed(3)} review ${out.review.toFixed(3)} (${support} support, ${nonSupport} not)`,
  );
  const pp = previewTp / Math.max(1, previewTp + previewFp);
  const pr = previewTp / Math.max(1, support);
  log(
    `  as a 200-character preview without headers: f1 ${((2 * pp * pr) / Math.max(1e-9, pp + pr)).toFixed(3)} charged ${(previewFp / Math.max(1, nonSupport)).toFixed(3)} review ${(previewReview / Math.max(1, support + nonSupport)).toFixed(3)}`,
  );
  if (process.env.CV_MISSES) log(`misses: ${misses.join(' ')}`);
  return out;
}
