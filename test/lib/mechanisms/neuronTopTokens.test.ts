// Keeping the top activations, and the windows that long stories are read in.
import { describe, expect, it } from "vitest";
import { TopHits, storyWindows } from "../../../src/lib/mechanisms/neuronTopTokens.ts";
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

describe("story windows", () => {
  it("cover every index exactly once, each from the window that gives it most context", () => {
    expect(storyWindows(10, 16)).toEqual([{ start: 0, end: 10, from: 0 }]);
    const w = storyWindows(20, 8);
    const covered: number[] = [];
    for (const x of w) for (let j = x.from; j < x.end; j++) covered.push(j);
    expect(covered).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(w[1]).toEqual({ start: 4, end: 12, from: 8 });
    for (const x of w) expect(x.end - x.start).toBeLessThanOrEqual(8);
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
