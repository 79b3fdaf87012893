// A model or baseline opened for scoring, with what result files record about it.
import type { Tokenizer } from "../models/tokenizer.ts";
import type { ScorerInfo } from "../results/resultSchema.ts";
import type { NextTokenScorer } from "../scoring/nextTokenScorer.ts";
import type { BatchOptions } from "../scoring/scoreItems.ts";

export interface ScorerHandle {
  info: ScorerInfo;
  /** Weights sha256 (models) or fingerprint (baselines): the score cache's key. */
  fingerprint: string;
  scorer: NextTokenScorer;
  tokenizer: Tokenizer;
  batch: BatchOptions;
  release(): Promise<void>;
}

/** Opens a scorer lazily, so one that fails to load is reported and the others still run. */
export interface ScorerFactory {
  id: string;
  open(): Promise<ScorerHandle>;
}
