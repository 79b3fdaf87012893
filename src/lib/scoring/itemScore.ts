// Per-item metrics (seed 003, step 3), computed from one scored sequence:
//   p_first    = p(first answer token | prompt)
//   p_answer   = product of the answer tokens' probabilities, each given prompt + earlier answer tokens
//   rank       = 1 + number of vocabulary tokens with a larger logit than the first answer token
//   logit_diff = logit(first answer token) - logit(first wrong token)        (null without a wrong answer)
//   top5       = the five most likely next tokens after the prompt, with probabilities
import { z } from "zod";
import type { ScoredSequence, ScoringRequest } from "./nextTokenScorer.ts";

/** Bumped whenever a metric's definition or its computation changes: cached scores are then recomputed. */
export const SCORER_VERSION = "2";

export const tokenChoiceSchema = z.object({
  /** Token id. */
  id: z.number().int(),
  /** Its text, e.g. " Lily". */
  text: z.string(),
  /** Its probability. */
  p: z.number(),
});

export const itemScoreSchema = z.object({
  /** p(first answer token | prompt). */
  p_first: z.number(),
  /** Product of the answer tokens' conditional probabilities. */
  p_answer: z.number(),
  /** 1 + number of tokens with a strictly larger logit than the first answer token. */
  rank: z.number().int().positive(),
  /** logit(first answer token) - logit(first wrong token); null where the item has no wrong answer. */
  logit_diff: z.number().nullable(),
  /** p(first wrong token | prompt); null without a wrong answer. */
  p_wrong: z.number().nullable(),
  /** Token ids of the answer (after the prompt's tokens). */
  answer_ids: z.array(z.number().int()),
  /** Token ids of the wrong answer, or null. */
  wrong_ids: z.array(z.number().int()).nullable(),
  /** The five most likely next tokens after the prompt. */
  top5: z.array(tokenChoiceSchema),
});
export type ItemScore = z.infer<typeof itemScoreSchema>;

/** The sequence to run for an item: prompt + all but the last answer token, 2 targets per position. */
export function itemRequest(promptIds: number[], answerIds: number[], wrongIds: number[] | null): ScoringRequest {
  const ids = [...promptIds, ...answerIds.slice(0, -1)];
  const first = promptIds.length - 1;
  const targets = ids.map((id, i) => {
    const j = i - first;
    if (j < 0) return [ids[i + 1], ids[i + 1]]; // prompt positions: not used by the metrics
    return [answerIds[j], j === 0 && wrongIds ? wrongIds[0] : answerIds[j]];
  });
  return { ids, targets, scoreFrom: first };
}

export function itemScore(
  scored: ScoredSequence,
  promptIds: number[],
  answerIds: number[],
  wrongIds: number[] | null,
  tokenText: (id: number) => string,
): ItemScore {
  const { k, topK } = scored;
  const first = promptIds.length - 1;
  let logAnswer = 0;
  for (let j = 0; j < answerIds.length; j++) logAnswer += scored.targetLogprobs[(first + j) * k];
  const at = first * k;
  return {
    p_first: Math.exp(scored.targetLogprobs[at]),
    p_answer: Math.exp(logAnswer),
    rank: scored.targetRanks[at],
    logit_diff: wrongIds ? scored.targetLogits[at] - scored.targetLogits[at + 1] : null,
    p_wrong: wrongIds ? Math.exp(scored.targetLogprobs[at + 1]) : null,
    answer_ids: answerIds,
    wrong_ids: wrongIds,
    top5: Array.from({ length: Math.min(5, topK) }, (_, j) => {
      const id = scored.topIds[first * topK + j];
      return { id, text: tokenText(id), p: Math.exp(scored.topLogprobs[first * topK + j]) };
    }),
  };
}
