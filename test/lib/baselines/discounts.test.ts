import { describe, expect, it } from "vitest";
import { countOfCounts, discountOf, modifiedKneserNeyDiscounts } from "../../../src/lib/baselines/discounts.ts";

describe("modified Kneser-Ney discounts", () => {
  it("estimates D1, D2, D3+ from the count-of-counts", () => {
    // n1 = 4, n2 = 2, n3 = 1, n4 = 1 (the 7 is counted nowhere, the zero neither).
    const counts = [1, 1, 1, 1, 2, 2, 3, 4, 7, 0];
    expect(countOfCounts(counts)).toEqual([0, 4, 2, 1, 1]);
    // Y = 4 / (4 + 2*2) = 0.5
    // D1 = 1 - 2 * 0.5 * 2/4 = 0.5;  D2 = 2 - 3 * 0.5 * 1/2 = 1.25;  D3+ = 3 - 4 * 0.5 * 1/1 = 1
    expect(modifiedKneserNeyDiscounts(counts)).toEqual({ discounts: [0.5, 1.25, 1], estimated: true });
  });

  it("falls back to 0.75 where a count-of-count is zero", () => {
    expect(modifiedKneserNeyDiscounts([1, 1, 2])).toEqual({ discounts: [0.75, 0.75, 0.75], estimated: false });
  });

  it("falls back to 0.75 where an estimate is out of range", () => {
    // n1 = 10, n2 = 1, n3 = 10, n4 = 1: Y = 10/12, D2 = 2 - 3 * (10/12) * 10/1 = -23 < 0.
    const counts = [...Array(10).fill(1), 2, ...Array(10).fill(3), 4];
    expect(modifiedKneserNeyDiscounts(counts)).toEqual({ discounts: [0.75, 0.75, 0.75], estimated: false });
  });

  it("gives each count its discount", () => {
    const d = [0.5, 1.25, 1] as const;
    expect([0, 1, 2, 3, 9].map((n) => discountOf(n, d))).toEqual([0, 0.5, 1.25, 1, 1]);
  });
});
