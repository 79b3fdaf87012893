// From the environment to scorers: training text -> token ids (cached) -> n-gram counts -> each baseline.
// The counts are made once and shared by all baselines; fitting a Kneser-Ney model on them is quick.
import path from "node:path";
import type { NextTokenScorer } from "../scoring/nextTokenScorer.ts";
import type { Tokenizer } from "../models/tokenizer.ts";
import { baselineFingerprint, baselineScorer, type BaselineId, type TrainingIdentity } from "./baselineRegistry.ts";
import { countNgrams, type NgramCounts } from "./ngramCounts.ts";
import { loadTrainingText, type TrainingTextOptions } from "./trainingText.ts";
import { tokenizerFingerprint, trainingTokens } from "./trainingTokens.ts";

export interface BaselineTraining extends TrainingIdentity {
  source: string;
  stories: number;
  /** Tokens of the stories, boundaries not included. */
  tokens: number;
  /** For provenance: source, number of stories and of tokens. */
  description: string;
}

export interface FittedBaselines {
  training: BaselineTraining;
  counts: NgramCounts;
  fingerprint(id: BaselineId): string;
  scorer(id: BaselineId): NextTokenScorer;
}

export interface FitBaselinesOptions extends Omit<TrainingTextOptions, "cacheDir"> {
  tokenizer: Tokenizer;
  /** The atlas cache; the baselines use <cacheDir>/baselines. */
  cacheDir: string;
}

export async function fitBaselines(opts: FitBaselinesOptions): Promise<FittedBaselines> {
  const cache = path.join(opts.cacheDir, "baselines");
  const text = await loadTrainingText({ ...opts, cacheDir: path.join(cache, "hub") });
  const tokenizerId = tokenizerFingerprint(opts.tokenizer);
  const corpus = trainingTokens(text.stories, opts.tokenizer, {
    cacheDir: path.join(cache, "tokens"),
    textSha256: text.sha256,
    tokenizerFingerprint: tokenizerId,
  });
  const counts = countNgrams(corpus, { vocabSize: opts.tokenizer.vocabSize });
  const training: BaselineTraining = {
    textSha256: text.sha256,
    tokenizerFingerprint: tokenizerId,
    source: text.source,
    stories: text.stories.length,
    tokens: corpus.ids.length,
    description: `${text.description}: ${corpus.ids.length} tokens`,
  };
  return {
    training,
    counts,
    fingerprint: (id) => baselineFingerprint(id, training),
    scorer: (id) => baselineScorer(id, counts),
  };
}
