// The head-ablation sweep's sessions: one pruned graph per block (prunedGraph.ts) that starts from the
// clean residual stream entering that block and outputs only the final residual stream. Zeroing a head of
// block L leaves blocks 0..L-1 as they were, so they are not recomputed.
import * as ort from "onnxruntime-node";
import { activationNames, headMaskInput } from "../models/onnx/activationNames.ts";
import { prunedGraph, residInInput } from "./prunedGraph.ts";
import { END_OF_TEXT_ID } from "../models/endOfText.ts";

export class AblationSessions {
  private readonly sessions = new Map<number, Promise<ort.InferenceSession>>();
  /** Forward passes run so far. */
  runs = 0;

  constructor(
    private readonly mechanismOnnx: Uint8Array,
    private readonly layers: number,
    private readonly heads: number,
  ) {}

  private session(fromLayer: number): Promise<ort.InferenceSession> {
    let s = this.sessions.get(fromLayer);
    if (!s) {
      const bytes = prunedGraph(this.mechanismOnnx, { outputs: [activationNames.residPost(this.layers - 1)], fromLayer });
      s = ort.InferenceSession.create(bytes, { graphOptimizationLevel: "all" });
      this.sessions.set(fromLayer, s);
    }
    return s;
  }

  /**
   * The final residual stream [batch, seq, d] with head (layer, head) zeroed. `ids` is the padded batch
   * [batch, seq]; `residIn` the clean run's residual stream after block layer - 1 (unused for layer 0).
   */
  async ablate(ids: ort.Tensor, layer: number, head: number, residIn: Float32Array | null, d: number): Promise<Float32Array> {
    const mask = new Float32Array(this.layers * this.heads).fill(1);
    mask[layer * this.heads + head] = 0;
    const feeds: Record<string, ort.Tensor> = { input_ids: ids, [headMaskInput]: new ort.Tensor("float32", mask, [this.layers, this.heads]) };
    if (layer > 0) {
      if (!residIn) throw new Error(`ablating a head of block ${layer} needs the residual stream entering it`);
      feeds[residInInput] = new ort.Tensor("float32", residIn, [residIn.length / d, d]);
    }
    const session = await this.session(layer);
    this.runs++;
    const out = await session.run(feeds);
    return out[activationNames.residPost(this.layers - 1)].data as Float32Array;
  }

  async release(): Promise<void> {
    for (const s of this.sessions.values()) await (await s).release();
    this.sessions.clear();
  }
}

/** input_ids for a batch, padded on the right to the longest sequence (as MechanismSession pads). */
export function paddedIds(batch: number[][], padId = END_OF_TEXT_ID): ort.Tensor {
  const seq = Math.max(...batch.map((ids) => ids.length));
  const data = new BigInt64Array(batch.length * seq).fill(BigInt(padId));
  batch.forEach((ids, b) => ids.forEach((id, t) => (data[b * seq + t] = BigInt(id))));
  return new ort.Tensor("int64", data, [batch.length, seq]);
}
