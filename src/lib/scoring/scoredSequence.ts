// What a scorer is asked and what it answers, position by position: shared by the ONNX scoring session and
// the baselines, with no dependencies.

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

/** A scored sequence of n positions, all zero, to be filled. */
export function emptyScoredSequence(n: number, k: number, topK: number): ScoredSequence {
  return {
    targetLogprobs: new Float32Array(n * k),
    targetLogits: new Float32Array(n * k),
    targetRanks: new Int32Array(n * k),
    topLogprobs: new Float32Array(n * topK),
    topIds: new Int32Array(n * topK),
    k,
    topK,
  };
}
