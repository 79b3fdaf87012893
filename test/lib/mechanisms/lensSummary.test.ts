// The logit lens summary per block over items.
import { describe, expect, it } from "vitest";
import { summarizeLens } from "../../../src/lib/mechanisms/lensSummary.ts";

const block = (logprob: number, rank: number, logitDiff: number | null, top: number) => ({ logprob, rank, logitDiff, topIds: [top, 1, 2, 3, 4], topLogprobs: [-1, -2, -3, -4, -5] });

describe("lens summary", () => {
  it("gives mean log p, median rank, top-1 share, mean logit diff and the most frequent top tokens", () => {
    const s = summarizeLens([
      [block(-5, 40, -1, 7), block(-1, 1, 2, 9)],
      [block(-3, 10, null, 8), block(-2, 3, null, 9)],
      [block(-4, 20, 1, 7), block(-0.5, 1, 4, 6)],
    ]);
    expect(s[0]).toEqual({ block: 0, meanLogprob: -4, medianRank: 20, top1Share: 0, meanLogitDiff: 0, topTokens: [{ id: 7, items: 2 }, { id: 8, items: 1 }] });
    expect(s[1].medianRank).toBe(1);
    expect(s[1].top1Share).toBeCloseTo(2 / 3, 12);
    expect(s[1].meanLogitDiff).toBe(3);
    expect(s[1].topTokens).toEqual([{ id: 9, items: 2 }, { id: 6, items: 1 }]);
  });
});
