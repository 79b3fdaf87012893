// Per-token data: sharded runs merge into exactly the bytes of a single run; columns agree with the
// PyTorch reference; the story loss matches an independent computation.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../../scripts/atlas.ts";
import type { CliIo } from "../../../src/lib/cli/io.ts";
import { decodeColumns, decodeIds, readTokenManifestFile } from "../../../src/lib/tokens/tokenFiles.ts";
import { shardRange } from "../../../src/lib/tokens/scoreStoryTokens.ts";
import * as ort from "onnxruntime-node";
import { atlasContext } from "../../../src/lib/atlasContext.ts";
import { folderModel } from "../../../src/lib/models/modelSet.ts";
import { findPrepared } from "../../../src/lib/models/prepareModel.ts";
import { sharedModelsDir } from "../../sharedModels.ts";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-tokens-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const models = ["tiny-random-gpt-neo", "tinystories-8L-64-replica"].map((m) => path.join(sharedModelsDir, m)).join(",");

async function atlas(args: string[], data: string) {
  let err = "";
  const io: CliIo = {
    out: () => {},
    err: (t) => (err += t),
    isTty: false,
    env: { ATLAS_CACHE: path.join(root, "cache"), ATLAS_DATA: data, ATLAS_DATE: "2026-11-21", ATLAS_MODELS: models, ATLAS_STORIES: "7" },
  };
  return { code: await main(args, io), err };
}

const files = (dir: string): Record<string, string> =>
  Object.fromEntries(
    fs.readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => {
        const file = path.relative(dir, path.join(e.parentPath, e.name));
        return [file, fs.readFileSync(path.join(dir, file)).toString("base64")];
      }),
  );

describe("atlas tokens", () => {
  it("splits stories into contiguous shards that cover them all", () => {
    expect([1, 2, 3].map((k) => shardRange(7, { k, n: 3 }))).toEqual([[0, 2], [2, 4], [4, 7]]);
    expect(shardRange(7, null)).toEqual([0, 7]);
  });

  it("merges shards into a folder byte-identical to a single run", async () => {
    const single = path.join(root, "single");
    const sharded = path.join(root, "sharded");
    expect((await atlas(["tokens"], single)).code).toBe(0);
    for (const k of [1, 2, 3]) expect((await atlas(["tokens", "--shard", `${k}/3`], sharded)).code).toBe(0);
    // Shards must not be merged while one is missing.
    fs.renameSync(path.join(sharded, "tokens-shards", "2-of-3"), path.join(root, "aside"));
    const missing = await atlas(["tokens", "--merge"], sharded);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("need shards 1..3 of 3 exactly once; have 1, 3");
    fs.renameSync(path.join(root, "aside"), path.join(sharded, "tokens-shards", "2-of-3"));
    const merged = await atlas(["tokens", "--merge"], sharded);
    expect(merged.code).toBe(0);
    expect(merged.err).toContain("merged 3 shards: 7 stories");
    expect(files(path.join(sharded, "tokens"))).toEqual(files(path.join(single, "tokens")));
  });

  it("stores log-probabilities, ranks and top tokens equal to the full-logits graph's, in float64", async () => {
    const dir = path.join(root, "single", "tokens");
    const manifest = readTokenManifestFile(path.join(dir, "manifest.json"));
    expect(manifest.scorers.map((s) => s.info.id)).toEqual(["tiny-random-gpt-neo", "tinystories-8L-64-replica", "unigram", "bigram", "trigram", "copy"]);
    expect(manifest.text).toMatchObject({ source: "../shared/data/tinystories-valid-first201.txt", stories: 7, firstStory: 0 });
    const ids = decodeIds(new Uint8Array(fs.readFileSync(path.join(dir, "ids.bin"))));
    expect(manifest.text.tokens).toBe(ids.length);
    expect(manifest.storyOffsets).toHaveLength(8);
    const entry = manifest.scorers.find((s) => s.info.id === "tinystories-8L-64-replica")!;
    const columns = decodeColumns(new Uint8Array(fs.readFileSync(path.join(dir, entry.file))), ids.length);

    // Story 1 through the browser graph (full logits), log-softmax in float64 here.
    const prepared = await findPrepared(folderModel(path.join(sharedModelsDir, "tinystories-8L-64-replica")), { ...atlasContext({ ATLAS_CACHE: path.join(root, "cache") }), offline: true });
    const session = await ort.InferenceSession.create(path.join(prepared!.dir, "onnx/model.onnx"));
    const [from, to] = [manifest.storyOffsets[1], manifest.storyOffsets[2]];
    const story = Array.from(ids.subarray(from, to));
    const input = [50256, ...story.slice(0, -1)];
    const logits = (await session.run({ input_ids: new ort.Tensor("int64", BigInt64Array.from(input, BigInt), [1, input.length]) })).logits.data as Float32Array;
    const V = 50257;
    for (let i = 0; i < story.length; i++) {
      const row = logits.subarray(i * V, (i + 1) * V);
      let max = -Infinity;
      for (const x of row) max = Math.max(max, x);
      let sum = 0;
      for (const x of row) sum += Math.exp(x - max);
      const logprob = row[story[i]] - max - Math.log(sum);
      expect(Math.abs(columns.logprob[from + i] - logprob), `token ${i}`).toBeLessThan(1e-4);
      let larger = 0;
      for (const x of row) if (x > row[story[i]]) larger++;
      expect(columns.rank[from + i]).toBe(larger + 1);
      const argmax = row.indexOf(Math.max(...row));
      expect(columns.topIds[(from + i) * 5]).toBe(argmax);
    }
    await session.release();

    // The confident flag is rank 1 and p >= the threshold, position by position.
    for (let t = 0; t < ids.length; t++) {
      expect(columns.confident[t]).toBe(columns.rank[t] === 1 && Math.exp(columns.logprob[t]) >= manifest.confidentThreshold ? 1 : 0);
    }
    const loss = -columns.logprob.reduce((a, b) => a + b, 0) / ids.length;
    expect(entry.meanLoss!.value).toBeCloseTo(loss, 5);
  });
});
