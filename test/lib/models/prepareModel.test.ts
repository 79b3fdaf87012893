// Preparing a model: cached by content, hub sources pinned by the lock file, and bad input reported in one
// line with the prepared cache left as it was.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { atlasContext, type AtlasContext } from "../../../src/lib/atlasContext.ts";
import { folderModel } from "../../../src/lib/models/modelSet.ts";
import { prepareModel } from "../../../src/lib/models/prepareModel.ts";
import { findPublished, type ModelEntry } from "../../../src/lib/models/registry.ts";
import { sharedModelsDir } from "../../sharedModels.ts";
import { fakeHub, fakeHubUrl, sha256Hex } from "./fakeHub.ts";

const tiny = path.join(sharedModelsDir, "tiny-random-gpt-neo");
const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

function context(): AtlasContext {
  const cache = tempDir("atlas-prepare-");
  return { ...atlasContext({ ATLAS_CACHE: cache }), lockFile: path.join(cache, "models.lock.json") };
}

/** A model folder made of the tiny fixture's files, some replaced. */
function folderLike(replace: Record<string, string | Uint8Array | null>): ModelEntry {
  const dir = path.join(tempDir("atlas-model-"), "broken-model");
  fs.mkdirSync(dir);
  for (const file of ["config.json", "vocab.json", "merges.txt", "pytorch_model.bin"]) {
    if (replace[file] === null) continue;
    fs.writeFileSync(path.join(dir, file), replace[file] ?? fs.readFileSync(path.join(tiny, file)));
  }
  return { id: "broken-model", source: { kind: "folder", path: dir }, layers: 2, width: 32, instruct: false, kind: "local", description: "test" };
}

function preparedEntries(ctx: AtlasContext): string[] {
  return fs.existsSync(ctx.preparedDir) ? fs.readdirSync(ctx.preparedDir) : [];
}

async function failure(entry: ModelEntry, ctx: AtlasContext): Promise<string> {
  const error = await prepareModel(entry, ctx).then(
    () => expect.fail("prepareModel should have failed"),
    (e: unknown) => e as Error,
  );
  expect(error.name).toBe("AtlasError");
  expect(error.message).not.toContain("\n");
  // Nothing half-written: no prepared folder, no temporary folder left behind.
  expect(preparedEntries(ctx)).toEqual([]);
  return error.message;
}

describe("prepareModel", () => {
  it("prepares a folder once; a second run finds it by content hash and builds nothing", async () => {
    const ctx = context();
    const entry = folderModel(tiny);
    const first = await prepareModel(entry, ctx);
    expect(first.built).toBe(true);
    expect(first.manifest).toMatchObject({
      id: "tiny-random-gpt-neo",
      kind: "fixture",
      commit: null,
      weightsFile: "model.safetensors",
      weightsSha256: sha256Hex(fs.readFileSync(path.join(tiny, "model.safetensors"))),
      layers: 2,
      width: 32,
      heads: 4,
      attentionLayers: ["global", "local"],
      windowSize: 8,
      maxPositions: 128,
      parameters: 1_637_600,
    });
    expect(Object.keys(first.manifest.files).sort()).toEqual(
      ["config.json", "generation_config.json", "onnx/mechanism.onnx", "onnx/model.onnx", "onnx/scorer.onnx", "tokenizer.json", "tokenizer_config.json"].sort(),
    );
    const mtime = fs.statSync(path.join(first.dir, "onnx/model.onnx")).mtimeMs;
    const second = await prepareModel(entry, ctx);
    expect(second.built).toBe(false);
    expect(second.dir).toBe(first.dir);
    expect(second.manifest).toEqual(first.manifest);
    expect(fs.statSync(path.join(first.dir, "onnx/model.onnx")).mtimeMs).toBe(mtime);
    expect(preparedEntries(ctx)).toEqual([path.basename(first.dir)]);
  });

  it("downloads a hub model, pins it in the lock file, and prepares it offline the next time", async () => {
    const ctx = context();
    const files = Object.fromEntries(
      ["config.json", "vocab.json", "merges.txt", "pytorch_model.bin"].map((f) => [f, { content: new Uint8Array(fs.readFileSync(path.join(tiny, f))), lfs: f.endsWith(".bin") }]),
    );
    const commit = "a".repeat(40);
    const hub = fakeHub({ "roneneldan/TinyStories-1M": { commit, files } });
    const entry = findPublished("TinyStories-1M")!;
    const online = await prepareModel(entry, { ...ctx, fetch: hub.fetch, hubUrl: fakeHubUrl });
    expect(online.built).toBe(true);
    expect(online.manifest.commit).toBe(commit);
    expect(online.manifest.kind).toBe("published");
    const lock = JSON.parse(fs.readFileSync(ctx.lockFile, "utf8"));
    expect(lock["roneneldan/TinyStories-1M"]).toEqual({
      revision: "main",
      commit,
      files: Object.fromEntries(Object.entries(files).map(([f, { content }]) => [f, { sha256: sha256Hex(content), size: content.byteLength }])),
    });
    const offline = await prepareModel(entry, { ...ctx, offline: true });
    expect(offline.built).toBe(false);
    expect(offline.dir).toBe(online.dir);
  });
});

