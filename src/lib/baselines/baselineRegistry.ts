// The baselines, by id: what each is, what a transformer would need to do the same, how to build it from
// counts, and a fingerprint that stands where a model's weights hash stands (caches, provenance).
import { sha256 } from "../io/hashCache.ts";
import type { NextTokenScorer } from "../scoring/nextTokenScorer.ts";
import { COPY_LAMBDA, copyRuleDistribution } from "./copyRule.ts";
import { KneserNeyModel, type NgramOrder } from "./kneserNey.ts";
import type { NgramCounts } from "./ngramCounts.ts";
import { distributionScorer } from "./ngramScorer.ts";
import { ngramDistribution, type NextTokenDistribution } from "./nextTokenDistribution.ts";

/** Bumped whenever a baseline's definition or computation changes: fingerprints, and so caches, change. */
export const BASELINE_VERSION = "1";

export const BASELINE_IDS = ["unigram", "bigram", "trigram", "copy"] as const;
export type BaselineId = (typeof BASELINE_IDS)[number];

export interface BaselineEntry {
  id: BaselineId;
  title: string;
  /** One line: what it is. */
  description: string;
  /** One line: what a transformer would need to do the same. */
  needs: string;
  /** Everything that determines it besides the training text and tokenizer; part of the fingerprint. */
  params: Record<string, string | number>;
  build(counts: NgramCounts): NextTokenDistribution;
}

const smoothing = "interpolated modified Kneser-Ney (3 discounts per order from count-of-counts), lowest order interpolated with uniform";
const boundaries = "<|endoftext|> before and after each story; a sequence is read as starting a story";
const kneserNey = (order: NgramOrder) => (counts: NgramCounts) => ngramDistribution(new KneserNeyModel(counts, order));

export const BASELINES: Record<BaselineId, BaselineEntry> = {
  unigram: {
    id: "unigram",
    title: "Unigram",
    description: "token frequencies of the training text, ignoring the context (absolute discounting, interpolated with uniform)",
    needs: "no context at all: a constant bias on the logits",
    params: { order: 1, smoothing: "absolute discounting of raw counts (3 discounts from count-of-counts), interpolated with uniform", boundaries },
    build: kneserNey(1),
  },
  bigram: {
    id: "bigram",
    title: "Bigram (Kneser-Ney)",
    description: "the next token given the current token, from bigram counts with Kneser-Ney smoothing",
    needs: "the direct path from the current token's embedding to the unembedding, no attention",
    params: { order: 2, smoothing, boundaries },
    build: kneserNey(2),
  },
  trigram: {
    id: "trigram",
    title: "Trigram (Kneser-Ney)",
    description: "the next token given the last two tokens, from trigram counts with Kneser-Ney smoothing",
    needs: "a previous-token attention head feeding the MLP/unembedding, plus the direct path",
    params: { order: 3, smoothing, boundaries },
    build: kneserNey(3),
  },
  copy: {
    id: "copy",
    title: "Copy rule",
    description: `what followed the last earlier occurrence of the current token (weight ${COPY_LAMBDA}), over the Kneser-Ney bigram`,
    needs: "an induction-like head: a previous-token head composed with one that attends to the token after an earlier copy",
    params: { rule: "copy successor of latest earlier occurrence", lambda: COPY_LAMBDA, fallback: "bigram", order: 2, smoothing, boundaries },
    build: (counts) => copyRuleDistribution(kneserNey(2)(counts), COPY_LAMBDA),
  },
};

export function isBaselineId(id: string): id is BaselineId {
  return (BASELINE_IDS as readonly string[]).includes(id);
}

export function baselineEntry(id: string): BaselineEntry {
  if (!isBaselineId(id)) throw new Error(`unknown baseline ${JSON.stringify(id)}; known: ${BASELINE_IDS.join(", ")}`);
  return BASELINES[id];
}

/** What the fingerprint covers besides the baseline itself. */
export interface TrainingIdentity {
  /** sha256 of the training stories (trainingText.ts). */
  textSha256: string;
  /** trainingTokens.ts tokenizerFingerprint. */
  tokenizerFingerprint: string;
}

/** sha256 over BASELINE_VERSION, the baseline's id and parameters, and the training text and tokenizer. */
export function baselineFingerprint(id: BaselineId, training: TrainingIdentity): string {
  const { params } = BASELINES[id];
  return sha256(
    JSON.stringify({
      version: BASELINE_VERSION,
      id,
      params,
      textSha256: training.textSha256,
      tokenizer: training.tokenizerFingerprint,
    }),
  );
}

/** A baseline as a NextTokenScorer, over counts already made. */
export function baselineScorer(id: BaselineId, counts: NgramCounts): NextTokenScorer {
  return distributionScorer(id, BASELINES[id].build(counts));
}
