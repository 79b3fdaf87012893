// Head effects from per-item metrics: means, standard errors, hurt shares, the map and the top heads.
import { describe, expect, it } from "vitest";
import { effectMap, headEffects, headName, topHeads } from "../../../src/lib/mechanisms/ablation.ts";

describe("head ablation effects", () => {
  const items = [
    { metric: "logit_diff" as const, clean: 2, ablated: [2, 1, 2.5, 0] },
    { metric: "logit_diff" as const, clean: 4, ablated: [4, 1, 4.5, 2] },
  ];

  it("average ablated - clean over items, layer-major", () => {
    const e = headEffects(items, 2, 2);
    expect(e.map((x) => [x.layer, x.head, x.effect, x.hurtShare])).toEqual([
      [0, 0, 0, 0],
      [0, 1, -2, 1],
      [1, 0, 0.5, 0],
      [1, 1, -2, 1],
    ]);
    // deltas of head 0.1: -1 and -3: sd = sqrt(2), sem = 1.
    expect(e[1].sem).toBeCloseTo(1, 12);
    expect(effectMap(e, 2, 2)).toEqual([
      [0, -2],
      [0.5, -2],
    ]);
  });

  it("rank heads by |effect|, ties by layer then head, and name them L.H", () => {
    const top = topHeads(headEffects(items, 2, 2), 3);
    expect(top.map((t) => headName(t.layer, t.head))).toEqual(["0.1", "1.1", "1.0"]);
  });
});
