// Reductions of the logits computed inside the graph, so batch scoring never copies
// [batch, seq, vocab] floats out of onnxruntime: only what the metrics need leaves the session.
import type { OnnxGraph } from "./onnxGraph.ts";

/** Output names of the scoring graph. */
export const scoringOutputs = {
  /** Log-probabilities of the requested target ids [batch, p, k] (p: the requested positions). */
  targetLogprobs: "target_logprobs",
  /** Logits of the requested target ids [batch, p, k]. */
  targetLogits: "target_logits",
  /** 1 + number of vocabulary logits strictly larger than each target's logit [batch, p, k]. */
  targetRanks: "target_ranks",
  /** Log-probabilities of the k most likely tokens per position, largest first [batch, p, topk]. */
  topLogprobs: "top_logprobs",
  /** Their token ids [batch, p, topk]. */
  topIds: "top_ids",
} as const;

/** Input of the scoring graph: the positions to score in each sequence [batch, p] (pad by repeating one). */
export const scoringPositionsInput = "positions";

/** Input of the scoring graph: token ids to score at each requested position [batch, p, k]. */
export const scoringTargetsInput = "targets";

// ONNX TensorProto data types used by Cast (float counts are exact below 2^24, far above the vocabulary size).
const FLOAT = 1;
const INT64 = 7;

/**
 * The scoring outputs for `logits` [batch, p, vocab] and the targets input [batch, p, k]; `prefix` names a
 * second set of outputs over the same targets (the logit lens: "lens.<layer>.target_logprobs", ...).
 */
export function addScoringHead(g: OnnxGraph, logits: string, topK: number, targets: string, prefix = ""): void {
  const o = Object.fromEntries(Object.entries(scoringOutputs).map(([k, name]) => [k, prefix + name])) as Record<keyof typeof scoringOutputs, string>;
  // LogSoftmax (not ReduceLogSumExp, whose plain float32 sum over 50k terms is off by ~1e-3).
  const logprobs = g.op1("LogSoftmax", [logits], { axis: -1 }, "logprobs");
  g.rename(g.op1("GatherElements", [logprobs, targets], { axis: 2 }), o.targetLogprobs);
  const targetLogits = g.rename(g.op1("GatherElements", [logits, targets], { axis: 2 }), o.targetLogits);
  // rank - 1 = count over the vocabulary of logits > the target's: [b, t, 1, vocab] > [b, t, k, 1]
  const larger = g.op1("Greater", [g.op1("Unsqueeze", [logits, g.constInt64([2])]), g.op1("Unsqueeze", [targetLogits, g.constInt64([3])])]);
  const count = g.op1("ReduceSum", [g.op1("Cast", [larger], { to: FLOAT }), g.constInt64([3])], { keepdims: 0 });
  g.rename(g.op1("Cast", [g.op1("Add", [count, g.constFloat([1], true)])], { to: INT64 }), o.targetRanks);
  const [, indices] = g.op("TopK", [logits, g.constInt64([topK])], { axis: -1, largest: 1, sorted: 1 }, "topk", 2);
  g.rename(g.op1("GatherElements", [logprobs, indices], { axis: 2 }), o.topLogprobs);
  g.rename(indices, o.topIds);
  g.output(o.targetLogprobs, "float32", ["batch", "positions", "targets"]);
  g.output(o.targetLogits, "float32", ["batch", "positions", "targets"]);
  g.output(o.targetRanks, "int64", ["batch", "positions", "targets"]);
  g.output(o.topLogprobs, "float32", ["batch", "positions", topK]);
  g.output(o.topIds, "int64", ["batch", "positions", topK]);
}
