// `atlas site-assets`'s producer on fake prepared folders: the browser files and wasm land in public/,
// unchanged files are left alone, stale model folders and stray files go, and the index lists the models.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { sha256 } from "../../../src/lib/io/hashCache.ts";
import { type PreparedManifest, preparedFiles } from "../../../src/lib/models/preparedManifest.ts";
import { modelIndexSchema, readModelIndex } from "../../../src/lib/site/modelIndex.ts";
import { type PublishableModel, browserFiles, publishFile, publishSiteAssets } from "../../../src/lib/site/publishSiteAssets.ts";

const temps: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-assets-"));
  temps.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A prepared folder with small stand-in files, its manifest recording their sha256. */
function fakePrepared(root: string, id: string, parameters: number, onnx = `onnx of ${id}`): PublishableModel {
  const dir = path.join(root, `prepared-${id}`);
  const files: Record<string, string> = {};
  const put = (name: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
    files[name] = sha256(text);
  };
  for (const name of browserFiles) put(name, name === preparedFiles.onnxModel ? onnx : `${name} of ${id}`);
  put(preparedFiles.onnxScorer, "node-only scorer");
  const manifest = {
    id,
    source: { kind: "folder", path: `/models/${id}` },
    commit: null,
    kind: "replica",
    weightsFile: "model.safetensors",
    weightsSha256: sha256(`weights of ${id}`),
    inputSha256: {},
    key: "k",
    prepareVersion: "2",
    layers: 1,
    width: 8,
    heads: 2,
    attentionLayers: ["global"],
    windowSize: 8,
    maxPositions: 64,
    parameters,
    files,
  } satisfies PreparedManifest;
  return { dir, manifest };
}

function fakeOrt(root: string): string {
  const dir = path.join(root, "ort-dist");
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, "x.mjs"), "export default 1;");
  fs.writeFileSync(path.join(dir, "x.wasm"), "\0asm-bytes");
  fs.writeFileSync(path.join(dir, "other.wasm"), "not needed");
  return dir;
}

describe("publishSiteAssets", () => {
  it("publishes browser files and wasm, writes the index, and leaves unchanged files alone", async () => {
    const root = tempDir();
    const publicDir = path.join(root, "public");
    const models = [fakePrepared(root, "small", 10), fakePrepared(root, "big", 20)];
    const input = { publicDir, models, ortDir: fakeOrt(root), ortFiles: { mjs: "x.mjs", wasm: "x.wasm" }, ortVersion: "1.0" };

    const first = await publishSiteAssets(input);
    expect(first.written).toHaveLength(2 * browserFiles.length + 2 + 1);
    for (const name of browserFiles) expect(fs.readFileSync(path.join(publicDir, "models", "small", name), "utf8")).toMatch(/small/);
    expect(fs.existsSync(path.join(publicDir, "models", "small", preparedFiles.onnxScorer))).toBe(false);
    expect(fs.readdirSync(path.join(publicDir, "ort")).sort()).toEqual(["x.mjs", "x.wasm"]);

    const index = readModelIndex(publicDir)!;
    expect(modelIndexSchema.parse(index)).toEqual(first.index);
    expect(index.models.map((m) => [m.id, m.parameters, m.onnxBytes])).toEqual([
      ["small", 10, "onnx of small".length],
      ["big", 20, "onnx of big".length],
    ]);
    expect(index.ort).toMatchObject({ version: "1.0", mjs: "x.mjs", wasm: "x.wasm", wasmBytes: 10 });

    const second = await publishSiteAssets(input);
    expect(second.written).toEqual([]);
    expect(second.unchanged).toHaveLength(first.written.length);
  });

  it("removes folders of models no longer configured and stray files", async () => {
    const root = tempDir();
    const publicDir = path.join(root, "public");
    const ortDir = fakeOrt(root);
    const base = { publicDir, ortDir, ortFiles: { mjs: "x.mjs", wasm: "x.wasm" }, ortVersion: "1.0" };
    await publishSiteAssets({ ...base, models: [fakePrepared(root, "small", 10), fakePrepared(root, "gone", 5)] });
    fs.writeFileSync(path.join(publicDir, "models", "small", "stray.bin"), "x");
    fs.writeFileSync(path.join(publicDir, "ort", "old.wasm"), "x");

    const report = await publishSiteAssets({ ...base, models: [fakePrepared(root, "small", 10)] });
    expect(report.removed.sort()).toEqual([path.join("models", "gone"), path.join("models", "small", "stray.bin"), path.join("ort", "old.wasm")].sort());
    expect(fs.readdirSync(path.join(publicDir, "models")).sort()).toEqual(["index.json", "small"]);
    expect(readModelIndex(publicDir)!.models.map((m) => m.id)).toEqual(["small"]);
  });

  it("replaces a file whose content changed (new weights under the same id)", async () => {
    const root = tempDir();
    const publicDir = path.join(root, "public");
    const base = { publicDir, ortDir: fakeOrt(root), ortFiles: { mjs: "x.mjs", wasm: "x.wasm" }, ortVersion: "1.0" };
    await publishSiteAssets({ ...base, models: [fakePrepared(root, "m", 10, "old weights")] });
    fs.rmSync(path.join(root, "prepared-m"), { recursive: true });
    const report = await publishSiteAssets({ ...base, models: [fakePrepared(root, "m", 10, "new weights")] });
    expect(report.written).toContain(path.join("models", "m", preparedFiles.onnxModel));
    expect(fs.readFileSync(path.join(publicDir, "models", "m", preparedFiles.onnxModel), "utf8")).toBe("new weights");
  });
});

describe("publishFile", () => {
  it("keeps a same-content copy, and hard-links new files where it can", async () => {
    const root = tempDir();
    const source = path.join(root, "a.bin");
    fs.writeFileSync(source, "same bytes");
    const copy = path.join(root, "out", "copy.bin");
    fs.mkdirSync(path.dirname(copy));
    fs.writeFileSync(copy, "same bytes");
    expect(await publishFile(source, copy)).toBe("unchanged");
    const linked = path.join(root, "out", "linked.bin");
    expect(await publishFile(source, linked)).toBe("written");
    expect(fs.readFileSync(linked, "utf8")).toBe("same bytes");
    expect(fs.statSync(linked).ino).toBe(fs.statSync(source).ino);
    expect(await publishFile(source, linked)).toBe("unchanged");
  });
});
