import { describe, expect, it } from "vitest";
import { KneserNeyModel } from "../../../src/lib/baselines/kneserNey.ts";
import { ngramDistribution, type NextTokenDistribution } from "../../../src/lib/baselines/nextTokenDistribution.ts";
import { distributionScorer } from "../../../src/lib/baselines/ngramScorer.ts";
import { E, tinyCounts } from "./tinyCorpus.ts";

/** The same distribution at every position, over a vocabulary of 8. */
function constant(p: number[]): NextTokenDistribution {
  return { vocabSize: p.length, forSequence: () => (_i, out) => out.set(p) };
}

describe("distributionScorer", () => {
  it("ranks by strictly larger probability and orders the top 5 with ties by lower id", async () => {
    //         id: 0    1    2     3    4     5    6     7
    const p = [0.1, 0.2, 0.05, 0.2, 0.05, 0.3, 0.05, 0.05];
    const scorer = distributionScorer("const", constant(p));
    const [s] = await scorer.score([{ ids: [0, 1], targets: [[3, 1], [7, 5]] }]);
    expect(s.k).toBe(2);
    expect(s.topK).toBe(5);
    // Position 0: targets 3 and 1 tie at 0.2: both rank 2 (only 0.3 is larger).
    // Position 1: target 7 at 0.05: 0.1, 0.2, 0.2, 0.3 are larger -> rank 5; target 5 -> rank 1.
    expect([...s.targetRanks]).toEqual([2, 2, 5, 1]);
    // Top 5: 5 (0.3), then 1 and 3 (0.2, lower id first), 0 (0.1), then 2 of the four at 0.05.
    expect([...s.topIds]).toEqual([5, 1, 3, 0, 2, 5, 1, 3, 0, 2]);
    expect([...s.topLogprobs.slice(0, 5)]).toEqual([0.3, 0.2, 0.2, 0.1, 0.05].map((x) => Math.fround(Math.log(x))));
    expect([...s.targetLogprobs]).toEqual([0.2, 0.2, 0.05, 0.3].map((x) => Math.fround(Math.log(x))));
    // A baseline's logits are its log-probabilities.
    expect([...s.targetLogits]).toEqual([...s.targetLogprobs]);
  });

  it("scores the tiny-corpus bigram: k = 2 targets, ranks, top 5 with ties", async () => {
    const model = new KneserNeyModel(tinyCounts(), 2, { discounts: 0.75 });
    const scorer = distributionScorer("bigram", ngramDistribution(model));
    const ids = [1, 3, 4];
    const targets = [[2, 3], [3, 4], [E, 1]];
    const [s] = await scorer.score([{ ids, targets }]);
    targets.forEach(([x, y], t) => {
      expect(s.targetLogprobs[t * 2]).toBe(Math.fround(Math.log(model.probability(x, E, ids[t]))));
      expect(s.targetLogprobs[t * 2 + 1]).toBe(Math.fround(Math.log(model.probability(y, E, ids[t]))));
    });
    // After 1: p(2) = 1.25/2 + 0.375 p1(2) first; then p1's order: 1 (N = 2), then 3, 4, E tied (N = 1).
    expect([...s.topIds.slice(0, 5)]).toEqual([2, 1, 3, 4, E]);
    // Target 3 after 1 ties with 4 and E below 2 and 1: rank 3.
    expect([s.targetRanks[0], s.targetRanks[1]]).toEqual([1, 3]);
    // After 3: p(1) = 0.25 + 0.75 p1(1) first, then 2, 3, 4, E tied at 0.75 p1 (lower id first).
    expect([...s.topIds.slice(5, 10)]).toEqual([1, 2, 3, 4, E]);
    // Targets 3 and 4 tie: both rank 2 (only 1 is strictly larger).
    expect([s.targetRanks[2], s.targetRanks[3]]).toEqual([2, 2]);
    // After 4: E seen (c(4 E) = 1) first, then 1, then 2, 3, 4 tied by lower id.
    expect([...s.topIds.slice(10, 15)]).toEqual([E, 1, 2, 3, 4]);
    expect([s.targetRanks[4], s.targetRanks[5]]).toEqual([1, 2]);
    expect(s.topLogprobs[10]).toBe(Math.fround(Math.log(0.25 + 0.75 * model.probability(E, E, 77))));
  });

  it("ranks every id like a brute-force count", async () => {
    const model = new KneserNeyModel(tinyCounts(), 3, { discounts: 0.75 });
    const dist = ngramDistribution(model);
    const ids = [E, 1, 2, 3, 99];
    const targets = ids.map((_, t) => [t, 50000, E]);
    const [s] = await distributionScorer("trigram", dist).score([{ ids, targets }]);
    const fill = dist.forSequence(ids);
    const p = new Float64Array(dist.vocabSize);
    targets.forEach((row, t) => {
      fill(t, p);
      row.forEach((target, j) => {
        const larger = p.reduce((n, x) => n + (x > p[target] ? 1 : 0), 0);
        expect(s.targetRanks[t * 3 + j]).toBe(1 + larger);
      });
      const order = [...p.keys()].sort((a, b) => p[b] - p[a] || a - b).slice(0, 5);
      expect([...s.topIds.slice(t * 5, t * 5 + 5)]).toEqual(order);
    });
  });

  it("answers a batch per request, trimmed to each length, and rejects bad requests", async () => {
    const scorer = distributionScorer("const", constant([0.5, 0.25, 0.25]));
    const out = await scorer.score([
      { ids: [0], targets: [[1]] },
      { ids: [0, 1, 2], targets: [[1], [2], [0]] },
    ]);
    expect(out.map((s) => s.targetRanks.length)).toEqual([1, 3]);
    expect(out[0].topK).toBe(3);
    expect(await scorer.score([])).toEqual([]);
    await expect(scorer.score([{ ids: [0, 1], targets: [[1]] }])).rejects.toThrow(/1 target rows for 2 ids/);
    await expect(scorer.score([{ ids: [0, 5], targets: [[1], [1]] }])).rejects.toThrow(/outside the vocabulary/);
    await expect(scorer.score([{ ids: [0, 1], targets: [[1], [1, 2]] }])).rejects.toThrow(/2 targets, expected 1/);
  });
});
