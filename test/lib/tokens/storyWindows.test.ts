// The overlapping windows long stories are read in (per-token columns and the neuron story pass alike).
import { describe, expect, it } from "vitest";
import { storyWindows } from "../../../src/lib/tokens/storyWindows.ts";

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
