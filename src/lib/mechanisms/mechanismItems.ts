// A task's items as the mechanism runs need them: the prompt's tokens (the final position q predicts the
// answer), the answer's and the wrong answer's first tokens; and batches of items of similar length, so
// that padding every sequence to the batch's longest wastes little (the ablation sweep runs each batch
// layers x heads times).
import type { Tokenizer } from "../models/tokenizer.ts";
import { itemTokens } from "../scoring/itemTokens.ts";
import type { TaskItem } from "../tasks/taskSchema.ts";

export interface MechanismItem {
  item: TaskItem;
  promptIds: number[];
  answer: number;
  wrong: number | null;
}

/** Padded tokens per batch (batch size x longest prompt): bounds memory of the attention patterns. */
export const BATCH_TOKENS = 2048;

export function mechanismItems(
  tokenizer: Tokenizer,
  items: TaskItem[],
  maxPositions: number,
): { ready: MechanismItem[]; skipped: Array<{ item: TaskItem; reason: string }> } {
  const ready: MechanismItem[] = [];
  const skipped: Array<{ item: TaskItem; reason: string }> = [];
  for (const item of items) {
    const t = itemTokens(tokenizer, item);
    if (!t.ok) skipped.push({ item, reason: t.reason });
    else if (t.promptIds.length > maxPositions) skipped.push({ item, reason: `the prompt has ${t.promptIds.length} tokens, more than the model's ${maxPositions} positions` });
    else ready.push({ item, promptIds: t.promptIds, answer: t.answerIds[0], wrong: t.wrongIds ? t.wrongIds[0] : null });
  }
  return { ready, skipped };
}

/** Items sorted by prompt length (stable), cut into batches of at most `budget` padded tokens. */
export function lengthBatches<T extends { promptIds: number[] }>(items: T[], budget = BATCH_TOKENS): T[][] {
  const sorted = items.map((x, i) => [x, i] as const).sort((a, b) => a[0].promptIds.length - b[0].promptIds.length || a[1] - b[1]);
  const batches: T[][] = [];
  let current: T[] = [];
  for (const [x] of sorted) {
    // Sorted ascending: x is the longest so far, so the padded size is (count + 1) * its length.
    if (current.length > 0 && (current.length + 1) * x.promptIds.length > budget) {
      batches.push(current);
      current = [];
    }
    current.push(x);
  }
  if (current.length) batches.push(current);
  return batches;
}
