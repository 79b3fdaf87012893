// Round axis ticks for the scatter and the mean-loss chart.
import { describe, expect, it } from "vitest";
import { niceTicks } from "../../src/scripts/axisTicks.ts";
import { logprobDomain } from "../../src/scripts/scatterPlot.ts";

describe("niceTicks", () => {
  it("steps by 1, 2 or 5 times a power of ten and covers the range", () => {
    expect(niceTicks(-17, 0)).toEqual([-15, -10, -5, 0]);
    expect(niceTicks(0, 6.3)).toEqual([0, 2, 4, 6]);
    expect(niceTicks(0, 6.3, 7)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(niceTicks(0, 1, 4)).toEqual([0, 0.5, 1]);
    expect(niceTicks(-3, 0, 6)).toEqual([-3, -2.5, -2, -1.5, -1, -0.5, 0]);
  });
});

describe("logprobDomain", () => {
  it("spans both columns from a whole number below the minimum to 0, ignoring non-finite values", () => {
    expect(logprobDomain([-0.2, -3.5], [-1, -Infinity])).toEqual([-4, 0]);
    expect(logprobDomain([-0.1], [-0.2])).toEqual([-1, 0]);
  });
});
