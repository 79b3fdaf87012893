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
  const withWrong = scores.filter((s) => s.logit_diff !== null).map((s) => s.logit_diff!);
  const stat = (values: number[], f: (xs: number[]) => number): Interval | null => (values.length ? bootstrap(values, f, rng) : null);
  const top1 = stat(scores.map((s) => (s.rank === 1 ? 1 : 0)), mean);
  const logitDiff = withWrong.length > 0 ? stat(withWrong, mean) : null;
  return {
    n,
    skipped,
    mean_p_first: stat(scores.map((s) => s.p_first), mean),
    mean_p_answer: stat(scores.map((s) => s.p_answer), mean),
    top1_rate: top1,
    median_rank: stat(scores.map((s) => s.rank), median),
    mean_logit_diff: logitDiff,
    n_with_wrong: withWrong.length,
    has_capability: top1 !== null && top1.value >= rule.minTop1 && (logitDiff === null || logitDiff.value > rule.minMeanLogitDiff),
  };
}

function bootstrap(values: number[], f: (xs: number[]) => number, rng: () => number): Interval {
  const stats = new Float64Array(BOOTSTRAP_RESAMPLES);
  const sample = new Array<number>(values.length);
  for (let b = 0; b < BOOTSTRAP_RESAMPLES; b++) {
    for (let i = 0; i < values.length; i++) sample[i] = values[Math.floor(rng() * values.length)];
    stats[b] = f(sample);
  }
  stats.sort();
  return { value: f(values), low: quantile(stats, 0.025), high: quantile(stats, 0.975) };
}

export function mean(xs: number[]): number {
  let sum = 0;
  for (const x of xs) sum += x;
  return sum / xs.length;
}

export function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
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
