// A model or baseline opened for scoring, with what result files record about it.
import type { Tokenizer } from "../models/tokenizer.ts";
import type { ScorerInfo } from "../results/resultSchema.ts";
import type { NextTokenScorer } from "../scoring/nextTokenScorer.ts";
import type { BatchOptions } from "../scoring/scoreItems.ts";

/** What result files record about a scorer, and its cache key: known without loading it. */
export interface ScorerDescription {
  info: ScorerInfo;
  /** Weights sha256 (models) or fingerprint (baselines): the score cache's key. */
  fingerprint: string;
}

export interface ScorerHandle extends ScorerDescription {
  scorer: NextTokenScorer;
  tokenizer: Tokenizer;
  batch: BatchOptions;
  release(): Promise<void>;
}

/**
 * Describes a scorer cheaply and opens it only when some item needs scoring; one that fails is reported
 * and the others still run.
 */
export interface ScorerFactory {
  id: string;
  describe(): Promise<ScorerDescription>;
  open(): Promise<ScorerHandle>;
}
