// The numbers a probe shows, computed from one row of next-token logits exactly as the build defines them
// (src/lib/scoring/itemScore.ts): probabilities by softmax in float64, rank = 1 + the number of tokens
// with a strictly larger logit, and an answer's tokens = what follows the prompt's own tokens.

/** softmax in float64 (the logits are float32; summing 50k terms in float32 would cost digits). */
export function softmax64(logits: ArrayLike<number>): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) if (logits[i] > max) max = logits[i];
  const out = new Float64Array(logits.length);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) {
    const e = Math.exp(logits[i] - max);
    out[i] = e;
    sum += e;
  }
  for (let i = 0; i < out.length; i++) out[i] /= sum;
  return out;
}

/** 1 + the number of tokens with a strictly larger logit (1 = top). */
export function rankOf(logits: ArrayLike<number>, id: number): number {
  const x = logits[id];
  let larger = 0;
  for (let i = 0; i < logits.length; i++) if (logits[i] > x) larger++;
  return larger + 1;
}

/** The k most likely token ids, most likely first (ties: smaller id first). */
export function topK(probs: ArrayLike<number>, k: number): number[] {
  const best: number[] = [];
  for (let i = 0; i < probs.length; i++) {
    if (best.length === k && probs[i] <= probs[best[k - 1]]) continue;
    let at = best.length;
    while (at > 0 && probs[best[at - 1]] < probs[i]) at--;
    best.splice(at, 0, i);
    if (best.length > k) best.pop();
  }
  return best;
}

export type Continuation = { ok: true; ids: number[] } | { ok: false; reason: string };

/**
 * The tokens of `continuation` after `prompt`: tokenize prompt and prompt + continuation whole and take what
 * follows the prompt's tokens; when those are not a prefix (BPE merged across the boundary), say so.
 */
export function continuationIds(encode: (text: string) => number[], promptIds: number[], prompt: string, continuation: string): Continuation {
  if (continuation === "") return { ok: false, reason: "it is empty" };
  const whole = encode(prompt + continuation);
  const prefix = promptIds.every((id, i) => whole[i] === id);
  if (!prefix || whole.length <= promptIds.length) {
    return { ok: false, reason: "the prompt's tokens are not a prefix of the tokens of prompt + answer (the tokenizer merges across the boundary), so it has no first token of its own" };
  }
  return { ok: true, ids: whole.slice(promptIds.length) };
}

/** A probability as a plain decimal string (no exponent), with about 16 significant digits. */
export function decimalString(p: number): string {
  if (!Number.isFinite(p)) return String(p);
  if (p === 0) return "0";
  const digits = Math.min(100, Math.max(0, 16 - Math.floor(Math.log10(Math.abs(p)))));
  return p.toFixed(digits).replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");
}
