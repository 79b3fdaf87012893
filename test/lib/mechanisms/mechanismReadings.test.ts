// What pages say about a model's mechanism evidence: attention labels in words, top heads and their
// intervals, the largest attribution part, the logit lens's first block near the top, models picked by
// what they are (fixtures passed over), and top heads by label.
import { describe, expect, it } from "vitest";
import { labelClause, labelInWords, labelTarget } from "../../../src/lib/mechanisms/labelWords.ts";
import type { ModelMechanisms } from "../../../src/lib/mechanisms/mechanismSchema.ts";
import { attributionParts, effectInterval, firstBlockNearTop, largestAttribution, topHead, topHeadsLabelled } from "../../../src/lib/mechanisms/mechanismSummary.ts";
import { blockParameters, pickModel } from "../../../src/lib/mechanisms/pickModel.ts";
import { loadMechanismFiles } from "../figures/mechanismFiles.ts";

const label = (type: "distance" | "content" | "first-token" | "diffuse", name: string, distance: number | null, mass: number) => ({ type, name, distance, mass });

function model(id: string, kind: ModelMechanisms["model"]["kind"], layers: number, width: number, topLabels: string[] = []): ModelMechanisms {
  const heads = 2;
  return {
    model: { id, kind, weightsSha256: "0", layers, heads, width, mlpWidth: 4 * width },
    items: { used: 2, skipped: [], withWrong: 2, withoutWrong: 0 },
    ablation: {
      clean: 1,
      effects: Array.from({ length: layers }, () => [0, 0]),
      topHeads: topLabels.map((name, i) => ({ head: `0.${i}`, effect: -0.5 + i, sem: 0.1, hurtShare: 0.5, label: label(name === "diffuse" ? "diffuse" : "content", name, null, 0.5) })),
    },
    attribution: {
      actual: 1, embed: 0.25, attn: Array.from({ length: layers }, (_, l) => (l === 0 ? -2 : 0.5)), heads: [], attnBias: [], mlp: Array.from({ length: layers }, () => 0.25), mlpBias: [], lnBias: 0, sum: 1, maxAbsError: 0,
    },
    attention: [],
    lens: Array.from({ length: layers }, (_, b) => ({ block: b, meanLogprob: -1, medianRank: b === layers - 1 ? 3 : 50, top1Share: 0, meanLogitDiff: null, topTokens: [] })),
    neurons: [],
    itemsFile: `items/t/${id}.json`,
  };
}

describe("attention labels in words", () => {
  it("say what the head looks at and how much of its attention goes there", () => {
    expect(labelTarget({ name: "previous-token", distance: 1 })).toBe("the previous token");
    expect(labelTarget({ name: "distance-4", distance: 4 })).toBe("the token 4 positions back");
    expect(labelTarget({ name: "induction-target", distance: null })).toMatch(/after an earlier copy of the current token/);
    expect(labelInWords(label("distance", "previous-token", 1, 0.625))).toBe("attends to the previous token (0.63 of its attention; distance-based)");
    expect(labelInWords(label("content", "subject", null, 0.5))).toMatch(/^attends to earlier copies of the wrong answer's first token \(the subject\) \(0\.50 of its attention; content-based\)$/);
    expect(labelInWords(label("diffuse", "diffuse", null, 0.125))).toBe("diffuse (at most 0.13 of its attention on any one kind of position)");
    expect(labelClause(label("diffuse", "diffuse", null, 0.125))).toBe("its attention is diffuse (at most 0.13 of its attention on any one kind of position)");
    expect(labelClause(label("first-token", "first-token", null, 0.75))).toBe("it attends to the first token (0.75 of its attention; positional)");
  });

  it("cover every label of the real mechanism files", () => {
    for (const file of loadMechanismFiles().values()) {
      for (const m of file.models) for (const a of m.attention) expect(labelTarget(a.label), a.label.name).not.toBe(a.label.name);
    }
  });
});

describe("readings of one model", () => {
  const m = model("m", "replica", 3, 8, ["answer", "diffuse"]);

  it("give top heads by rank with a normal 95% interval", () => {
    expect(topHead(m)?.head).toBe("0.0");
    expect(topHead(m, 2)?.head).toBe("0.1");
    expect(topHead(m, 3)).toBeNull();
    const [low, high] = effectInterval({ effect: 1, sem: 0.5 });
    expect(low).toBeCloseTo(0.02, 12);
    expect(high).toBeCloseTo(1.98, 12);
  });

  it("list the additive attribution parts in model order and find the largest by magnitude", () => {
    expect(attributionParts(m).map((p) => p.component)).toEqual(["embedding", "attention 0", "MLP 0", "attention 1", "MLP 1", "attention 2", "MLP 2", "LayerNorm bias"]);
    expect(largestAttribution(m)).toEqual({ component: "attention 0", value: -2 });
  });

  it("find the first block where the lens ranks the answer near the top, or none", () => {
    expect(firstBlockNearTop(m)).toBe(2);
    expect(firstBlockNearTop(m, 2)).toBeNull();
  });
});

describe("models picked by what they are", () => {
  const models = [model("fixture", "fixture", 2, 4), model("deep-small", "replica", 8, 8), model("deep-big", "replica", 8, 16), model("wide", "replica", 1, 64)];

  it("pass over random-weight fixtures, unless nothing else is there", () => {
    expect(pickModel(models, "smallest")?.model.id).toBe("deep-small");
    expect(pickModel(models, "largest")?.model.id).toBe("wide");
    expect(pickModel(models, "deepest")?.model.id).toBe("deep-big");
    expect(pickModel(models, "shallowest")?.model.id).toBe("wide");
    expect(pickModel([models[0]], "largest")?.model.id).toBe("fixture");
    expect(pickModel([], "largest")).toBeNull();
  });

  it("take an id as it is", () => {
    expect(pickModel(models, "fixture")?.model.id).toBe("fixture");
    expect(pickModel(models, "nope")).toBeNull();
    expect(blockParameters(models[1])).toBe(8 * (4 * 64 + 2 * 8 * 32));
  });

  it("find top heads by label name or type, model by model", () => {
    const two = [model("a", "replica", 1, 8, ["answer", "diffuse"]), model("b", "replica", 1, 8, ["subject", "answer"])];
    expect(topHeadsLabelled(two, ["answer"]).map((f) => `${f.model} ${f.head.head}`)).toEqual(["a 0.0", "b 0.1"]);
    expect(topHeadsLabelled(two, ["content"]).length).toBe(3);
    expect(topHeadsLabelled(two, ["previous-token"])).toEqual([]);
  });
});
