// Per-token log-probabilities of a text, and the top tokens at each position: `atlas logprobs`.
import type { LoadedModel } from "./loadModel.ts";

export interface TokenChoice {
  id: number;
  text: string;
  logprob: number;
}

export interface TextLogprobs {
  model: string;
  ids: number[];
  /** tokens[i].logprob = log p(ids[i] | ids[0..i-1]) (null for i = 0); top: the 5 most likely there. */
  tokens: Array<{ id: number; text: string; logprob: number | null; top: TokenChoice[] }>;
  /** The 5 most likely tokens after the whole text. */
  next: TokenChoice[];
}

export async function textLogprobs(model: LoadedModel, text: string): Promise<TextLogprobs> {
  const { tokenizer } = model;
  const ids = tokenizer.encode(text);
  model.checkLength(ids, "the text");
  // Position i predicts ids[i + 1]; the last position's target is unused (any id will do).
  const targets = ids.map((_, i) => [ids[i + 1] ?? ids[i]]);
  const [scored] = await model.scorer.score([{ ids, targets }]);
  const topAt = (position: number): TokenChoice[] =>
    Array.from({ length: scored.topK }, (_, j) => {
      const id = scored.topIds[position * scored.topK + j];
      return { id, text: tokenizer.tokenText(id), logprob: scored.topLogprobs[position * scored.topK + j] };
    });
  return {
    model: model.prepared.entry.id,
    ids,
    tokens: ids.map((id, i) => ({
      id,
      text: tokenizer.tokenText(id),
      logprob: i === 0 ? null : scored.targetLogprobs[i - 1],
      top: i === 0 ? [] : topAt(i - 1),
    })),
    next: topAt(ids.length - 1),
  };
}
