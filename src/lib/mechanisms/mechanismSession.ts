// The mechanism graph (onnx/mechanism.onnx) in Node: batches of sequences padded on the right, a head mask
// per run, and only the outputs asked for copied back, as plain typed arrays with their dims.
import * as ort from "onnxruntime-node";
import { headMaskInput } from "../models/onnx/activationNames.ts";
import { scoringPositionsInput, scoringTargetsInput } from "../models/onnx/scoringHead.ts";
import { END_OF_TEXT_ID } from "../models/endOfText.ts";

export interface MechanismRequest {
  ids: number[];
  /** Positions to score (logit lens and scores); at least one. */
  positions: number[];
  /** targets[j] = the ids to score at positions[j]; the same length k for all requests of a run. */
  targets: number[][];
}

export interface OutputTensor {
  dims: number[];
  data: Float32Array | BigInt64Array;
}

export class MechanismSession {
  private constructor(
    private readonly session: ort.InferenceSession,
    /** [layers, heads]. */
    readonly maskShape: [number, number],
    private readonly padId: number,
  ) {}

  /** From the graph's file, or its bytes when the caller has read them already. */
  static async create(file: string | Uint8Array, maskShape: [number, number], padId = END_OF_TEXT_ID): Promise<MechanismSession> {
    const options: ort.InferenceSession.SessionOptions = { graphOptimizationLevel: "all" };
    const session = typeof file === "string" ? await ort.InferenceSession.create(file, options) : await ort.InferenceSession.create(file, options);
    return new MechanismSession(session, maskShape, padId);
  }

  get outputNames(): readonly string[] {
    return this.session.outputNames;
  }

  /**
   * One forward pass over the batch. `headMask` is [layers * heads] (default all ones). Sequence outputs
   * have the batch's longest length: rows past a request's own length are padding.
   */
  async run(batch: MechanismRequest[], fetch: string[], headMask?: Float32Array): Promise<Record<string, OutputTensor>> {
    const seq = Math.max(...batch.map((r) => r.ids.length));
    const width = Math.max(...batch.map((r) => r.positions.length));
    const k = batch[0].targets[0].length;
    const ids = new BigInt64Array(batch.length * seq).fill(BigInt(this.padId));
    const positions = new BigInt64Array(batch.length * width);
    const targets = new BigInt64Array(batch.length * width * k);
    batch.forEach((r, b) => {
      r.ids.forEach((id, t) => (ids[b * seq + t] = BigInt(id)));
      for (let j = 0; j < width; j++) {
        // Shorter position lists repeat their last entry; those rows are computed and ignored.
        const at = Math.min(j, r.positions.length - 1);
        positions[b * width + j] = BigInt(r.positions[at]);
        r.targets[at].forEach((t, i) => (targets[(b * width + j) * k + i] = BigInt(t)));
      }
    });
    const [layers, heads] = this.maskShape;
    const mask = headMask ?? new Float32Array(layers * heads).fill(1);
    const out = await this.session.run(
      {
        input_ids: new ort.Tensor("int64", ids, [batch.length, seq]),
        [scoringPositionsInput]: new ort.Tensor("int64", positions, [batch.length, width]),
        [scoringTargetsInput]: new ort.Tensor("int64", targets, [batch.length, width, k]),
        [headMaskInput]: new ort.Tensor("float32", mask, [layers, heads]),
      },
      fetch,
    );
    return Object.fromEntries(fetch.map((name) => [name, { dims: out[name].dims as number[], data: out[name].data as Float32Array | BigInt64Array }]));
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
