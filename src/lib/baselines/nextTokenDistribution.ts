// What a baseline is to the scorer: for each position of a sequence, a full probability distribution over
// the next token. n-gram models look at the last one or two ids; the copy rule keeps state along the
// sequence, hence a filler per sequence.
import type { KneserNeyModel } from "./kneserNey.ts";

/** Writes p(next token = c | ids[0..i]) into out[c] for every id c; out has vocabSize entries. */
export type PositionFiller = (i: number, out: Float64Array) => void;

export interface NextTokenDistribution {
  readonly vocabSize: number;
  /** A filler for one sequence (positions may be asked in any order). */
  forSequence(ids: readonly number[]): PositionFiller;
}

/**
 * An n-gram model read along a sequence. A sequence is taken to start a text, as a prompt does: position 0
 * of a trigram sees the boundary id as the id before ids[0], as the first token of a training story does.
 */
export function ngramDistribution(model: KneserNeyModel): NextTokenDistribution {
  return {
    vocabSize: model.vocabSize,
    forSequence: (ids) => (i, out) => model.fill(out, i > 0 ? ids[i - 1] : model.boundaryId, ids[i]),
  };
}
