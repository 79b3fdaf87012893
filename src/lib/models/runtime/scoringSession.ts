// Batch scoring in Node on onnxruntime-node: pads sequences on the right, runs the scoring graph, and
// hands back per-sequence arrays trimmed to each sequence's own length.
import * as ort from "onnxruntime-node";
import { scoringOutputs, scoringTargetsInput } from "../onnx/scoringHead.ts";

/** One sequence to score: its token ids and, per position, the ids whose logits and ranks are wanted. */
export interface ScoringRequest {
  ids: number[];
  /** targets[i] = ids to score at position i (the prediction after ids[0..i]); same length k for all. */
  targets: number[][];
  /** Positions before this one are not needed: a scorer may leave them zero (baselines skip them). */
  scoreFrom?: number;
}

/** Per position of one sequence, row-major: [position * k + j] and [position * topK + j]. */
export interface ScoredSequence {
  targetLogprobs: Float32Array; // [t * k]
  targetLogits: Float32Array; // [t * k]
  targetRanks: Int32Array; // [t * k]
  topLogprobs: Float32Array; // [t * topK]
  topIds: Int32Array; // [t * topK]
  k: number;
  topK: number;
}

export interface SessionOptions {
  /** Threads for one operator (default: onnxruntime's choice, the physical cores). */
  threads?: number;
}

export class ScoringSession {
  private constructor(
    private readonly session: ort.InferenceSession,
    /** Id used to pad shorter sequences on the right (causal: padding never affects earlier positions). */
    private readonly padId: number,
  ) {}

  static async create(model: Uint8Array | string, padId: number, opts: SessionOptions = {}): Promise<ScoringSession> {
    const options: ort.InferenceSession.SessionOptions = { graphOptimizationLevel: "all" };
    if (opts.threads) options.intraOpNumThreads = opts.threads;
    const session =
      typeof model === "string" ? await ort.InferenceSession.create(model, options) : await ort.InferenceSession.create(model, options);
    return new ScoringSession(session, padId);
  }

  /** Scores a batch in one forward pass. All requests must use the same number of targets per position. */
  async score(batch: ScoringRequest[]): Promise<ScoredSequence[]> {
    if (batch.length === 0) return [];
    const k = batch[0].targets[0]?.length ?? 1;
    const seq = Math.max(...batch.map((r) => r.ids.length));
    const ids = new BigInt64Array(batch.length * seq).fill(BigInt(this.padId));
    const targets = new BigInt64Array(batch.length * seq * k).fill(BigInt(this.padId));
    batch.forEach((r, b) => {
      if (r.targets.length !== r.ids.length) throw new Error(`request ${b}: ${r.targets.length} target rows for ${r.ids.length} ids`);
      r.ids.forEach((id, t) => {
        ids[b * seq + t] = BigInt(id);
        const row = r.targets[t];
        if (row.length !== k) throw new Error(`request ${b} position ${t}: ${row.length} targets, expected ${k}`);
        row.forEach((target, j) => (targets[(b * seq + t) * k + j] = BigInt(target)));
      });
    });
    const out = await this.session.run({
      input_ids: new ort.Tensor("int64", ids, [batch.length, seq]),
      [scoringTargetsInput]: new ort.Tensor("int64", targets, [batch.length, seq, k]),
    });
    const o = scoringOutputs;
    const tlp = out[o.targetLogprobs].data as Float32Array;
    const tl = out[o.targetLogits].data as Float32Array;
    const tr = out[o.targetRanks].data as BigInt64Array;
    const topL = out[o.topLogprobs].data as Float32Array;
    const topI = out[o.topIds].data as BigInt64Array;
    const topK = out[o.topLogprobs].dims[2];
    return batch.map((r, b) => {
      const n = r.ids.length;
      return {
        targetLogprobs: tlp.slice(b * seq * k, (b * seq + n) * k),
        targetLogits: tl.slice(b * seq * k, (b * seq + n) * k),
        targetRanks: Int32Array.from(tr.subarray(b * seq * k, (b * seq + n) * k), Number),
        topLogprobs: topL.slice(b * seq * topK, (b * seq + n) * topK),
        topIds: Int32Array.from(topI.subarray(b * seq * topK, (b * seq + n) * topK), Number),
        k,
        topK,
      };
    });
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
