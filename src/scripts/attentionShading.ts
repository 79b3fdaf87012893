// How attention weights are shown as token shading, in the mechanism panel's attention view and in the
// probe's live view alike: one colour, opacity sqrt(weight) so that a diffuse head's small weights still
// show, and the weight itself in the token's title and data-weight.
import { el } from "./domElement.ts";
import { inlineTokenText, quotedTokenText } from "./tokenText.ts";

/** The accent colour (--accent) as r, g, b. */
export const ATTENTION_RGB = "43, 108, 176";

/** Opacity for a weight: sqrt of the weight clamped to [0, 1]. */
export function attentionAlpha(weight: number): number {
  if (!Number.isFinite(weight) || weight <= 0) return 0;
  return Math.sqrt(Math.min(1, weight));
}

export function attentionBackground(weight: number): string {
  return `rgba(${ATTENTION_RGB}, ${attentionAlpha(weight).toFixed(3)})`;
}

/** Dark shading needs light text. */
export function attentionTextColour(weight: number): string | null {
  return attentionAlpha(weight) > 0.6 ? "#ffffff" : null;
}

/**
 * One token of a row shaded by the attention it gets: newlines and tabs made visible, spaces kept
 * (white-space: pre), the weight in its title and data-weight.
 */
export function attentionTokenSpan(text: string, weight: number, className: string): HTMLSpanElement {
  const span = el("span", className, inlineTokenText(text));
  span.dataset.weight = String(weight);
  span.title = `${quotedTokenText(text)}: ${weight.toFixed(3)}`;
  span.style.background = attentionBackground(weight);
  const colour = attentionTextColour(weight);
  if (colour) span.style.color = colour;
  return span;
}

/**
 * One query position's row of one head from a layer's pattern [1, heads, t, t] (the ONNX output
 * blocks.L.attn.hook_pattern, row-major): the weights of keys 0..t-1.
 */
export function patternRow(pattern: ArrayLike<number>, heads: number, t: number, head: number, query: number): Float32Array {
  if (pattern.length !== heads * t * t) throw new Error(`an attention pattern of ${pattern.length} values is not ${heads} heads x ${t} x ${t}`);
  if (head < 0 || head >= heads || query < 0 || query >= t) throw new Error(`no head ${head} / query ${query} in ${heads} heads x ${t} positions`);
  const at = (head * t + query) * t;
  const row = new Float32Array(t);
  for (let k = 0; k < t; k++) row[k] = pattern[at + k];
  return row;
}
