// The hand-made corpus of the baseline tests: one story [1, 2, 3, 1, 2, 4], which counting brackets as
// [E, 1, 2, 3, 1, 2, 4, E] for bigrams and [E, E, 1, 2, 3, 1, 2, 4, E] for trigrams (E = 50256).
import { countNgrams, type NgramCounts } from "../../../src/lib/baselines/ngramCounts.ts";
import { tokenCorpus } from "../../../src/lib/baselines/tokenCorpus.ts";

export const E = 50256;
export const V = 50257;
export const TINY_STORY = [1, 2, 3, 1, 2, 4];

export function tinyCounts(): NgramCounts {
  return countNgrams(tokenCorpus([TINY_STORY]));
}

/** Sum of a distribution, compensated (Neumaier) so that 1e-9 checks test the model, not the summation. */
export function sum(p: Float64Array): number {
  let s = 0;
  let c = 0;
  for (const x of p) {
    const t = s + x;
    c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    s = t;
  }
  return s + c;
}
