// The simplest induction: after token x, predict what followed the most recent earlier x in the sequence.
// As a distribution, with the copied token y:
//   p(c) = lambda [c = y] + (1 - lambda) p_bigram(c | x)
// and p = p_bigram(. | x) where x has no earlier occurrence. lambda = 0.9 (COPY_LAMBDA): the rule is
// trusted, so the copied token always ranks first (0.9 > anything the bigram's 0.1 can give another id),
// while the bigram keeps every id possible and orders the rest.
import type { NextTokenDistribution, PositionFiller } from "./nextTokenDistribution.ts";

export const COPY_LAMBDA = 0.9;

/** For each position i, the id that followed the latest j < i with ids[j] = ids[i], or -1 if none. */
export function copiedTokens(ids: readonly number[]): Int32Array {
  const copied = new Int32Array(ids.length).fill(-1);
  const last = new Map<number, number>();
  for (let i = 0; i < ids.length; i++) {
    const j = last.get(ids[i]);
    if (j !== undefined) copied[i] = ids[j + 1];
    last.set(ids[i], i);
  }
  return copied;
}

export function copyRuleDistribution(bigram: NextTokenDistribution, lambda: number = COPY_LAMBDA): NextTokenDistribution {
  if (!(lambda >= 0 && lambda <= 1)) throw new Error(`copy rule: lambda must be in [0, 1], got ${lambda}`);
  return {
    vocabSize: bigram.vocabSize,
    forSequence(ids): PositionFiller {
      const fillBigram = bigram.forSequence(ids);
      const copied = copiedTokens(ids);
      return (i, out) => {
        fillBigram(i, out);
        const y = copied[i];
        if (y < 0) return;
        for (let c = 0; c < out.length; c++) out[c] *= 1 - lambda;
        out[y] += lambda;
      };
    },
  };
}
