// A baseline as a NextTokenScorer: per position, the baseline's full distribution is reduced to what the
// ONNX scoring head gives for a model: the targets' log-probabilities, logits and ranks, and the top K.
// A baseline's logits are its natural-log probabilities: only logit differences enter the metrics, and for
// a model those equal log-probability differences too.
//
// Ranks and the top K are taken on the probabilities (the dense array), and the log only of the few values
// reported: log is increasing, so the order is the same, and 50k logs a position are saved.
import type { NextTokenScorer, ScoredSequence, ScoringRequest } from "../scoring/nextTokenScorer.ts";
import type { NextTokenDistribution } from "./nextTokenDistribution.ts";
import { emptyScoredSequence } from "../scoring/scoredSequence.ts";

/** As the models' scoring graph. */
export const BASELINE_TOP_K = 5;

export function distributionScorer(id: string, dist: NextTokenDistribution, topK: number = BASELINE_TOP_K): NextTokenScorer {
  const probs = new Float64Array(dist.vocabSize);
  return {
    id,
    score: async (requests) => requests.map((r, b) => scoreSequence(dist, r, b, probs, topK)),
  };
}

function scoreSequence(dist: NextTokenDistribution, r: ScoringRequest, b: number, probs: Float64Array, topKWanted: number): ScoredSequence {
  const V = dist.vocabSize;
  const n = r.ids.length;
  if (r.targets.length !== n) throw new Error(`request ${b}: ${r.targets.length} target rows for ${n} ids`);
  const k = r.targets[0]?.length ?? 1;
  r.ids.forEach((id, t) => {
    if (!Number.isInteger(id) || id < 0 || id >= V) throw new Error(`request ${b} position ${t}: id ${id} outside the vocabulary of ${V}`);
    const row = r.targets[t];
    if (row.length !== k) throw new Error(`request ${b} position ${t}: ${row.length} targets, expected ${k}`);
    for (const target of row) {
      if (!Number.isInteger(target) || target < 0 || target >= V) {
        throw new Error(`request ${b} position ${t}: target ${target} outside the vocabulary of ${V}`);
      }
    }
  });
  const topK = Math.min(topKWanted, V);
  const out = emptyScoredSequence(n, k, topK);
  const fill = dist.forSequence(r.ids);
  const targetP = new Float64Array(k);
  const ranks = new Int32Array(k);
  const topP = new Float64Array(topK);
  const topIds = new Int32Array(topK);
  for (let t = r.scoreFrom ?? 0; t < n; t++) {
    fill(t, probs);
    const row = r.targets[t];
    for (let j = 0; j < k; j++) targetP[j] = probs[row[j]];
    rankAndTop(probs, targetP, ranks, topP, topIds);
    for (let j = 0; j < k; j++) {
      const logp = Math.log(targetP[j]);
      out.targetLogprobs[t * k + j] = logp;
      out.targetLogits[t * k + j] = logp;
      out.targetRanks[t * k + j] = ranks[j];
    }
    for (let j = 0; j < topK; j++) {
      out.topLogprobs[t * topK + j] = Math.log(topP[j]);
      out.topIds[t * topK + j] = topIds[j];
    }
  }
  return out;
}

/**
 * One pass over the vocabulary: ranks[j] = 1 + #{c : p[c] > targetP[j]} (strictly greater, so tied ids
 * share a rank), and the topP.length largest probabilities, descending, ties by lower id first (ids are
 * visited in ascending order and a newcomer goes after equal values).
 */
export function rankAndTop(p: Float64Array, targetP: Float64Array, ranks: Int32Array, topP: Float64Array, topIds: Int32Array): void {
  const k = targetP.length;
  const K = topP.length;
  ranks.fill(1);
  topP.fill(-Infinity);
  topIds.fill(-1);
  let threshold = -Infinity;
  const t0 = targetP[0];
  const t1 = k > 1 ? targetP[1] : Infinity;
  for (let c = 0; c < p.length; c++) {
    const v = p[c];
    // The usual k of 1 or 2 without an inner loop.
    if (v > t0) ranks[0]++;
    if (v > t1) ranks[1]++;
    for (let j = 2; j < k; j++) if (v > targetP[j]) ranks[j]++;
    if (v > threshold) {
      let at = K - 1;
      while (at > 0 && v > topP[at - 1]) {
        topP[at] = topP[at - 1];
        topIds[at] = topIds[at - 1];
        at--;
      }
      topP[at] = v;
      topIds[at] = c;
      threshold = topP[K - 1];
    }
  }
}
