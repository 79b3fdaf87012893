// The exported graph against PyTorch's float32 reference outputs, for every shared model and case.
import path from "node:path";
import * as ort from "onnxruntime-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCheckpoint } from "../../../../src/lib/models/readCheckpoint.ts";
import { parseGptNeoConfig } from "../../../../src/lib/models/gptNeoConfig.ts";
import { exportGptNeoOnnx } from "../../../../src/lib/models/onnx/exportGptNeoOnnx.ts";
import { activationNames } from "../../../../src/lib/models/onnx/activationNames.ts";
import { preparedFiles } from "../../../../src/lib/models/preparedManifest.ts";
import type { PreparedModel } from "../../../../src/lib/models/prepareModel.ts";
import { maxAbsDiff, prepareShared, readReference, readReferenceLogits, sharedModelEntries, sharedModelsDir, tempContext } from "../../../sharedModels.ts";
import fs from "node:fs";

const ctx = tempContext();
let prepared: Map<string, PreparedModel>;
beforeAll(async () => {
  prepared = await prepareShared(ctx);
});
afterAll(() => ctx.cleanup());

function idsTensor(ids: number[]): ort.Tensor {
  return new ort.Tensor("int64", BigInt64Array.from(ids, BigInt), [1, ids.length]);
}

describe.each(sharedModelEntries().map((e) => [e.id, e] as const))("%s against the PyTorch reference", (id, entry) => {
  let session: ort.InferenceSession;
  beforeAll(async () => {
    session = await ort.InferenceSession.create(path.join(prepared.get(id)!.dir, preparedFiles.onnxModel));
  });
  afterAll(() => session.release());

  it.each(readReference(entry).map((c, i) => [i, c.ids.length, c] as const))("case %i (%i tokens): logits and attention pattern", async (_, __, c) => {
    const out = await session.run({ input_ids: idsTensor(c.ids) });
    const logits = out.logits.data as Float32Array;
    expect(out.logits.dims).toEqual([1, c.ids.length, c.vocab_size]);
    const reference = readReferenceLogits(entry, c);
    c.logits_rows.forEach((row, k) => {
      const got = logits.subarray(row * c.vocab_size, (row + 1) * c.vocab_size);
      expect(maxAbsDiff(got, reference[k]), `row ${row}`).toBeLessThanOrEqual(2e-4);
    });
    // Layer 0, head 0, the last query's attention over all keys (the reference is rounded to 6 decimals).
    const pattern = out[activationNames.pattern(0)];
    const t = c.ids.length;
    expect(pattern.dims).toEqual([1, prepared.get(id)!.manifest.heads, t, t]);
    const lastRow = (pattern.data as Float32Array).subarray((t - 1) * t, t * t);
    expect(maxAbsDiff(lastRow, c.layer0_head0_pattern_last_row)).toBeLessThanOrEqual(2e-6);
    // The residual stream after the last block has the model's width at every position.
    const layers = prepared.get(id)!.manifest.layers;
    expect(out[activationNames.residPost(layers - 1)].dims).toEqual([1, t, prepared.get(id)!.manifest.width]);
  });
});

describe("checkpoint formats", () => {
  it("pytorch_model.bin and model.safetensors of tiny-random-gpt-neo give identical graphs and logits", async () => {
    const folder = path.join(sharedModelsDir, "tiny-random-gpt-neo");
    const config = parseGptNeoConfig(fs.readFileSync(path.join(folder, "config.json"), "utf8"), { file: "config.json" });
    const fromBin = await readCheckpoint(folder, { prefer: "bin" });
    const fromSafetensors = await readCheckpoint(folder, { prefer: "safetensors" });
    expect(fromBin.format).toBe("pytorch");
    expect(fromSafetensors.format).toBe("safetensors");
    const options = { head: "logits", internals: false } as const;
    const a = exportGptNeoOnnx(config, fromBin.stateDict, options);
    const b = exportGptNeoOnnx(config, fromSafetensors.stateDict, options);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const ids = readReference(sharedModelEntries().find((e) => e.id === "tiny-random-gpt-neo")!)[3].ids;
    const [sa, sb] = await Promise.all([ort.InferenceSession.create(a), ort.InferenceSession.create(b)]);
    const [la, lb] = await Promise.all([sa.run({ input_ids: idsTensor(ids) }), sb.run({ input_ids: idsTensor(ids) })]);
    expect(maxAbsDiff(la.logits.data as Float32Array, lb.logits.data as Float32Array)).toBe(0);
  });
});
