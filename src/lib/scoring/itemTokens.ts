// The tokens of an item's answer: tokenize prompt and prompt+answer whole, and take what follows the
// prompt's own tokens. Where the prompt's tokens are not a prefix (BPE merged across the boundary), the
// item cannot be scored as written: it is reported and skipped, never silently scored.
import type { Tokenizer } from "../models/tokenizer.ts";

export interface ItemText {
  prompt: string;
  answer: string;
  wrong?: string;
}

export type ItemTokens =
  | { ok: true; promptIds: number[]; answerIds: number[]; wrongIds: number[] | null }
  | { ok: false; reason: string };

export function itemTokens(tokenizer: Tokenizer, item: ItemText): ItemTokens {
  const promptIds = tokenizer.encode(item.prompt);
  const continuation = (text: string, field: "answer" | "wrong"): number[] | string => {
    const whole = tokenizer.encode(item.prompt + text);
    const prefixOk = promptIds.every((id, i) => whole[i] === id);
    if (!prefixOk || whole.length <= promptIds.length) {
      const at = promptIds.findIndex((id, i) => whole[i] !== id);
      const show = (ids: number[]) => JSON.stringify(ids.map((id) => tokenizer.tokenText(id)));
      return (
        `the prompt's tokens are not a prefix of prompt + ${field}: ` +
        `${show(promptIds.slice(Math.max(0, at) - 1))} vs ${show(whole.slice(Math.max(0, at) - 1))}`
      );
    }
    return whole.slice(promptIds.length);
  };
  if (promptIds.length === 0) return { ok: false, reason: "the prompt has no tokens" };
  const answerIds = continuation(item.answer, "answer");
  if (typeof answerIds === "string") return { ok: false, reason: answerIds };
  let wrongIds: number[] | null = null;
  if (item.wrong !== undefined) {
    const w = continuation(item.wrong, "wrong");
    if (typeof w === "string") return { ok: false, reason: w };
    if (w[0] === answerIds[0]) return { ok: false, reason: "answer and wrong start with the same token" };
    wrongIds = w;
  }
  return { ok: true, promptIds, answerIds, wrongIds };
}
