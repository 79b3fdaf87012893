// Keeping the top activations, and batching story windows by length.
import { describe, expect, it } from "vitest";
import { TopHits } from "../../../src/lib/mechanisms/neuronTopTokens.ts";
import { lengthBatches } from "../../../src/lib/mechanisms/mechanismItems.ts";

describe("top hits", () => {
  it("keep the k highest, earlier story and position first on ties", () => {
    const top = new TopHits(3);
    const acts = [1, 5, 3, 5, 2, 9, 0];
    acts.forEach((a, i) => top.push({ story: i % 2, position: i, activation: a }));
    expect(top.result()).toEqual([
      { story: 1, position: 5, activation: 9 },
      { story: 1, position: 1, activation: 5 },
      { story: 1, position: 3, activation: 5 },
    ]);
  });
});

describe("length batches", () => {
  it("sort by length and keep the padded size within the budget", () => {
    const items = [5, 1, 9, 3, 3, 7].map((n, i) => ({ i, promptIds: new Array(n).fill(0) }));
    const batches = lengthBatches(items, 12);
    expect(batches.map((b) => b.map((x) => x.i))).toEqual([[1, 3, 4], [0], [5], [2]]);
    for (const b of batches) expect(b.length * Math.max(...b.map((x) => x.promptIds.length))).toBeLessThanOrEqual(Math.max(12, b[0].promptIds.length));
  });
});
