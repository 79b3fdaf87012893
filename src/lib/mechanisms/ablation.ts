// Head ablation effects: for each head, the change of an item's metric (its logit difference, or log p of
// the answer's first token where the item has no wrong answer) when that head's output is zeroed before
// the output projection (head_mask 0; the projection's bias stays), averaged over the task's items.
// Negative effects mean the head helps the correct answer.
import { mean } from "../scoring/aggregate.ts";

/** Heads listed as the ones that matter, by |mean effect|. */
export const TOP_HEADS = 5;

export type AblationMetric = "logit_diff" | "log_p_first";

export interface ItemAblation {
  metric: AblationMetric;
  /** The metric on the clean run. */
  clean: number;
  /** The metric with head i (layer-major) zeroed [layers * heads]. */
  ablated: ArrayLike<number>;
}

export interface HeadEffect {
  layer: number;
  head: number;
  /** Mean over items of ablated - clean. */
  effect: number;
  /** Standard error of that mean (0 for one item). */
  sem: number;
  /** Share of items whose metric went down. */
  hurtShare: number;
}

/** Effects of every head, layer-major. */
export function headEffects(items: ItemAblation[], layers: number, heads: number): HeadEffect[] {
  const n = items.length;
  return Array.from({ length: layers * heads }, (_, i) => {
    const deltas = items.map((it) => it.ablated[i] - it.clean);
    const effect = n ? mean(deltas) : 0;
    const variance = n > 1 ? deltas.reduce((a, x) => a + (x - effect) ** 2, 0) / (n - 1) : 0;
    return {
      layer: Math.floor(i / heads),
      head: i % heads,
      effect,
      sem: Math.sqrt(variance / Math.max(n, 1)),
      hurtShare: n ? deltas.filter((x) => x < 0).length / n : 0,
    };
  });
}

/** The heads with the largest |effect| (ties: lower layer, then head). */
export function topHeads(effects: HeadEffect[], count = TOP_HEADS): HeadEffect[] {
  return [...effects].sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect) || a.layer - b.layer || a.head - b.head).slice(0, count);
}

/** "L.H", as pages and the paper name heads. */
export function headName(layer: number, head: number): string {
  return `${layer}.${head}`;
}

/** The map pages draw: effects[layer][head]. */
export function effectMap(effects: HeadEffect[], layers: number, heads: number): number[][] {
  return Array.from({ length: layers }, (_, l) => effects.slice(l * heads, (l + 1) * heads).map((e) => e.effect));
}
