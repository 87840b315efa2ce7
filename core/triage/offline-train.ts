import { FAMILY_PRIORS } from './offline-features';
import { CATEGORIES, type Category } from './types';

export interface OfflineModel {
  version: number;
  categories: readonly Category[];
  /** feature → one weight per category (same order as categories). */
  weights: Record<string, number[]>;
}

export interface TrainingExample {
  features: string[];
  category: Category;
  /** Examples of real mail may count more than self-written ones (default 1). */
  weight?: number;
}

export interface TrainingOptions {
  epochs?: number;
  lr?: number;
  l2?: number;
  minCount?: number;
  seed?: number;
}

/** The options the shipped model is trained with (chosen by cross-validation, see train-offline.ts --cv). */
export const TRAINING_OPTIONS: TrainingOptions = { epochs: 40, lr: 0.15, l2: 5e-3, minCount: 3, seed: 7 };
/** How much one real mail counts against one self-written mail in training. */
export const REAL_WEIGHT = 1;
/** Weight of the 200-character, header-less preview copy of each real mail (simplified triggers). */
export const PREVIEW_WEIGHT = 0.5;

/** A tiny seeded PRNG so training is reproducible. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function softmaxScores(model: OfflineModel, features: string[]): number[] {
  const z = model.categories.map(() => 0);
  for (const f of features) {
    const w = model.weights[f];
    if (w) for (let k = 0; k < z.length; k++) z[k] += w[k];
    const prior = FAMILY_PRIORS[f];
    if (prior) for (let k = 0; k < z.length; k++) z[k] += prior[model.categories[k]] ?? 0;
  }
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/**
 * Multinomial logistic regression by SGD with L2. Word features seen in fewer than minCount
 * examples are dropped so the model leans on shared stems and signal families, not one-offs.
 */
export function trainSoftmax(examples: TrainingExample[], opts: TrainingOptions = {}): OfflineModel {
  const { epochs = 40, lr = 0.15, l2 = 2e-4, minCount = 3, seed = 7 } = opts;
  const counts = new Map<string, number>();
  for (const ex of examples) for (const f of ex.features) counts.set(f, (counts.get(f) ?? 0) + 1);
  const keep = (f: string) => !f.startsWith('w:') || (counts.get(f) ?? 0) >= minCount;
  const model: OfflineModel = { version: 1, categories: CATEGORIES, weights: {} };
  for (const f of counts.keys()) if (keep(f)) model.weights[f] = CATEGORIES.map(() => 0);
  const rand = mulberry32(seed);
  const order = examples.map((_, i) => i);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const rate = lr / (1 + epoch * 0.1);
    for (const idx of order) {
      const ex = examples[idx];
      const feats = ex.features.filter((f) => model.weights[f]);
      const p = softmaxScores(model, feats);
      const target = CATEGORIES.indexOf(ex.category);
      const step = rate * (ex.weight ?? 1);
      for (const f of feats) {
        const w = model.weights[f];
        for (let k = 0; k < w.length; k++) w[k] -= step * (p[k] - (k === target ? 1 : 0)) + rate * l2 * w[k];
      }
    }
  }
  for (const w of Object.values(model.weights)) for (let k = 0; k < w.length; k++) w[k] = Math.round(w[k] * 1000) / 1000;
  return model;
}
