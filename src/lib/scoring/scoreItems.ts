// Scores items with a model or baseline, several items per forward pass: items are sorted by length and
// packed into batches under a token budget, padded on the right (a causal model never attends to later
// positions, so padding changes nothing), so a task costs about its token count over the throughput.
import type { Tokenizer } from "../models/tokenizer.ts";
import type { ScoreEntry } from "../results/resultSchema.ts";
import { itemRequest, itemScore } from "./itemScore.ts";
import { type ItemText, itemTokens } from "./itemTokens.ts";
import type { NextTokenScorer } from "./nextTokenScorer.ts";

export interface BatchOptions {
  /** Most tokens (batch x longest sequence) in one forward pass. */
  tokenBudget: number;
  /** Most sequences in one forward pass. */
  maxBatch: number;
  /** Longest sequence the model reads. */
  maxPositions: number;
}

export const defaultBatchOptions: BatchOptions = { tokenBudget: 1024, maxBatch: 32, maxPositions: 2048 };

/**
 * Scores `items`, calling `onBatch` after every forward pass with the entries it produced (for the cache
 * and the progress bar). Skipped items (prompt not a token prefix, too long) get { skipped: reason }.
 */
export async function scoreItems<T extends ItemText>(
  scorer: NextTokenScorer,
  tokenizer: Tokenizer,
  items: T[],
  opts: BatchOptions,
  onBatch: (done: Array<[T, ScoreEntry]>) => void,
): Promise<void> {
  const ready: Array<{ item: T; promptIds: number[]; answerIds: number[]; wrongIds: number[] | null; length: number }> = [];
  const skipped: Array<[T, ScoreEntry]> = [];
  for (const item of items) {
    const tokens = itemTokens(tokenizer, item);
    if (!tokens.ok) {
      skipped.push([item, { skipped: tokens.reason }]);
      continue;
    }
    const length = tokens.promptIds.length + tokens.answerIds.length - 1;
    if (length > opts.maxPositions) {
      skipped.push([item, { skipped: `${length} tokens, more than the model's ${opts.maxPositions} positions` }]);
      continue;
    }
    ready.push({ item, ...tokens, length });
  }
  if (skipped.length) onBatch(skipped);
  ready.sort((a, b) => a.length - b.length);
  let start = 0;
  while (start < ready.length) {
    let end = start + 1;
    // Sorted by length, so the last item of a batch is its longest.
    while (end < ready.length && end - start < opts.maxBatch && (end - start + 1) * ready[end].length <= opts.tokenBudget) end++;
    const batch = ready.slice(start, end);
    const scored = await scorer.score(batch.map((r) => itemRequest(r.promptIds, r.answerIds, r.wrongIds)));
    onBatch(batch.map((r, i) => [r.item, itemScore(scored[i], r.promptIds, r.answerIds, r.wrongIds, (id) => tokenizer.tokenText(id))]));
    start = end;
  }
}
