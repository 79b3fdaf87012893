import { describe, expect, it } from "vitest";
import { aggregate, describeRule, median, seededRandom } from "../../../src/lib/scoring/aggregate.ts";
import type { ItemScore } from "../../../src/lib/scoring/itemScore.ts";

const rule = { minTop1: 0.5, minMeanLogitDiff: 0 };

function score(p_first: number, rank: number, logit_diff: number | null): ItemScore {
  return { p_first, p_answer: p_first / 2, rank, logit_diff, p_wrong: null, answer_ids: [1], wrong_ids: logit_diff === null ? null : [2], top5: [] };
}

describe("aggregate", () => {
  const items = [score(0.9, 1, 2), score(0.6, 1, 1), score(0.2, 3, -1), score(0.5, 1, 0.5)];

  it("computes the means, top-1 rate and median rank on all items", () => {
    const a = aggregate(items, 1, rule, "task|model");
    expect(a.n).toBe(4);
    expect(a.skipped).toBe(1);
    expect(a.mean_p_first!.value).toBeCloseTo(0.55, 12);
    expect(a.mean_p_answer!.value).toBeCloseTo(0.275, 12);
    expect(a.top1_rate!.value).toBe(0.75);
    expect(a.median_rank!.value).toBe(1);
    expect(a.mean_logit_diff!.value).toBeCloseTo(0.625, 12);
    expect(a.n_with_wrong).toBe(4);
    expect(a.has_capability).toBe(true);
  });

  it("gives bootstrap intervals that contain the value, the same for the same seed", () => {
    const a = aggregate(items, 0, rule, "seed-1");
    const b = aggregate(items, 0, rule, "seed-1");
    expect(b).toEqual(a);
    for (const stat of [a.mean_p_first!, a.top1_rate!, a.mean_logit_diff!]) {
      expect(stat.low).toBeLessThanOrEqual(stat.value);
      expect(stat.high).toBeGreaterThanOrEqual(stat.value);
    }
    // The top-1 rate of 4 items can only take the values 0, 0.25, ..., 1.
    expect([0, 0.25, 0.5, 0.75, 1]).toContain(a.top1_rate!.low);
    const many = Array.from({ length: 30 }, (_, i) => score((i * 7919) % 100 / 100, 1 + (i % 3), null));
    expect(aggregate(many, 0, rule, "seed-2").mean_p_first!.low).not.toBe(aggregate(many, 0, rule, "seed-1").mean_p_first!.low);
  });

  it("applies the verdict rule: top-1 rate and, where wrong answers exist, the mean logit difference", () => {
    expect(aggregate([score(0.9, 1, -3), score(0.9, 1, -1)], 0, rule, "s").has_capability).toBe(false);
    expect(aggregate([score(0.9, 1, null), score(0.1, 2, null)], 0, rule, "s").has_capability).toBe(true);
    expect(aggregate([score(0.9, 2, null), score(0.1, 2, null)], 0, rule, "s").has_capability).toBe(false);
    expect(aggregate([], 3, rule, "s")).toMatchObject({ n: 0, skipped: 3, mean_p_first: null, has_capability: false });
    expect(describeRule(rule, true)).toBe("top-1 rate >= 0.5 and mean logit difference (answer - wrong) > 0");
    expect(describeRule(rule, false)).toBe("top-1 rate >= 0.5");
  });

  it("takes the median rank by selection, for odd and even counts and ties", () => {
    const ranked = (ranks: number[]) => aggregate(ranks.map((r) => score(0.5, r, null)), 0, rule, "m").median_rank!.value;
    expect(ranked([4, 1, 2, 3])).toBe(2.5);
    expect(ranked([7, 1, 3])).toBe(3);
    expect(ranked([2, 2, 9, 2, 1, 9])).toBe(2);
    const r = seededRandom("ranks");
    for (let trial = 0; trial < 20; trial++) {
      const ranks = Array.from({ length: 1 + Math.floor(r() * 40) }, () => 1 + Math.floor(r() * 10));
      expect(ranked(ranks)).toBe(median(ranks));
    }
  });

  it("has a median and a seeded generator that behave", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    const r = seededRandom("x");
    const xs = Array.from({ length: 1000 }, r);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((a, b) => a + b) / 1000).toBeCloseTo(0.5, 1);
  });
});
