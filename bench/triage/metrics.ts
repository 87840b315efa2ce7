/** Tallies of routed mail and the figures `npm run eval` prints from them. */
import type { Route } from '../../core/triage/types';

export interface Outcome {
  isSupport: boolean;
  route: Route;
  /** Decided by a pre-filter rule (route not_support, no classifier spent). */
  byRule: boolean;
  kind: string;
}

export interface Figures {
  n: number;
  support: number;
  precision: number;
  recall: number;
  f1: number;
  nonsupportChargedShare: number;
  needsReviewShare: number;
  prefilterNonsupportShare: number;
  prefilterSupportLost: number;
  supportToReview: number;
  supportToNotSupport: number;
}

export function figures(outcomes: Outcome[]): Figures {
  const support = outcomes.filter((o) => o.isSupport);
  const nonSupport = outcomes.filter((o) => !o.isSupport);
  const tp = support.filter((o) => o.route === 'support').length;
  const fp = nonSupport.filter((o) => o.route === 'support').length;
  const precision = tp / Math.max(1, tp + fp);
  const recall = tp / Math.max(1, support.length);
  return {
    n: outcomes.length,
    support: support.length,
    precision,
    recall,
    f1: (2 * precision * recall) / Math.max(1e-9, precision + recall),
    nonsupportChargedShare: fp / Math.max(1, nonSupport.length),
    needsReviewShare: outcomes.filter((o) => o.route === 'needs_review').length / Math.max(1, outcomes.length),
    prefilterNonsupportShare: nonSupport.filter((o) => o.byRule).length / Math.max(1, nonSupport.length),
    prefilterSupportLost: support.filter((o) => o.byRule).length,
    supportToReview: support.filter((o) => o.route === 'needs_review').length,
    supportToNotSupport: support.filter((o) => o.route === 'not_support').length,
  };
}

export function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

export function snake(s: string): string {
  return s.replace(/[^a-z0-9]+/gi, '_').toLowerCase();
}

/** The headline figures of one set, prefixed (e.g. real_f1, selfwritten_f1). */
export function printFigures(prefix: string, f: Figures, log: (line: string) => void = console.log): void {
  log(
    `# ${prefix}: ${f.n} mails (${f.support} support): support routed Support ${Math.round(f.recall * f.support)}, Needs review ${f.supportToReview}, Not support ${f.supportToNotSupport}`,
  );
  log(`figure ${prefix}_f1 = ${round(f.f1)}`);
  log(`figure ${prefix}_precision = ${round(f.precision)}`);
  log(`figure ${prefix}_recall = ${round(f.recall)}`);
  log(`figure ${prefix}_nonsupport_charged_share = ${round(f.nonsupportChargedShare)}`);
  log(`figure ${prefix}_needs_review_share = ${round(f.needsReviewShare)}`);
  log(`figure ${prefix}_prefilter_nonsupport_share = ${round(f.prefilterNonsupportShare)}`);
  log(`figure ${prefix}_prefilter_support_lost = ${f.prefilterSupportLost}`);
}

/** Per rubric kind: the share routed Support request (recall for support kinds, charged share otherwise). */
export function printKinds(prefix: string, outcomes: Outcome[], log: (line: string) => void = console.log): void {
  const kinds = [...new Set(outcomes.map((o) => o.kind))].sort();
  for (const kind of kinds) {
    const of = outcomes.filter((o) => o.kind === kind);
    const routed = of.filter((o) => o.route === 'support').length;
    const review = of.filter((o) => o.route === 'needs_review').length;
    const rule = of.filter((o) => o.byRule).length;
    log(`# ${prefix} kind ${kind}: ${of.length} mails, ${routed} routed Support request, ${review} Needs review, ${rule} by a rule`);
    log(`figure ${prefix}_kind_${snake(kind)}_support_routed_share = ${round(routed / Math.max(1, of.length))}`);
  }
}
