// The probe's embedded data: models that the site serves and the build scored, build numbers per item,
// URLs from the site base or ATLAS_MODEL_BASE_URL, and JSON that cannot close its script element.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { ResultFile } from "../../../src/lib/results/resultSchema.ts";
import type { ModelIndex } from "../../../src/lib/site/modelIndex.ts";
import { jsonForScript, probeConfig, probeUrls } from "../../../src/lib/site/probeConfig.ts";

const sha = (c: string) => c.repeat(64);

function model(id: string, parameters: number, kind: "fixture" | "replica", weights: string) {
  return {
    type: "model" as const,
    id,
    kind,
    description: id,
    source: { kind: "folder" as const, path: id },
    commit: null,
    weightsFile: "model.safetensors",
    weightsSha256: weights,
    layers: 1,
    width: 8,
    heads: 2,
    parameters,
  };
}

const score = (p: number) => ({ p_first: p, p_answer: p, rank: 3, logit_diff: 0.5, p_wrong: p / 2, answer_ids: [1, 2], wrong_ids: [3], top5: [] });

const result = {
  task: { id: "t" },
  scorers: [
    model("replica-b", 20, "replica", sha("b")),
    model("fixture", 5, "fixture", sha("f")),
    model("not-served", 7, "replica", sha("n")),
    { type: "baseline", id: "bigram", title: "bigram", description: "", fingerprint: "", training: { source: "", stories: 1, tokens: 1, sha256: "" } },
  ],
  items: [
    { id: "i0", prompt: "Once upon a </script>", answer: " time", wrong: " day", tags: [] },
    { id: "i1", prompt: "The end", answer: ".", tags: [] },
  ],
  scores: {
    "replica-b": { i0: score(0.25), i1: { skipped: "prefix" } },
    fixture: { i0: score(1e-7), i1: score(0.5) },
    "not-served": { i0: score(0.1), i1: score(0.1) },
    bigram: { i0: score(0.3), i1: score(0.3) },
  },
} as unknown as ResultFile;

const site = (id: string, parameters: number, weights: string) => ({ id, kind: id === "fixture" ? ("fixture" as const) : ("replica" as const), layers: 1, width: 8, parameters, weightsSha256: weights, onnxBytes: 100, totalBytes: 150 });
const index: ModelIndex = {
  schemaVersion: 1,
  models: [site("fixture", 5, sha("f")), site("replica-b", 20, sha("0")), site("unscored", 9, sha("u"))],
  ort: { version: "1", mjs: "o.mjs", wasm: "o.wasm", bytes: 30, wasmBytes: 20 },
};

describe("probeConfig", () => {
  it("offers the served models the build scored, smallest first, defaulting to a real model", () => {
    const config = probeConfig(result, index, probeUrls("/atlas", {}));
    expect(config.models.map((m) => [m.id, m.sameWeightsAsBuild])).toEqual([
      ["fixture", true],
      ["replica-b", false],
    ]);
    expect(config.defaultModel).toBe("replica-b");
    expect(config.modelBaseUrl).toBe("/atlas/models/");
    expect(config.ortWasm).toEqual({ mjs: "/atlas/ort/o.mjs", wasm: "/atlas/ort/o.wasm", wasmBytes: 20 });
  });

  it("carries each item's build numbers per model", () => {
    const config = probeConfig(result, index, probeUrls("/", {}));
    expect(config.items[0]).toMatchObject({ id: "i0", answer: " time", wrong: " day" });
    expect(config.items[0].build.fixture).toEqual({ p_first: 1e-7, rank: 3, p_wrong: 5e-8, answer_ids: [1, 2], wrong_ids: [3] });
    expect(config.items[1].wrong).toBeNull();
    expect(config.items[1].build["replica-b"]).toEqual({ skipped: "prefix" });
    expect(Object.keys(config.items[1].build).sort()).toEqual(["fixture", "replica-b"]);
  });

  it("has no models without an index", () => {
    const config = probeConfig(result, undefined, probeUrls("/", {}));
    expect(config.models).toEqual([]);
    expect(config.defaultModel).toBeNull();
  });
});

describe("probeUrls", () => {
  it("uses the site's folders, or ATLAS_MODEL_BASE_URL for models", () => {
    expect(probeUrls("/", {})).toEqual({ modelBaseUrl: "/models/", ortBaseUrl: "/ort/" });
    expect(probeUrls("/sub/", { ATLAS_MODEL_BASE_URL: "https://cdn.example/m" })).toEqual({ modelBaseUrl: "https://cdn.example/m/", ortBaseUrl: "/sub/ort/" });
  });
});

describe("jsonForScript", () => {
  it("round-trips and never contains a closing script tag", () => {
    const value = { prompt: "a </script><script>alert(1)</script> \u2028" };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/<\/script/i);
    expect(JSON.parse(text)).toEqual(value);
  });
});

it("the probe component reads the index that site-assets writes", () => {
  // Guard against the two drifting apart: Probe.astro looks for public/models/index.json.
  const probe = fs.readFileSync(path.resolve(import.meta.dirname, "../../../src/components/Probe.astro"), "utf8");
  expect(probe).toContain("readModelIndex(");
});
