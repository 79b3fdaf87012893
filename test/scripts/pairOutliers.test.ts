// Outliers of a pair of columns: the k largest differences each way, exactly as a full sort would give them.
import { describe, expect, it } from "vitest";
import { pairOutliers } from "../../src/scripts/pairOutliers.ts";

/** The reference: sort every position by its difference (ties: earlier first). */
function bySort(a: Float32Array, b: Float32Array, k: number) {
  const all = Array.from(a.keys());
  const side = (sign: number) =>
    all
      .filter((t) => sign * (a[t] - b[t]) > 0)
      .sort((x, y) => sign * (a[y] - b[y]) - sign * (a[x] - b[x]) || x - y)
      .slice(0, k);
  return { aAbove: side(1), bAbove: side(-1) };
}

function randomColumn(n: number, seed: number): Float32Array {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  // Rounded to a coarse grid so that ties occur.
  return Float32Array.from({ length: n }, () => -Math.round(rand() * 40) / 4);
}

describe("pairOutliers", () => {
  it("matches a full sort, ties included", () => {
    const a = randomColumn(5000, 1);
    const b = randomColumn(5000, 2);
    for (const k of [0, 1, 25, 6000]) expect(pairOutliers(a, b, k)).toEqual(bySort(a, b, k));
  });

  it("leaves out equal values and keeps each side to strictly positive differences", () => {
    const a = Float32Array.from([-1, -2, -3, -4]);
    const b = Float32Array.from([-1, -1, -5, -4]);
    expect(pairOutliers(a, b, 25)).toEqual({ aAbove: [2], bAbove: [1] });
  });

  it("rejects columns of different lengths", () => {
    expect(() => pairOutliers(new Float32Array(2), new Float32Array(3), 1)).toThrow(/2 and 3/);
  });
});
