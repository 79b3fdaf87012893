import { describe, expect, it } from "vitest";
import { jacobiEigen, pca, projectRows } from "../../../src/lib/tokens/pca.ts";

describe("pca", () => {
  it("finds the eigenvalues of a known symmetric matrix", () => {
    // [[2, 1], [1, 2]] has eigenvalues 3 and 1 with eigenvectors (1, 1)/sqrt 2 and (1, -1)/sqrt 2.
    const { values, vectors } = jacobiEigen([Float64Array.from([2, 1]), Float64Array.from([1, 2])]);
    expect([...values].sort()).toEqual([expect.closeTo(1, 12), expect.closeTo(3, 12)]);
    const i3 = values.findIndex((v) => Math.abs(v - 3) < 1e-9);
    expect(Math.abs(vectors[0][i3])).toBeCloseTo(Math.SQRT1_2, 12);
    expect(vectors[0][i3] * vectors[1][i3]).toBeGreaterThan(0);
  });

  it("puts perfectly correlated columns on one component", () => {
    const a = Float64Array.from([1, 2, 3, 4, 5]);
    const b = Float64Array.from([2, 4, 6, 8, 10]);
    const c = Float64Array.from([0.5, -0.5, 0.5, -0.5, 0.5]);
    const result = pca([a, b, c]);
    // Variances: a 2.5, b 10, c 0.3, and c is uncorrelated with a: the first component holds 12.5 of 12.8.
    expect(result.variances[0]).toBeCloseTo(12.5, 10);
    expect(result.explained[0]).toBeCloseTo(12.5 / 12.8, 12);
    expect(result.explained.reduce((x, y) => x + y)).toBeCloseTo(1, 12);
    // Loadings of a and b are in the ratio 1:2, positive (the sign convention), c's is ~0.
    expect(result.loadings[0][1] / result.loadings[0][0]).toBeCloseTo(2, 6);
    expect(result.loadings[0][1]).toBeGreaterThan(0);
    expect(result.loadings[0][2]).toBeCloseTo(0, 10);
    // Scores are the centred rows projected: first and last rows are symmetric about 0.
    const scores = projectRows([a, b, c], result, 0);
    expect(Array.from(scores)).toEqual([-2, -1, 0, 1, 2].map((x) => expect.closeTo(x * Math.sqrt(5), 10)));
  });
});
