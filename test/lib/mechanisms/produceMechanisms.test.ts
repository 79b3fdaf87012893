// The mechanism producer end to end on the tiny fixture: files that validate, byte-identical across runs
// (cached and cold), a cache that makes a second run compute nothing, a partial cache that resumes with
// only the missing items, and neurons' top tokens located in data/tokens by their global index.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AtlasContext } from "../../../src/lib/atlasContext.ts";
import { createProgress } from "../../../src/lib/cli/progress.ts";
import { type ProduceMechanismsResult, produceMechanisms } from "../../../src/lib/mechanisms/produceMechanisms.ts";
import { itemsFileSchema } from "../../../src/lib/mechanisms/itemsFileSchema.ts";
import { mechanismFileSchema, type MechanismFile } from "../../../src/lib/mechanisms/mechanismSchema.ts";
import type { TokenizedStories } from "../../../src/lib/mechanisms/modelNeurons.ts";
import { MechanismSession } from "../../../src/lib/mechanisms/mechanismSession.ts";
import { loadTokenizer } from "../../../src/lib/models/loadTokenizer.ts";
import { folderModel } from "../../../src/lib/models/modelSet.ts";
import { preparedFiles } from "../../../src/lib/models/preparedManifest.ts";
import { prepareModel } from "../../../src/lib/models/prepareModel.ts";
import { loadTasks } from "../../../src/lib/tasks/loadTasks.ts";
import { decodeIds, tokenManifestSchema } from "../../../src/lib/tokens/tokenFiles.ts";
import { loadValidationStories } from "../../../src/lib/tokens/validationStories.ts";
import { repoRoot } from "../../sharedPath.ts";
import { sharedModelsDir, tempContext } from "../../sharedModels.ts";

const entry = folderModel(path.join(sharedModelsDir, "tiny-random-gpt-neo"));
const allTasks = loadTasks(path.join(repoRoot, "src/content/tasks"));
const tasks = allTasks.filter((t) => t.id === "ioi" || t.id === "ngrams");
const provenance = { codeVersion: "test", date: "2026-11-21" };
const contexts: Array<ReturnType<typeof tempContext>> = [];
const outDirs: string[] = [];
let stories: TokenizedStories & { count: number };

beforeAll(async () => {
  // The 40 stories test/globalSetup.ts scores into .cache/test-data/tokens.
  const env = { ...process.env, ATLAS_STORIES: "40", ATLAS_STORY_TEXT: "" };
  const text = await loadValidationStories({ root: repoRoot, env, cacheDir: path.join(repoRoot, ".cache") });
  const ctx = context();
  const tokenizer = await loadTokenizer((await prepareModel(entry, ctx)).dir);
  const ids = text.stories.map((s) => tokenizer.encode(s));
  const offsets = ids.reduce((o, s) => [...o, o[o.length - 1] + s.length], [0]);
  stories = { source: text.source, sha256: text.sha256, ids, offsets, count: ids.length };
});
afterAll(() => {
  for (const c of contexts) c.cleanup();
  for (const d of outDirs) fs.rmSync(d, { recursive: true, force: true });
});

function context(): AtlasContext {
  const c = tempContext(entry.source.kind === "folder" ? entry.source.path : "");
  contexts.push(c);
  return c;
}

async function produce(ctx: AtlasContext, which = tasks): Promise<{ result: ProduceMechanismsResult; outDir: string }> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-mech-"));
  outDirs.push(outDir);
  const result = await produceMechanisms(which, [entry], {
    ctx,
    stories: async () => stories,
    provenance,
    progress: createProgress({ write: () => {}, isTty: false }),
    log: () => {},
    outDir,
  });
  return { result, outDir };
}

/** Every file under a folder, relative path -> bytes (as text). */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (sub: string) => {
    for (const e of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = path.posix.join(sub, e.name);
      if (e.isDirectory()) walk(rel);
      else out[rel] = fs.readFileSync(path.join(dir, rel), "utf8");
    }
  };
  walk("");
  return out;
}

