// Batch scoring of every task item against one forward pass per item: the same items, the same model,
// timed end to end (tokenizing, padding, the forward passes, the metrics).
import type { ScorerHandle } from "../data/scorerHandle.ts";
import { type BatchOptions, scoreItems } from "../scoring/scoreItems.ts";
import { itemTokens } from "../scoring/itemTokens.ts";
import type { Task } from "../tasks/taskSchema.ts";

export interface TaskScoringTiming {
  /** Items scored (excluding skipped ones). */
  items: number;
  /** Tokens the model had to read: the sum of the items' sequence lengths (no padding). */
  tokens: number;
  batchedSeconds: number;
  perItemSeconds: number;
  batchedTokensPerSecond: number;
  perItemTokensPerSecond: number;
}

export async function timeTaskScoring(handle: ScorerHandle, tasks: Task[], now: () => number = () => performance.now()): Promise<TaskScoringTiming> {
  const items = tasks.flatMap((t) => t.items);
  let tokens = 0;
  let scorable = 0;
  for (const item of items) {
    const t = itemTokens(handle.tokenizer, item);
    if (!t.ok) continue;
    scorable++;
    tokens += t.promptIds.length + t.answerIds.length - 1;
  }
  const run = async (batch: BatchOptions) => {
    const start = now();
    await scoreItems(handle.scorer, handle.tokenizer, items, batch, () => {});
    return (now() - start) / 1000;
  };
  await run({ ...handle.batch, maxBatch: 1 }); // warm-up: first-run allocations, thread pool
  const perItemSeconds = await run({ ...handle.batch, maxBatch: 1 });
  const batchedSeconds = await run(handle.batch);
  return {
    items: scorable,
    tokens,
    batchedSeconds,
    perItemSeconds,
    batchedTokensPerSecond: tokens / batchedSeconds,
    perItemTokensPerSecond: tokens / perItemSeconds,
  };
}
