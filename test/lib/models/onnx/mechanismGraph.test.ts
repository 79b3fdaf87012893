// The mechanism graph's internals against PyTorch's reference, an independent float64 forward pass, and
// each other: increments sum to the residual stream, heads sum to the attention output, a head_mask of
// ones changes nothing, and zeroing every head of a layer equals removing that layer's attention.
import fs from "node:fs";
import path from "node:path";
import * as ort from "onnxruntime-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseGptNeoConfig, type GptNeoConfig } from "../../../../src/lib/models/gptNeoConfig.ts";
import { activationNames, headMaskInput } from "../../../../src/lib/models/onnx/activationNames.ts";
import { preparedFiles } from "../../../../src/lib/models/preparedManifest.ts";
import { prepareModel } from "../../../../src/lib/models/prepareModel.ts";
import { readCheckpoint } from "../../../../src/lib/models/readCheckpoint.ts";
import { folderModel } from "../../../../src/lib/models/modelSet.ts";
import { type StateDict, asFloat32 } from "../../../../src/lib/models/tensor.ts";
import { maxAbsDiff, readReference, readReferenceLogits, sharedModelsDir, tempContext } from "../../../sharedModels.ts";
import { referenceForward } from "../referenceForward.ts";

const folder = path.join(sharedModelsDir, "tiny-random-gpt-neo");
const entry = folderModel(folder);
const ctx = tempContext();
let session: ort.InferenceSession;
let scorer: ort.InferenceSession;
let config: GptNeoConfig;
let sd: StateDict;
const reference = readReference(entry)[0]; // 22 tokens
const ids = reference.ids;
const T = ids.length;

beforeAll(async () => {
  const prepared = await prepareModel(entry, ctx);
  session = await ort.InferenceSession.create(path.join(prepared.dir, preparedFiles.onnxMechanism));
  scorer = await ort.InferenceSession.create(path.join(prepared.dir, preparedFiles.onnxScorer));
  config = parseGptNeoConfig(fs.readFileSync(path.join(folder, "config.json"), "utf8"), { file: "config.json" });
  sd = (await readCheckpoint(folder)).stateDict;
});
afterAll(async () => {
  await session.release();
  await scorer.release();
  ctx.cleanup();
});

function feeds(mask?: number[][]) {
  const L = config.num_layers;
  const H = config.num_heads;
  const headMask = Float32Array.from({ length: L * H }, (_, i) => mask?.[Math.floor(i / H)]?.[i % H] ?? 1);
  return {
    input_ids: new ort.Tensor("int64", BigInt64Array.from(ids, BigInt), [1, T]),
    positions: new ort.Tensor("int64", BigInt64Array.from({ length: T }, (_, i) => BigInt(i)), [1, T]),
    targets: new ort.Tensor("int64", BigInt64Array.from(ids, (_, i) => BigInt(ids[i + 1] ?? 0)), [1, T, 1]),
    [headMaskInput]: new ort.Tensor("float32", headMask, [L, H]),
  };
}

const data = (out: ort.InferenceSession.OnnxValueMapType, name: string) => out[name].data as Float32Array;

