import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveModel, resolveModelSet } from "../../../src/lib/models/modelSet.ts";
import { findPublished, publishedModels } from "../../../src/lib/models/registry.ts";
import { sharedModelsDir } from "../../sharedModels.ts";
import { repoRoot } from "../../sharedPath.ts";

describe("the model registry", () => {
  it("lists the 14 published models with their shapes, keeping the hub's Instuct typo", () => {
    expect(publishedModels.map((m) => [m.id, m.layers, m.width])).toEqual([
      ["TinyStories-1M", 8, 64],
      ["TinyStories-3M", 8, 128],
      ["TinyStories-8M", 8, 256],
      ["TinyStories-28M", 8, 512],
      ["TinyStories-33M", 4, 768],
      ["TinyStories-1Layer-21M", 1, 1024],
      ["TinyStories-2Layers-33M", 2, 1024],
      ["TinyStories-Instruct-1M", 8, 64],
      ["TinyStories-Instruct-3M", 8, 128],
      ["TinyStories-Instruct-8M", 8, 256],
      ["TinyStories-Instruct-28M", 8, 512],
      ["TinyStories-Instruct-33M", 4, 768],
      ["TinyStories-Instuct-1Layer-21M", 1, 1024],
      ["TinyStories-Instruct-2Layers-33M", 2, 1024],
    ]);
    expect(publishedModels.every((m) => m.source.kind === "hub" && m.source.repo === `roneneldan/${m.id}`)).toBe(true);
    expect(publishedModels.filter((m) => m.instruct)).toHaveLength(7);
    expect(findPublished("roneneldan/TinyStories-Instuct-1Layer-21M")?.instruct).toBe(true);
  });
});

describe("the model set", () => {
  const opts = { cwd: repoRoot };

  it("defaults to the published models", () => {
    expect(resolveModelSet(undefined, opts)).toBe(publishedModels);
    expect(resolveModelSet("published", opts)).toBe(publishedModels);
  });

  it("takes a folder of model folders, ordered by size, labelled fixture or replica", () => {
    const set = resolveModelSet(path.relative(repoRoot, sharedModelsDir), opts);
    expect(set.map((m) => [m.id, m.kind, m.layers, m.width])).toEqual([
      ["tiny-random-gpt-neo", "fixture", 2, 32],
      ["tinystories-8L-64-replica", "replica", 8, 64],
      ["tinystories-8L-128-replica", "replica", 8, 128],
      ["tinystories-1L-256-replica", "replica", 1, 256],
    ]);
    expect(set.find((m) => m.kind === "replica")?.description).toMatch(/not a published model/);
  });

  it("takes a list of folders, published ids and hub ids with revisions", () => {
    const set = resolveModelSet(`${path.join(sharedModelsDir, "tiny-random-gpt-neo")},TinyStories-3M@abc123,someone/other-model@v2`, opts);
    expect(set.map((m) => [m.id, m.source])).toEqual([
      ["tiny-random-gpt-neo", { kind: "folder", path: path.join(sharedModelsDir, "tiny-random-gpt-neo") }],
      ["TinyStories-3M", { kind: "hub", repo: "roneneldan/TinyStories-3M", revision: "abc123" }],
      ["other-model", { kind: "hub", repo: "someone/other-model", revision: "v2" }],
    ]);
  });

  it("rejects a spec that names nothing, and duplicate ids", () => {
    expect(() => resolveModel("no such thing", opts)).toThrow(/"no such thing" is neither a model folder/);
    expect(() => resolveModelSet("TinyStories-1M,roneneldan/TinyStories-1M", opts)).toThrow(/model id TinyStories-1M appears twice/);
  });
});
