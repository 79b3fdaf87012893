import { describe, expect, it } from "vitest";
import { COPY_LAMBDA, copiedTokens, copyRuleDistribution } from "../../../src/lib/baselines/copyRule.ts";
import { KneserNeyModel } from "../../../src/lib/baselines/kneserNey.ts";
import { ngramDistribution } from "../../../src/lib/baselines/nextTokenDistribution.ts";
import { distributionScorer } from "../../../src/lib/baselines/ngramScorer.ts";
import { sum, tinyCounts } from "./tinyCorpus.ts";

const bigramModel = new KneserNeyModel(tinyCounts(), 2, { discounts: 0.75 });
const bigram = ngramDistribution(bigramModel);
const copy = copyRuleDistribution(bigram);

function at(dist: typeof bigram, ids: number[], i: number): Float64Array {
  const out = new Float64Array(dist.vocabSize);
  dist.forSequence(ids)(i, out);
  return out;
}

describe("copy rule", () => {
  it("uses lambda = 0.9", () => {
    expect(COPY_LAMBDA).toBe(0.9);
  });

  it("finds what followed the most recent earlier occurrence", () => {
    expect([...copiedTokens([1, 2, 1, 3, 1])]).toEqual([-1, -1, 2, -1, 3]);
    expect([...copiedTokens([5, 5, 5])]).toEqual([-1, 5, 5]);
    expect([...copiedTokens([])]).toEqual([]);
  });

  it("gives the copied token lambda + (1 - lambda) p_bigram, rank 1", async () => {
    // [1, 2, 3, 1]: at position 3 the current token 1 occurred at 0, followed by 2.
    const ids = [1, 2, 3, 1];
    const p = at(copy, ids, 3);
    const pBigram = bigramModel.probability(2, 3, 1); // p_bigram(2 | 1) = 1.25/2 + 0.375 p1(2)
    expect(p[2]).toBeCloseTo(0.9 + 0.1 * pBigram, 15);
    expect(p[3]).toBeCloseTo(0.1 * bigramModel.probability(3, 3, 1), 15);
    expect(Math.abs(sum(p) - 1)).toBeLessThan(1e-12);

    const [scored] = await distributionScorer("copy", copy).score([{ ids, targets: ids.map(() => [2, 3]) }]);
    expect(scored.targetRanks[3 * 2]).toBe(1);
    expect(scored.topIds[3 * 5]).toBe(2);
    expect(scored.targetLogprobs[3 * 2]).toBeCloseTo(Math.log(0.9 + 0.1 * pBigram), 6);
  });

  it("copies even where the bigram disagrees: after 2 in [2, 4, 1, 2] it predicts 4", () => {
    const p = at(copy, [2, 4, 1, 2], 3);
    // The bigram after 2 splits between 3 and 4; the copy rule puts 0.9 on 4.
    expect(p[4]).toBeCloseTo(0.9 + 0.1 * bigramModel.probability(4, 1, 2), 15);
    expect(p[3]).toBeCloseTo(0.1 * bigramModel.probability(3, 1, 2), 15);
  });

  it("equals the bigram where the current token has no earlier occurrence", () => {
    const ids = [1, 2, 3, 1];
    for (const i of [0, 1, 2]) {
      const [p, q] = [at(copy, ids, i), at(bigram, ids, i)];
      expect(p.every((x, c) => x === q[c])).toBe(true);
    }
  });
});
