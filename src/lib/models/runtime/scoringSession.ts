// Batch scoring in Node on onnxruntime-node: pads sequences on the right, runs the scoring graph, and
// hands back per-sequence arrays trimmed to each sequence's own length.
import * as ort from "onnxruntime-node";
import { scoringOutputs, scoringPositionsInput, scoringTargetsInput } from "../onnx/scoringHead.ts";
import { type ScoredSequence, type ScoringRequest, emptyScoredSequence } from "../../scoring/scoredSequence.ts";

export type { ScoredSequence, ScoringRequest } from "../../scoring/scoredSequence.ts";

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

  /**
   * Scores a batch in one forward pass. All requests must use the same number of targets per position.
   * Only positions from each request's scoreFrom on are computed; earlier ones are returned as zeros.
   */
  async score(batch: ScoringRequest[]): Promise<ScoredSequence[]> {
    if (batch.length === 0) return [];
    const k = batch[0].targets[0]?.length ?? 1;
    const seq = Math.max(...batch.map((r) => r.ids.length));
    const from = batch.map((r) => Math.min(r.scoreFrom ?? 0, r.ids.length - 1));
    const width = Math.max(...batch.map((r, b) => r.ids.length - from[b]));
    const ids = new BigInt64Array(batch.length * seq).fill(BigInt(this.padId));
    const positions = new BigInt64Array(batch.length * width);
    const targets = new BigInt64Array(batch.length * width * k).fill(BigInt(this.padId));
    batch.forEach((r, b) => {
      if (r.targets.length !== r.ids.length) throw new Error(`request ${b}: ${r.targets.length} target rows for ${r.ids.length} ids`);
      r.ids.forEach((id, t) => (ids[b * seq + t] = BigInt(id)));
      for (let j = 0; j < width; j++) {
        // Shorter requests repeat their last position; those rows are computed and dropped.
        const t = Math.min(from[b] + j, r.ids.length - 1);
        positions[b * width + j] = BigInt(t);
        const row = r.targets[t];
        if (row.length !== k) throw new Error(`request ${b} position ${t}: ${row.length} targets, expected ${k}`);
        row.forEach((target, i) => (targets[(b * width + j) * k + i] = BigInt(target)));
      }
    });
    const out = await this.session.run({
      input_ids: new ort.Tensor("int64", ids, [batch.length, seq]),
      [scoringPositionsInput]: new ort.Tensor("int64", positions, [batch.length, width]),
      [scoringTargetsInput]: new ort.Tensor("int64", targets, [batch.length, width, k]),
    });
    const o = scoringOutputs;
    const topK = out[o.topLogprobs].dims[2] as number;
    return batch.map((r, b) => {
      const n = r.ids.length;
      const result = emptyScoredSequence(n, k, topK);
      const rows = n - from[b];
      const copy = (name: string, into: Float32Array | Int32Array, per: number) => {
        const data = out[name].data as Float32Array | BigInt64Array;
        const start = b * width * per;
        for (let i = 0; i < rows * per; i++) into[from[b] * per + i] = Number(data[start + i]);
      };
      copy(o.targetLogprobs, result.targetLogprobs, k);
      copy(o.targetLogits, result.targetLogits, k);
      copy(o.targetRanks, result.targetRanks, k);
      copy(o.topLogprobs, result.topLogprobs, topK);
      copy(o.topIds, result.topIds, topK);
      return result;
    });
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