describe("the mechanism graph of tiny-random-gpt-neo", () => {
  it("with a head_mask of ones, scores exactly as the scoring graph, and matches PyTorch's log-probabilities", async () => {
    const out = await session.run(feeds());
    const { head_mask: _, ...scorerFeeds } = feeds();
    const plain = await scorer.run(scorerFeeds);
    expect(maxAbsDiff(data(out, "target_logprobs"), data(plain, "target_logprobs"))).toBe(0);
    expect(Array.from(out.top_ids.data as BigInt64Array)).toEqual(Array.from(plain.top_ids.data as BigInt64Array));
    expect(maxAbsDiff(data(out, "target_logprobs").slice(0, T - 1), reference.next_token_logprob)).toBeLessThanOrEqual(2e-4);
    const pattern = data(out, activationNames.pattern(0));
    expect(maxAbsDiff(pattern.subarray((T - 1) * T, T * T), reference.layer0_head0_pattern_last_row)).toBeLessThanOrEqual(2e-6);
  });

  it("has residual increments that sum to the residual stream, and heads that sum to the attention output", async () => {
    const out = await session.run(feeds());
    const d = config.hidden_size;
    const H = config.num_heads;
    const hd = d / H;
    let before = data(out, activationNames.residPre0);
    for (let l = 0; l < config.num_layers; l++) {
      const attn = data(out, activationNames.attnOut(l));
      const mlp = data(out, activationNames.mlpOut(l));
      const after = data(out, activationNames.residPost(l));
      const summed = before.map((x, i) => x + attn[i] + mlp[i]);
      expect(maxAbsDiff(summed, after), `layer ${l}`).toBeLessThanOrEqual(1e-4);
      // attn_out = sum over heads of z_h W_O[:, h] + b_O, with W_O stored [out, in].
      const z = data(out, activationNames.z(l));
      const wO = asFloat32(sd.get(`transformer.h.${l}.attn.attention.out_proj.weight`)!);
      const bO = asFloat32(sd.get(`transformer.h.${l}.attn.attention.out_proj.bias`)!);
      const fromHeads = new Float64Array(T * d);
      for (let t = 0; t < T; t++) {
        for (let o = 0; o < d; o++) {
          let s = bO[o];
          for (let h = 0; h < H; h++) for (let c = 0; c < hd; c++) s += wO[o * d + h * hd + c] * z[(t * H + h) * hd + c];
          fromHeads[t * d + o] = s;
        }
      }
      expect(maxAbsDiff(fromHeads, attn), `layer ${l} heads`).toBeLessThanOrEqual(1e-4);
      // MLP neurons: mlp_out = W_out gelu(...) + b_out.
      const post = data(out, activationNames.mlpPost(l));
      const wP = asFloat32(sd.get(`transformer.h.${l}.mlp.c_proj.weight`)!);
      const bP = asFloat32(sd.get(`transformer.h.${l}.mlp.c_proj.bias`)!);
      const m = 4 * d;
      const fromNeurons = Float64Array.from({ length: T * d }, (_, i) => {
        const t = Math.floor(i / d);
        const o = i % d;
        let s = bP[o];
        for (let n = 0; n < m; n++) s += wP[o * m + n] * post[t * m + n];
        return s;
      });
      expect(maxAbsDiff(fromNeurons, mlp), `layer ${l} neurons`).toBeLessThanOrEqual(1e-4);
      before = after;
    }
  });

  it("reads the logit lens of the last block as the model's own prediction", async () => {
    const out = await session.run(feeds());
    const last = activationNames.lens(config.num_layers - 1);
    expect(maxAbsDiff(data(out, `${last}target_logprobs`), data(out, "target_logprobs"))).toBe(0);
    // An earlier block's lens differs (the second block changes the prediction).
    expect(maxAbsDiff(data(out, `${activationNames.lens(0)}target_logprobs`), data(out, "target_logprobs"))).toBeGreaterThan(1e-3);
  });

  it("is reproduced by an independent float64 forward pass, which matches PyTorch", async () => {
    const ref = referenceForward(config, sd, ids);
    const torch = readReferenceLogits(entry, reference);
    reference.logits_rows.forEach((row, k) => expect(maxAbsDiff(ref.logits[row], torch[k]), `row ${row}`).toBeLessThanOrEqual(1e-4));
  });

  it("ablating every head of a layer changes logits exactly as removing that layer's attention in the reference", async () => {
    for (let l = 0; l < config.num_layers; l++) {
      const mask = Array.from({ length: config.num_layers }, (_, i) => Array.from({ length: config.num_heads }, () => (i === l ? 0 : 1)));
      const out = await session.run(feeds(mask));
      const ref = referenceForward(config, sd, ids, { attentionOff: new Set([l]) });
      const lp = data(out, "target_logprobs");
      for (let t = 0; t < T - 1; t++) {
        const row = ref.logits[t];
        const max = Math.max(...row);
        const lse = max + Math.log(row.reduce((s, x) => s + Math.exp(x - max), 0));
        expect(Math.abs(lp[t] - (row[ids[t + 1]] - lse)), `layer ${l} position ${t}`).toBeLessThanOrEqual(2e-4);
      }
      // With the heads gone, the attention output is the output projection's bias alone.
      const attn = data(out, activationNames.attnOut(l));
      const bias = asFloat32(sd.get(`transformer.h.${l}.attn.attention.out_proj.bias`)!);
      expect(maxAbsDiff(attn.subarray(0, config.hidden_size), bias)).toBeLessThanOrEqual(1e-6);
      // And it really changed something.
      expect(maxAbsDiff(lp, data(await session.run(feeds()), "target_logprobs"))).toBeGreaterThan(1e-2);
    }
  });

  it("scales one head as the reference does", async () => {
    const mask = [
      [1, 0.5, 1, 1],
      [1, 1, 0, 1],
    ];
    const out = await session.run(feeds(mask));
    const ref = referenceForward(config, sd, ids, { headScale: mask });
    const lp = data(out, "target_logprobs");
    const row = ref.logits[5];
    const max = Math.max(...row);
    const lse = max + Math.log(row.reduce((s, x) => s + Math.exp(x - max), 0));
    expect(Math.abs(lp[5] - (row[ids[6]] - lse))).toBeLessThanOrEqual(2e-4);
  });
});