describe("prepareModel on bad input: one line naming model, file and problem; cache untouched", () => {
  it("a truncated pytorch_model.bin", async () => {
    const bin = fs.readFileSync(path.join(tiny, "pytorch_model.bin"));
    const message = await failure(folderLike({ "pytorch_model.bin": bin.subarray(0, bin.byteLength >> 1) }), context());
    expect(message).toMatch(/^model broken-model, file .*pytorch_model\.bin: .*(truncated|corrupt)/);
  });

  it("a Git LFS pointer where the weights should be", async () => {
    const pointer = "version https://git-lfs.github.com/spec/v1\noid sha256:" + "0".repeat(64) + "\nsize 6595095\n";
    const message = await failure(folderLike({ "pytorch_model.bin": pointer }), context());
    expect(message).toMatch(/^model broken-model, file .*pytorch_model\.bin: is a Git LFS pointer/);
  });

  it("a config of another architecture", async () => {
    const config = { ...JSON.parse(fs.readFileSync(path.join(tiny, "config.json"), "utf8")), model_type: "gpt2" };
    const message = await failure(folderLike({ "config.json": JSON.stringify(config) }), context());
    expect(message).toMatch(/^model broken-model, file .*config\.json: model_type is "gpt2", not "gpt_neo"/);
  });

  it.each(["vocab.json", "merges.txt"])("a missing %s", async (file) => {
    const message = await failure(folderLike({ [file]: null }), context());
    expect(message).toMatch(new RegExp(`^model broken-model, file ${file.replace(".", "\\.")}: missing from `));
  });

  it("an unknown hub id", async () => {
    const hub = fakeHub({});
    const entry: ModelEntry = { ...findPublished("TinyStories-3M")!, source: { kind: "hub", repo: "roneneldan/TinyStories-4M", revision: "main" } };
    const message = await failure(entry, { ...context(), fetch: hub.fetch, hubUrl: fakeHubUrl });
    expect(message).toContain("roneneldan/TinyStories-4M");
    expect(message).toMatch(/not found|does not exist/i);
  });

  it("an offline cache miss", async () => {
    const message = await failure(findPublished("TinyStories-8M")!, { ...context(), offline: true });
    expect(message).toMatch(/offline, and roneneldan\/TinyStories-8M@main is not in the cache: missing config\.json, vocab\.json, merges\.txt, pytorch_model\.bin/);
  });

  it("a hash mismatch against the lock file", async () => {
    const ctx = context();
    const commit = "b".repeat(40);
    const files = Object.fromEntries(
      ["config.json", "vocab.json", "merges.txt", "pytorch_model.bin"].map((f) => [f, { content: new Uint8Array(fs.readFileSync(path.join(tiny, f))), lfs: f.endsWith(".bin") }]),
    );
    const pinned = Object.fromEntries(Object.entries(files).map(([f, { content }]) => [f, { sha256: sha256Hex(content), size: content.byteLength }]));
    pinned["pytorch_model.bin"].sha256 = "c".repeat(64);
    fs.writeFileSync(ctx.lockFile, JSON.stringify({ "roneneldan/TinyStories-1M": { revision: "main", commit, files: pinned } }));
    const hub = fakeHub({ "roneneldan/TinyStories-1M": { commit, files } });
    const message = await failure(findPublished("TinyStories-1M")!, { ...ctx, fetch: hub.fetch, hubUrl: fakeHubUrl });
    expect(message).toContain("pytorch_model.bin");
    expect(message).toContain("c".repeat(64));
  });
});
