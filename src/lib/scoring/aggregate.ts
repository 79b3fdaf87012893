// Aggregates of item scores per task and model, with percentile-bootstrap 95% intervals (seeded, so two
// runs give the same numbers), and the "has the capability" verdict under a stated rule.
import { z } from "zod";
import type { VerdictRule } from "../tasks/taskSchema.ts";
import type { ItemScore } from "./itemScore.ts";

export const BOOTSTRAP_RESAMPLES = 1000;

/** A statistic with its bootstrap 95% interval. */
export const intervalSchema = z.object({
  /** The statistic on all items. */
  value: z.number(),
  /** 2.5th percentile of the bootstrap distribution. */
  low: z.number(),
  /** 97.5th percentile. */
  high: z.number(),
});
export type Interval = z.infer<typeof intervalSchema>;

export const aggregateSchema = z.object({
  /** Items scored (excluding skipped ones). */
  n: z.number().int().nonnegative(),
  /** Items skipped (prompt tokens not a prefix), listed in the result file. */
  skipped: z.number().int().nonnegative(),
  /** Mean of p_first (the interval fields are null when no item could be scored). */
  mean_p_first: intervalSchema.nullable(),
  /** Mean of p_answer. */
  mean_p_answer: intervalSchema.nullable(),
  /** Share of items with rank 1. */
  top1_rate: intervalSchema.nullable(),
  /** Median rank of the first answer token. */
  median_rank: intervalSchema.nullable(),
  /** Mean logit difference over items with a wrong answer; null where none has one. */
  mean_logit_diff: intervalSchema.nullable(),
  /** Items with a wrong answer. */
  n_with_wrong: z.number().int().nonnegative(),
  /** The verdict under the task's rule. */
  has_capability: z.boolean(),
});
export type Aggregate = z.infer<typeof aggregateSchema>;

/** The rule in words, shown wherever a verdict is. */
export function describeRule(rule: VerdictRule, hasWrong: boolean): string {
  const top1 = `top-1 rate >= ${rule.minTop1}`;
  return hasWrong ? `${top1} and mean logit difference (answer - wrong) > ${rule.minMeanLogitDiff}` : top1;
}

export function aggregate(scores: ItemScore[], skipped: number, rule: VerdictRule, seed: string): Aggregate {
  const rng = seededRandom(seed);
  const n = scores.length;
  const pFirst = Float64Array.from(scores, (s) => s.p_first);
  const pAnswer = Float64Array.from(scores, (s) => s.p_answer);
  const top1 = Float64Array.from(scores, (s) => (s.rank === 1 ? 1 : 0));
  const ranks = Float64Array.from(scores, (s) => s.rank);
  const diffs = Float64Array.from(scores.filter((s) => s.logit_diff !== null), (s) => s.logit_diff!);
  // One resample of the items serves every statistic over them (the same bootstrap for all four).
  const [meanPFirst, meanPAnswer, top1Rate, medianRank] = n
    ? bootstrap(n, [(ix) => meanAt(pFirst, ix), (ix) => meanAt(pAnswer, ix), (ix) => meanAt(top1, ix), (ix) => medianAt(ranks, ix)], rng)
    : [null, null, null, null];
  const [logitDiff] = diffs.length ? bootstrap(diffs.length, [(ix) => meanAt(diffs, ix)], rng) : [null];
  return {
    n,
    skipped,
    mean_p_first: meanPFirst,
    mean_p_answer: meanPAnswer,
    top1_rate: top1Rate,
    median_rank: medianRank,
    mean_logit_diff: logitDiff,
    n_with_wrong: diffs.length,
    has_capability: top1Rate !== null && top1Rate.value >= rule.minTop1 && (logitDiff === null || logitDiff.value > rule.minMeanLogitDiff),
  };
}

/** Percentile bootstrap: each statistic on all n items, and its 2.5% and 97.5% quantiles over resamples. */
export function bootstrap(n: number, stats: Array<(indices: Int32Array) => number>, rng: () => number): Interval[] {
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const samples = stats.map(() => new Float64Array(BOOTSTRAP_RESAMPLES));
  const indices = new Int32Array(n);
  for (let b = 0; b < BOOTSTRAP_RESAMPLES; b++) {
    for (let i = 0; i < n; i++) indices[i] = Math.floor(rng() * n);
    stats.forEach((f, j) => (samples[j][b] = f(indices)));
  }
  return stats.map((f, j) => {
    samples[j].sort();
    return { value: f(all), low: quantile(samples[j], 0.025), high: quantile(samples[j], 0.975) };
  });
}

function meanAt(values: Float64Array, indices: Int32Array): number {
  let sum = 0;
  for (let i = 0; i < indices.length; i++) sum += values[indices[i]];
  return sum / indices.length;
}

function medianAt(values: Float64Array, indices: Int32Array): number {
  const picked = new Float64Array(indices.length);
  for (let i = 0; i < indices.length; i++) picked[i] = values[indices[i]];
  const mid = picked.length >> 1;
  const upper = select(picked, mid);
  if (picked.length % 2) return upper;
  // After selecting `mid`, everything left of it is <= it: the lower middle is their maximum.
  let lower = -Infinity;
  for (let i = 0; i < mid; i++) lower = Math.max(lower, picked[i]);
  return (lower + upper) / 2;
}

/** Hoare's quickselect: the k-th smallest value (0-based), partially reordering `xs` in place. */
function select(xs: Float64Array, k: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  while (lo < hi) {
    const pivot = xs[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (xs[i] < pivot) i++;
      while (xs[j] > pivot) j--;
      if (i <= j) {
        const t = xs[i];
        xs[i] = xs[j];
        xs[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return xs[k];
  }
  return xs[k];
}

export function mean(xs: number[]): number {
  let sum = 0;
  for (const x of xs) sum += x;
  return sum / xs.length;
}

export function median(xs: ArrayLike<number>): number {
  const sorted = Float64Array.from(xs).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Linear interpolation between order statistics (numpy's default). */
function quantile(sorted: Float64Array, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** mulberry32 seeded from a string: the same task and model always get the same resamples. */
export function seededRandom(seed: string): () => number {
  let h = 1779033703;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 3432918353) >>> 0;
  let a = h;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
