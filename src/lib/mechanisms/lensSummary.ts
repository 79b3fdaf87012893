// The logit lens at the answer position: the residual stream after each block read through the final
// LayerNorm and the unembedding (the graph's lens.<L>.* outputs), summarised over a task's items: the
// answer's mean log-probability, median rank, top-1 share and logit difference per block, and the tokens
// that most often come out on top.
import { mean, median } from "../scoring/aggregate.ts";

export interface LensBlock {
  /** log p of the answer's first token. */
  logprob: number;
  /** Its rank (1 = top). */
  rank: number;
  /** logit(answer) - logit(wrong), or null without a wrong answer. */
  logitDiff: number | null;
  /** The 5 most likely tokens, most likely first. */
  topIds: number[];
  /** Their log-probabilities. */
  topLogprobs: number[];
}

export interface LensBlockSummary {
  block: number;
  meanLogprob: number;
  medianRank: number;
  top1Share: number;
  /** Over the items with a wrong answer; null where none has one. */
  meanLogitDiff: number | null;
  /** Tokens most often top-1 at this block: id and number of items, most frequent first (ties: lower id). */
  topTokens: Array<{ id: number; items: number }>;
}

/** Top-1 tokens listed per block. */
export const LENS_TOP_TOKENS = 5;

/** perItem[i][block] -> one summary per block. */
export function summarizeLens(perItem: LensBlock[][]): LensBlockSummary[] {
  const blocks = perItem[0]?.length ?? 0;
  return Array.from({ length: blocks }, (_, b) => {
    const at = perItem.map((item) => item[b]);
    const diffs = at.flatMap((x) => (x.logitDiff === null ? [] : [x.logitDiff]));
    const counts = new Map<number, number>();
    for (const x of at) counts.set(x.topIds[0], (counts.get(x.topIds[0]) ?? 0) + 1);
    return {
      block: b,
      meanLogprob: mean(at.map((x) => x.logprob)),
      medianRank: median(at.map((x) => x.rank)),
      top1Share: at.filter((x) => x.rank === 1).length / at.length,
      meanLogitDiff: diffs.length ? mean(diffs) : null,
      topTokens: [...counts]
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .slice(0, LENS_TOP_TOKENS)
        .map(([id, items]) => ({ id, items })),
    };
  });
}
