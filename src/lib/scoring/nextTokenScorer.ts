// What models and baselines have in common: given token ids, a distribution over the next token at every
// position, reduced to what the metrics need. Models run the ONNX scoring graph; baselines compute
// log-probabilities directly and use them as logits (only differences of logits enter the metrics).
import type { ScoredSequence, ScoringRequest } from "./scoredSequence.ts";

export type { ScoredSequence, ScoringRequest } from "./scoredSequence.ts";

export interface NextTokenScorer {
  /** Registry id of the model or baseline. */
  readonly id: string;
  /** Scores a batch; one result per request, trimmed to the request's length. */
  score(requests: ScoringRequest[]): Promise<ScoredSequence[]>;
}