describe("produceMechanisms", () => {
  let cached: AtlasContext;
  let first: { result: ProduceMechanismsResult; outDir: string };

  it("resumes from a partial cache, running only the missing items", async () => {
    cached = context();
    const ngrams = tasks.filter((t) => t.id === "ngrams");
    const partial = await produce(cached, ngrams);
    expect(partial.result.itemsRun).toBe(ngrams[0].items.length);
    first = await produce(cached);
    expect(first.result.failures).toEqual([]);
    expect(first.result.itemsRun).toBe(tasks.find((t) => t.id === "ioi")!.items.length);
  });

  it("writes files that validate against the schema", () => {
    const files = snapshot(first.outDir);
    expect(Object.keys(files).sort()).toEqual(["ioi.json", "items/ioi/tiny-random-gpt-neo.json", "items/ngrams/tiny-random-gpt-neo.json", "ngrams.json"]);
    for (const [rel, text] of Object.entries(files)) {
      const json = JSON.parse(text);
      if (rel.startsWith("items/")) expect(itemsFileSchema.parse(json)).toEqual(json);
      else expect(mechanismFileSchema.parse(json)).toEqual(json);
    }
    const ngrams: MechanismFile = JSON.parse(files["ngrams.json"]);
    const m = ngrams.models[0];
    expect(m.items.withoutWrong).toBeGreaterThan(0);
    expect(m.ablation.effects).toHaveLength(2);
    expect(m.attention).toHaveLength(2 * 4);
    expect(m.attribution.maxAbsError).toBeLessThan(1e-4);
    expect(Math.abs(m.attribution.sum - m.attribution.actual)).toBeLessThan(1e-5);
    expect(m.neurons).toHaveLength(5);
  });

  it("computes nothing on a second run and writes the same bytes", async () => {
    const second = await produce(cached);
    expect(second.result.itemsRun).toBe(0);
    expect(second.result.runs).toBe(0);
    expect(snapshot(second.outDir)).toEqual(snapshot(first.outDir));
  });

  it("writes the same bytes from a cold cache", async () => {
    const cold = await produce(context());
    expect(cold.result.itemsRun).toBeGreaterThan(0);
    expect(snapshot(cold.outDir)).toEqual(snapshot(first.outDir));
  });

  it("locates neurons' top tokens in data/tokens and reproduces their activations", async () => {
    const file: MechanismFile = JSON.parse(fs.readFileSync(path.join(first.outDir, "ioi.json"), "utf8"));
    expect(file.stories).toEqual({ source: stories.source, sha256: stories.sha256, stories: 40, tokens: stories.offsets[40] });
    const tokensDir = path.join(repoRoot, ".cache", "test-data", "tokens");
    const manifest = tokenManifestSchema.parse(JSON.parse(fs.readFileSync(path.join(tokensDir, "manifest.json"), "utf8")));
    expect(manifest.text.sha256).toBe(stories.sha256);
    const ids = decodeIds(new Uint8Array(fs.readFileSync(path.join(tokensDir, "ids.bin"))));
    const prepared = await prepareModel(entry, cached);
    const tokenizer = await loadTokenizer(prepared.dir);
    const session = await MechanismSession.create(path.join(prepared.dir, preparedFiles.onnxMechanism), [2, 4]);
    let checked = 0;
    try {
      for (const n of file.models[0].neurons) {
        const [layer, index] = n.neuron.split(".").map(Number);
        expect(n.topTokens).toHaveLength(10);
        for (const t of n.topTokens) {
          expect(t.token).toBe(manifest.storyOffsets[t.story] + t.position);
          expect(tokenizer.tokenText(ids[t.token])).toBe(t.text);
        }
        // Hits within the first window read directly: <|endoftext|> + the story up to the token.
        for (const hit of n.topTokens.filter((t) => t.position < 120)) {
          const input = [50256, ...stories.ids[hit.story].slice(0, hit.position + 1)];
          const out = await session.run([{ ids: input, positions: [0], targets: [[0]] }], [`blocks.${layer}.mlp.hook_post`]);
          const post = out[`blocks.${layer}.mlp.hook_post`];
          expect(Math.abs((post.data as Float32Array)[(input.length - 1) * post.dims[2] + index] - hit.activation)).toBeLessThan(1e-4);
          checked++;
        }
      }
    } finally {
      await session.release();
    }
    expect(checked).toBeGreaterThan(5);
  });
});
